import { Module } from '@nestjs/common';
import { AuditChainService } from './audit-chain.service';
import { AuditTrailService } from './audit-trail.service';
import { AuditController } from './audit.controller';

/** The audit trail: read it, verify its hash chain. Other features write to it through AuditRepository. */
@Module({ controllers: [AuditController], providers: [AuditChainService, AuditTrailService] })
export class AuditModule {}
