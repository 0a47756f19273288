import { Module } from '@nestjs/common';
import { CampaignsHttpModule, CampaignsModule } from '../campaigns';
import { ReviewerWorkspaceController } from './reviewer-workspace.controller';
import { ReviewerWorkspaceRepository } from './reviewer-workspace.repository';
import { ReviewerWorkspaceService } from './reviewer-workspace.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** A reviewer's inbox, drafts and decisions (confirmed through the reviewer's task workflow). */
@Module({
  imports: [CampaignsModule, CampaignsHttpModule],
  controllers: [ReviewerWorkspaceController, ReviewsController],
  providers: [ReviewsService, ReviewerWorkspaceService, ReviewerWorkspaceRepository],
})
export class ReviewsHttpModule {}
