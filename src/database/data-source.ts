import { DataSource } from 'typeorm';
import { InitialSchema1763850000000 } from './migrations/1763850000000-initial-schema';
import { Reviewing1763860000000 } from './migrations/1763860000000-reviewing';
import { Mail1763870000000 } from './migrations/1763870000000-mail';
import { RemediationEvidence1763880000000 } from './migrations/1763880000000-remediation-evidence';
import { Policies1763890000000 } from './migrations/1763890000000-policies';
import { RemediationPolls1763900000000 } from './migrations/1763900000000-remediation-polls';
import { RequestLimits1763910000000 } from './migrations/1763910000000-request-limits';
import { BrowserSessions1763920000000 } from './migrations/1763920000000-browser-sessions';
import { AuditTrailFilters1763930000000 } from './migrations/1763930000000-audit-trail-filters';
import { MailCommitPoint1763940000000 } from './migrations/1763940000000-mail-commit-point';
import { LedgerSnapshots1763950000000 } from './migrations/1763950000000-ledger-snapshots';
import { FollowRecommendation1763960000000 } from './migrations/1763960000000-follow-recommendation';
import { CampaignPriority1763970000000 } from './migrations/1763970000000-campaign-priority';
import { AccountCampaigns1763980000000 } from './migrations/1763980000000-account-campaigns';
import { SetBasedAssignmentReferences1763990000000 } from './migrations/1763990000000-set-based-assignment-references';
import { AssignmentWithoutCertificationIndex1764000000000 } from './migrations/1764000000000-assignment-without-certification-index';
import { AssignmentReferencesPlannedPerStatement1764010000000 } from './migrations/1764010000000-assignment-references-planned-per-statement';
import { AuditTrailInChainOrder1764020000000 } from './migrations/1764020000000-audit-trail-in-chain-order';
import { ReportExportLinks1764034000000 } from './migrations/1764034000000-report-export-links';
import { ForwardReason1765000200000 } from './migrations/1765000200000-forward-reason';
import { MailBody1765000400000 } from './migrations/1765000400000-mail-body';
import { AuditBatches1765000500000 } from './migrations/1765000500000-audit-batches';
import { DevOidcState1765100100000 } from './migrations/1765100100000-dev-oidc-state';

export const migrations = [
  InitialSchema1763850000000,
  Reviewing1763860000000,
  Mail1763870000000,
  RemediationEvidence1763880000000,
  Policies1763890000000,
  RemediationPolls1763900000000,
  RequestLimits1763910000000,
  BrowserSessions1763920000000,
  AuditTrailFilters1763930000000,
  MailCommitPoint1763940000000,
  LedgerSnapshots1763950000000,
  FollowRecommendation1763960000000,
  CampaignPriority1763970000000,
  AccountCampaigns1763980000000,
  SetBasedAssignmentReferences1763990000000,
  AssignmentWithoutCertificationIndex1764000000000,
  AssignmentReferencesPlannedPerStatement1764010000000,
  AuditTrailInChainOrder1764020000000,
  ReportExportLinks1764034000000,
  ForwardReason1765000200000,
  MailBody1765000400000,
  AuditBatches1765000500000,
  DevOidcState1765100100000,
];

export function createDataSource(url: string, poolSize = 20): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error'],
    // A PostgreSQL that is down must fail a request within seconds (503), not queue it for ever.
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  });
}

/** Connects and brings the schema up to date; every process may call it, migrations take a lock. */
export async function openDatabase(url: string, poolSize?: number): Promise<DataSource> {
  const ds = createDataSource(url, poolSize);
  await ds.initialize();
  const lock = ds.createQueryRunner();
  await lock.connect();
  await lock.query('SELECT pg_advisory_lock(727274)');
  try {
    await ds.runMigrations({ transaction: 'all' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock(727274)');
    await lock.release();
  }
  return ds;
}
