// What other features may use of the remediation feature.
export { ItsmRegistry } from './itsm/itsm-registry';
export { RemediationHttpModule } from './remediation-http.module';
export { RemediationVerifier } from './remediation-verifier';
export { RemediationModule } from './remediation.module';
export { RemediationRepository } from './remediation.repository';
