import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ProblemFilter } from './common/problem.filter';
import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/config.schema';
import { Database } from './database/database';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure.module';
import { LedgerModule } from './ledger/ledger.module';
import { Metrics } from './metrics/metrics';
import { NotificationsModule } from './notifications/notifications.module';
import { PoliciesModule } from './policies/policies.module';
import { RemediationModule } from './remediation/remediation.module';
import { ReviewsModule } from './reviews/reviews.module';

export interface AppDeps {
  config: AppConfig;
  db: Database;
  temporal: Client;
  metrics: Metrics;
}

/** The API process's composition root: the feature modules, the guard and the problem filter. */
@Module({})
export class AppModule {
  static forRoot(deps: AppDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(deps.config),
        InfrastructureModule.forRoot(deps),
        LedgerModule,
        CampaignsModule,
        ReviewsModule,
        RemediationModule,
        PoliciesModule,
        AuditModule,
        NotificationsModule,
        HealthModule.forRoot(deps.metrics),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
