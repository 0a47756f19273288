import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';

/** The audit trail's writer, which every feature that changes something appends through. */
@Module({ providers: [AuditRepository], exports: [AuditRepository] })
export class AuditModule {}
