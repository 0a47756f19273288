import { Module } from '@nestjs/common';
import { CampaignsHttpModule, CampaignsModule } from '../campaigns';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** A reviewer's inbox, drafts and decisions (confirmed through the reviewer's task workflow). */
@Module({
  imports: [CampaignsModule, CampaignsHttpModule],
  controllers: [ReviewsController],
  providers: [ReviewsService],
})
export class ReviewsHttpModule {}
