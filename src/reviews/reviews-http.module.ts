import { Module } from '@nestjs/common';
import { CampaignsHttpModule, CampaignsModule } from '../campaigns';
import { LedgerModule } from '../ledger';
import { OfflineReviewController } from './offline-review.controller';
import { OfflineReviewService } from './offline-review.service';
import { ReviewerWorkspaceController } from './reviewer-workspace.controller';
import { ReviewerWorkspaceRepository } from './reviewer-workspace.repository';
import { ReviewerWorkspaceService } from './reviewer-workspace.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** A reviewer's inbox, drafts (also from an offline spreadsheet) and decisions (confirmed through the reviewer's task workflow). */
@Module({
  imports: [CampaignsModule, CampaignsHttpModule, LedgerModule],
  controllers: [ReviewerWorkspaceController, ReviewsController, OfflineReviewController],
  providers: [ReviewsService, ReviewerWorkspaceService, ReviewerWorkspaceRepository, OfflineReviewService],
  exports: [ReviewsService],
})
export class ReviewsHttpModule {}
