import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LedgerModule } from '../ledger';
import { CampaignLauncher } from './campaign-launcher';
import { CampaignRepository } from './campaign.repository';
import { ReviewItemRepository } from './review-item.repository';

/** Campaigns and their review items, and the launch rules shared by the API and the policy runs. */
@Module({
  imports: [AuditModule, LedgerModule],
  providers: [CampaignRepository, ReviewItemRepository, CampaignLauncher],
  exports: [CampaignRepository, ReviewItemRepository, CampaignLauncher],
})
export class CampaignsModule {}
