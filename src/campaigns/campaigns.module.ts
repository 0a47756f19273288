import { Module } from '@nestjs/common';
import { CampaignLauncher } from './campaign-launcher';
import { CampaignReportController } from './campaign-report.controller';
import { CampaignReportService } from './campaign-report.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/** Campaigns: launch, lifecycle actions, items and reassignment, the compliance report. */
@Module({
  controllers: [CampaignsController, CampaignReportController],
  providers: [CampaignLauncher, CampaignsService, CampaignReportService],
  exports: [CampaignsService, CampaignLauncher],
})
export class CampaignsModule {}
