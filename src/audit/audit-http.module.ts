import { Module } from '@nestjs/common';
import { AuditChainService } from './audit-chain.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditController } from './audit.controller';
import { AuditChainRepository } from './audit.repository';
import { AuditContextRepository } from './audit-context.repository';
import { AuditModule } from './audit.module';

/** The audit trail's API: read it, verify its hash chain. */
@Module({
  imports: [AuditModule],
  controllers: [AuditController],
  providers: [AuditChainRepository, AuditContextRepository, AuditChainService, AuditTrailService],
})
export class AuditHttpModule {}
