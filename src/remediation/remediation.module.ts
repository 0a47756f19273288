import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { ItsmRegistry } from './itsm/itsm-registry';
import { RemediationVerifier } from './remediation-verifier';
import { RemediationRepository } from './remediation.repository';

/** Remediations, the ITSM connectors that carry them out, and their closed-loop verification. */
@Module({
  providers: [
    RemediationRepository,
    RemediationVerifier,
    {
      provide: ItsmRegistry,
      useFactory: (config: AppConfig) =>
        new ItsmRegistry(config.remediation.itsm, config.remediation.timeoutMs),
      inject: [APP_CONFIG],
    },
  ],
  exports: [RemediationRepository, RemediationVerifier, ItsmRegistry],
})
export class RemediationModule {}
