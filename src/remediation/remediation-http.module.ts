import { Module } from '@nestjs/common';
import { CampaignsHttpModule } from '../campaigns';
import { ItsmInstancesController } from './itsm-instances.controller';
import { RemediationModule } from './remediation.module';
import { RemediationService } from './remediation.service';
import {
  ApplyDecisionsController,
  ProvisioningOrdersController,
  RemediationsController,
} from './remediations.controller';

/** Remediations' API: apply decisions, manual tasks, provisioning orders, ITSM tickets. */
@Module({
  imports: [RemediationModule, CampaignsHttpModule],
  controllers: [
    RemediationsController,
    ProvisioningOrdersController,
    ApplyDecisionsController,
    ItsmInstancesController,
  ],
  providers: [RemediationService],
})
export class RemediationHttpModule {}
