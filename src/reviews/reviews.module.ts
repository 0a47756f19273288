import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** A reviewer's inbox, drafts and decisions (confirmed through the reviewer's task workflow). */
@Module({ imports: [CampaignsModule], controllers: [ReviewsController], providers: [ReviewsService] })
export class ReviewsModule {}
