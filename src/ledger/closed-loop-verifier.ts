import type { Sql } from '../database/database';
import type { CampaignType } from '../domain/campaign.types';

export interface VerificationCounts {
  verified: number;
  reopened: number;
}

/**
 * What an import proves about revocations reported done. The ledger does not know remediations: the
 * composition root hands it the verifier of the feature that owns them.
 */
export interface ClosedLoopVerifier {
  /**
   * Inside the import's transaction, against the assignments (kind `right`) or accounts it staged in
   * `staged`; with a snapshot of that collection, a done revocation in its scope that the snapshot lacks
   * is verified gone.
   */
  verify(
    sql: Sql,
    importId: string,
    kind: CampaignType,
    staged: string,
    snapshot: { applicationKey: string | null } | null,
  ): Promise<VerificationCounts>;
  /** Once the import committed: start whatever the verification reopened. */
  afterCommit(importId: string, counts: VerificationCounts): Promise<void>;
}

export const CLOSED_LOOP_VERIFIER = Symbol('CLOSED_LOOP_VERIFIER');
