import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { AuditRepository } from '../audit/audit.repository';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { Database } from '../database/database';
import { LedgerLookupRepository } from '../ledger/ledger.repository';
import { DecisionRecorder } from '../reviews/decision-recorder';
import { MailRepository } from '../notifications/mail.repository';
import { RecipientRepository } from '../notifications/recipient.repository';
import { createMailer } from '../notifications/mailer';
import { Notifier } from '../notifications/notifier';
import { MailTemplates } from '../notifications/templates';
import type { AppConfig } from '../config/config.schema';
import { ReviewItemRepository } from '../reviews/review-item.repository';
import { ItsmRegistry } from '../remediation/itsm/itsm-registry';
import { RemediationRepository } from '../remediation/remediation.repository';
import { CampaignLauncher } from '../campaigns/campaign-launcher';
import { PolicyLauncher } from '../policies/policy-launcher';
import { PolicyRepository } from '../policies/policy.repository';
import { ActivityFailuresInterceptor } from './activity-failures.interceptor';

export interface RecertWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  /** Used by activities that start and signal reviewer tasks. */
  client: Client;
  notifier: Notifier;
  config: AppConfig;
  /** A pre-built bundle (tests bundle once per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
}

export const WORKFLOWS_PATH = require.resolve(path.join(__dirname, '..', '..', 'workflows'));

export function createRecertWorker(opts: RecertWorkerOptions): Promise<Worker> {
  const campaigns = new CampaignRepository();
  const items = new ReviewItemRepository();
  const audit = new AuditRepository();
  const remediation = opts.config.remediation;
  const campaignLauncher = new CampaignLauncher(
    opts.db,
    campaigns,
    new LedgerLookupRepository(),
    audit,
    opts.client,
    opts.config,
  );
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.identity ? { identity: opts.identity } : {}),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({
      db: opts.db,
      campaigns,
      items,
      audit,
      temporal: opts.client,
      taskQueue: opts.taskQueue,
      recorder: new DecisionRecorder(opts.db, campaigns, items, new LedgerLookupRepository()),
      notifier: opts.notifier,
      mail: new MailRepository(),
      remediations: new RemediationRepository(),
      itsm: new ItsmRegistry(remediation.itsm, remediation.timeoutMs),
      polling: {
        pollFirstMs: remediation.pollFirstMs,
        pollMaxMs: remediation.pollMaxMs,
        // A find and a create, each with its own deadline, plus the database.
        itsmActivityTimeoutMs: 2 * remediation.timeoutMs + 5_000,
      },
      policyLauncher: new PolicyLauncher(opts.db, new PolicyRepository(), campaignLauncher),
    }),
    maxConcurrentActivityTaskExecutions: 50,
    interceptors: { activity: [() => ({ inbound: new ActivityFailuresInterceptor() })] },
  });
}

/** The notifier the worker's activities mail through; close the mailer when the worker stops. */
export function createNotifier(config: AppConfig, db: Database): { notifier: Notifier; close: () => void } {
  const mailer = createMailer(config);
  return {
    notifier: new Notifier(
      db,
      new MailRepository(),
      new RecipientRepository(),
      mailer,
      new MailTemplates(),
      config.publicUrl,
      config.limits.mailDailyCap,
    ),
    close: () => mailer.close(),
  };
}
