import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns';
import { PolicyLauncher } from './policy-launcher';
import { PolicyRepository } from './policy.repository';

/** Recertification policies (seed 002) and the launch of their campaigns by a policy run. */
@Module({
  imports: [CampaignsModule],
  providers: [PolicyRepository, PolicyLauncher],
  exports: [PolicyRepository, PolicyLauncher],
})
export class PoliciesModule {}
