// What other features may use of the campaigns feature.
export { CampaignLauncher } from './campaign-launcher';
export { campaignStateConflict } from './campaign.errors';
export { CampaignRepository } from './campaign.repository';
export { campaignIdParam } from './campaign.schema';
export { CampaignsHttpModule } from './campaigns-http.module';
export { CampaignsModule } from './campaigns.module';
export { CampaignsService } from './campaigns.service';
export { campaignSummaryView, toCampaignSummary } from './campaign.view';
export { ReviewItemRepository } from './review-item.repository';
export { toReviewItemView } from './review-item.view';
export type { ReviewItemView } from './review-item.view';
