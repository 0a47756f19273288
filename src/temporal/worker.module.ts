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
import { AuditModule, AuditRepository } from '../audit';
import { CampaignRepository, CampaignsModule, ReviewItemRepository } from '../campaigns';
import { APP_CONFIG, ConfigModule } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import type { Logger as PinoLogger } from 'pino';
import { InfrastructureModule } from '../infrastructure.module';
import { NestPinoLogger } from '../logging/logging';
import {
  MailDeliveryModule,
  MAILER,
  Mailer,
  MailRepository,
  NotificationsModule,
  Notifier,
} from '../notifications';
import { PoliciesModule, PolicyLauncher } from '../policies';
import { ItsmRegistry, RemediationModule, RemediationRepository } from '../remediation';
import { DecisionRecorder, ReviewsModule } from '../reviews';
import { ActivityFailuresInterceptor } from './activity-failures.interceptor';
import { TEMPORAL_CLIENT } from './temporal.tokens';
import { prebuiltWorkflowBundle } from './workflow-bundle';

export interface WorkerDeps {
  config: AppConfig;
  db: Database;
  /** Used by activities that start and signal workflows. */
  temporal: Client;
  connection: NativeConnection;
  /** The tests' bundle (made once per run from the sources); otherwise the one `npm run build` made. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

const WORKER_DEPS = Symbol('WORKER_DEPS');
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
      workflowBundle: workflowBundle ?? prebuiltWorkflowBundle(),
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

/** The worker process's composition root: the features' domain modules, and the activities built on them. */
@Module({})
export class WorkerModule {
  static forRoot(deps: WorkerDeps): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(deps.config),
        InfrastructureModule.forRoot(deps),
        AuditModule,
        CampaignsModule,
        NotificationsModule,
        MailDeliveryModule,
        PoliciesModule,
        RemediationModule,
        ReviewsModule,
      ],
      providers: [
        { provide: WORKER_DEPS, useValue: deps },
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
