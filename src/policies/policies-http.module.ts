import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LedgerModule } from '../ledger';
import { PoliciesController } from './policies.controller';
import { PoliciesModule } from './policies.module';
import { PoliciesService } from './policies.service';

/** Policies' API and their Temporal Schedules. */
@Module({
  imports: [PoliciesModule, AuditModule, LedgerModule],
  controllers: [PoliciesController],
  providers: [PoliciesService],
})
export class PoliciesHttpModule {}
