import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LedgerModule } from '../ledger';
import { CampaignReportController } from './campaign-report.controller';
import { CampaignReportRepository } from './campaign-report.repository';
import { CampaignReportService } from './campaign-report.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsModule } from './campaigns.module';
import { CampaignsService } from './campaigns.service';
import { ItemStoryController } from './item-story.controller';
import { ItemStoryRepository } from './item-story.repository';
import { ItemStoryService } from './item-story.service';

/** Campaigns' API: launch, lifecycle actions, items (and each one's story) and reassignment, the compliance report. */
@Module({
  imports: [CampaignsModule, AuditModule, LedgerModule],
  controllers: [CampaignsController, CampaignReportController, ItemStoryController],
  providers: [
    CampaignsService,
    CampaignReportRepository,
    CampaignReportService,
    ItemStoryRepository,
    ItemStoryService,
  ],
  exports: [CampaignsService],
})
export class CampaignsHttpModule {}
