// What other features may use of the audit feature.
export { AuditHttpModule } from './audit-http.module';
export { AuditModule } from './audit.module';
export { AuditRepository } from './audit.repository';
