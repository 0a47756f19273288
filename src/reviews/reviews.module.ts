import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns';
import { LedgerModule } from '../ledger';
import { DecisionRecorder } from './decision-recorder';

/** Recording a reviewer's decisions, which the reviewer's task workflow runs as its confirm activity. */
@Module({
  imports: [CampaignsModule, LedgerModule],
  providers: [DecisionRecorder],
  exports: [DecisionRecorder],
})
export class ReviewsModule {}
