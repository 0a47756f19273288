import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { Sql } from '../database/database';
import type { ClosedLoopVerifier, VerificationCounts } from '../ledger';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { startRemediationLauncher } from './remediation-launcher';
import { RemediationRepository } from './remediation.repository';
import type { CampaignType } from '../domain/campaign.types';

/** Closed-loop verification of remediations, run by every ledger import. */
@Injectable()
export class RemediationVerifier implements ClosedLoopVerifier {
  constructor(
    @Inject(RemediationRepository) private readonly remediations: RemediationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  verify(
    sql: Sql,
    importId: string,
    kind: CampaignType,
    staged: string,
    snapshot: { applicationKey: string | null } | null,
  ): Promise<VerificationCounts> {
    return this.remediations.verifyAgainstImport(sql, importId, kind, staged, snapshot);
  }

  /** Reopened remediations get a new attempt in a new workflow; the launcher is idempotent per import. */
  async afterCommit(importId: string, counts: VerificationCounts): Promise<void> {
    if (counts.reopened > 0) await startRemediationLauncher(this.temporal, this.config, { importId });
  }
}
