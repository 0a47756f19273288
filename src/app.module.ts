import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { AuditHttpModule } from './audit';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { CampaignsHttpModule } from './campaigns';
import { ProblemFilter } from './common/problem.filter';
import { ConfigModule } from './config/config.module';
import { DemoModule } from './demo/demo.module';
import { AppConfig } from './config/config.schema';
import { Database } from './database/database';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure.module';
import { LedgerHttpModule } from './ledger';
import { Metrics } from './metrics/metrics';
import { NotificationsHttpModule } from './notifications';
import { PoliciesHttpModule } from './policies';
import { RemediationHttpModule, RemediationModule, RemediationVerifier } from './remediation';
import { ReviewsHttpModule } from './reviews';

export interface AppDeps {
  config: AppConfig;
  db: Database;
  temporal: Client;
  metrics: Metrics;
}

/** The API process's composition root: the features' HTTP modules, the guard and the problem filter. */
@Module({})
export class AppModule {
  static forRoot(deps: AppDeps): DynamicModule {
    // An import verifies remediations reported done; the ledger reaches them only through this verifier.
    // One instance (Nest tells dynamic modules apart by reference): the demo imports through it too.
    const ledger = LedgerHttpModule.register({ module: RemediationModule, verifier: RemediationVerifier });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(deps.config),
        InfrastructureModule.forRoot(deps),
        AuthModule,
        ledger,
        CampaignsHttpModule,
        ReviewsHttpModule,
        RemediationHttpModule,
        PoliciesHttpModule,
        AuditHttpModule,
        NotificationsHttpModule,
        HealthModule.forRoot(deps.metrics, deps.config.metrics),
        DemoModule.register(ledger),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
