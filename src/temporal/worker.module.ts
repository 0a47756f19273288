import * as path from 'node:path';
import {
  DynamicModule,
  Inject,
  Injectable,
  INestApplicationContext,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { createActivities, type RecertActivities } from '../../activities';
import { AuditRepository } from '../audit/audit.repository';
import { CampaignLauncher } from '../campaigns/campaign-launcher';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { APP_CONFIG, ConfigModule } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import type { Logger as PinoLogger } from 'pino';
import { InfrastructureModule } from '../infrastructure.module';
import { NestPinoLogger } from '../logging/logging';
import { LedgerLookupRepository } from '../ledger/ledger.repository';
import { MailRepository } from '../notifications/mail.repository';
import { createMailer, Mailer } from '../notifications/mailer';
import { Notifier } from '../notifications/notifier';
import { RecipientRepository } from '../notifications/recipient.repository';
import { MailTemplates } from '../notifications/templates';
import { PolicyLauncher } from '../policies/policy-launcher';
import { PolicyRepository } from '../policies/policy.repository';
import { ItsmRegistry } from '../remediation/itsm/itsm-registry';
import { RemediationRepository } from '../remediation/remediation.repository';
import { DecisionRecorder } from '../reviews/decision-recorder';
import { ReviewItemRepository } from '../reviews/review-item.repository';
import { ActivityFailuresInterceptor } from './activity-failures.interceptor';
import { TEMPORAL_CLIENT } from './temporal.tokens';

export const WORKFLOWS_PATH = require.resolve(path.join(__dirname, '..', '..', 'workflows'));

export interface WorkerDeps {
  config: AppConfig;
  db: Database;
  /** Used by activities that start and signal workflows. */
  temporal: Client;
  connection: NativeConnection;
  /** A pre-built bundle (tests bundle once per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

const WORKER_DEPS = Symbol('WORKER_DEPS');
const MAILER = Symbol('MAILER');
const ACTIVITIES = Symbol('ACTIVITIES');

/** The Temporal worker of this process: started once the graph is built, drained when it closes. */
@Injectable()
export class RecertWorker implements OnApplicationShutdown {
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(WORKER_DEPS) private readonly deps: WorkerDeps,
    @Inject(ACTIVITIES) private readonly activities: RecertActivities,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  async start(): Promise<void> {
    const { config, connection, workflowBundle } = this.deps;
    this.worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
      activities: this.activities,
      maxConcurrentActivityTaskExecutions: 50,
      interceptors: { activity: [() => ({ inbound: new ActivityFailuresInterceptor() })] },
    });
    this.running = this.worker.run();
  }

  /** Drains the worker, then closes the mail transport its activities used. */
  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    this.mailer.close();
  }
}

/** The worker process's composition root: the same infrastructure as the API, plus the activities. */
@Module({})
export class WorkerModule {
  static forRoot(deps: WorkerDeps): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(deps.config), InfrastructureModule.forRoot(deps)],
      providers: [
        { provide: WORKER_DEPS, useValue: deps },
        { provide: MAILER, useFactory: (config: AppConfig) => createMailer(config), inject: [APP_CONFIG] },
        { provide: MailTemplates, useFactory: () => new MailTemplates() },
        {
          provide: Notifier,
          useFactory: (
            db: Database,
            mail: MailRepository,
            recipients: RecipientRepository,
            mailer: Mailer,
            templates: MailTemplates,
            config: AppConfig,
          ) =>
            new Notifier(
              db,
              mail,
              recipients,
              mailer,
              templates,
              config.publicUrl,
              config.limits.mailDailyCap,
            ),
          inject: [Database, MailRepository, RecipientRepository, MAILER, MailTemplates, APP_CONFIG],
        },
        {
          provide: DecisionRecorder,
          useFactory: (
            db: Database,
            campaigns: CampaignRepository,
            items: ReviewItemRepository,
            lookup: LedgerLookupRepository,
          ) => new DecisionRecorder(db, campaigns, items, lookup),
          inject: [Database, CampaignRepository, ReviewItemRepository, LedgerLookupRepository],
        },
        CampaignLauncher,
        {
          provide: PolicyLauncher,
          useFactory: (db: Database, policies: PolicyRepository, launcher: CampaignLauncher) =>
            new PolicyLauncher(db, policies, launcher),
          inject: [Database, PolicyRepository, CampaignLauncher],
        },
        {
          provide: ItsmRegistry,
          useFactory: (config: AppConfig) =>
            new ItsmRegistry(config.remediation.itsm, config.remediation.timeoutMs),
          inject: [APP_CONFIG],
        },
        {
          provide: ACTIVITIES,
          useFactory: (
            config: AppConfig,
            db: Database,
            temporal: Client,
            campaigns: CampaignRepository,
            items: ReviewItemRepository,
            audit: AuditRepository,
            mail: MailRepository,
            remediations: RemediationRepository,
            recorder: DecisionRecorder,
            notifier: Notifier,
            itsm: ItsmRegistry,
            policyLauncher: PolicyLauncher,
          ): RecertActivities =>
            createActivities({
              db,
              campaigns,
              items,
              audit,
              temporal,
              taskQueue: config.temporal.taskQueue,
              recorder,
              notifier,
              mail,
              remediations,
              itsm,
              polling: {
                pollFirstMs: config.remediation.pollFirstMs,
                pollMaxMs: config.remediation.pollMaxMs,
                // A find and a create, each with its own deadline, plus the database.
                itsmActivityTimeoutMs: 2 * config.remediation.timeoutMs + 5_000,
              },
              policyLauncher,
            }),
          inject: [
            APP_CONFIG,
            Database,
            TEMPORAL_CLIENT,
            CampaignRepository,
            ReviewItemRepository,
            AuditRepository,
            MailRepository,
            RemediationRepository,
            DecisionRecorder,
            Notifier,
            ItsmRegistry,
            PolicyLauncher,
          ],
        },
        RecertWorker,
      ],
    };
  }
}

/** Builds the worker's module graph and starts polling; `close()` on the result drains and stops it. */
export async function startWorker(deps: WorkerDeps, logger?: PinoLogger): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(deps), {
    logger: logger ? new NestPinoLogger(logger) : ['error'],
  });
  await context.get(RecertWorker).start();
  return context;
}
