import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LedgerModule } from '../ledger';
import { PoliciesController } from './policies.controller';
import { PoliciesModule } from './policies.module';
import { PoliciesService } from './policies.service';
import { ScopeLanguageController } from './scope-language.controller';

/** Policies' API and their Temporal Schedules. */
@Module({
  imports: [PoliciesModule, AuditModule, LedgerModule],
  controllers: [PoliciesController, ScopeLanguageController],
  providers: [PoliciesService],
  exports: [PoliciesService],
})
export class PoliciesHttpModule {}
