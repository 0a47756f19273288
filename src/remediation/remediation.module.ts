import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { RemediationService } from './remediation.service';
import {
  ApplyDecisionsController,
  ProvisioningOrdersController,
  RemediationsController,
} from './remediations.controller';

/** Remediations: apply decisions, manual tasks, provisioning orders, ITSM tickets. */
@Module({
  imports: [CampaignsModule],
  controllers: [RemediationsController, ProvisioningOrdersController, ApplyDecisionsController],
  providers: [RemediationService],
})
export class RemediationModule {}
