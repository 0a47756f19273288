import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { AuditController } from './audit/audit.controller';
import { AuditChainService } from './audit/audit-chain.service';
import { AuditTrailService } from './audit/audit-trail.service';
import { AuditChainRepository, AuditRepository } from './audit/audit.repository';
import { AuthGuard } from './auth/auth.guard';
import { CampaignReportController } from './campaigns/campaign-report.controller';
import { CampaignReportRepository } from './campaigns/campaign-report.repository';
import { CampaignReportService } from './campaigns/campaign-report.service';
import { CampaignRepository } from './campaigns/campaign.repository';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignLauncher } from './campaigns/campaign-launcher';
import { CampaignsService } from './campaigns/campaigns.service';
import { ProblemFilter } from './common/problem.filter';
import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/config.schema';
import { Database } from './database/database';
import { HealthController } from './health/health.controller';
import { Metrics, METRICS } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { MailLogService } from './notifications/mail-log.service';
import { MailController } from './notifications/mail.controller';
import { MailRepository } from './notifications/mail.repository';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerLookupRepository, LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { PolicyRepository } from './policies/policy.repository';
import { RemediationRepository } from './remediation/remediation.repository';
import { RemediationService } from './remediation/remediation.service';
import {
  ApplyDecisionsController,
  ProvisioningOrdersController,
  RemediationsController,
} from './remediation/remediations.controller';
import { ReviewItemRepository } from './reviews/review-item.repository';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';
import { TEMPORAL_CLIENT } from './temporal/temporal.tokens';

export interface AppDeps {
  config: AppConfig;
  db: Database;
  temporal: Client;
  metrics: Metrics;
}

/** Process-wide resources, created outside Nest so the worker and the tests share them. */
@Global()
@Module({})
class InfrastructureModule {
  static forRoot(deps: AppDeps): DynamicModule {
    const repositories = [
      AuditRepository,
      AuditChainRepository,
      CampaignRepository,
      CampaignReportRepository,
      LedgerRepository,
      LedgerLookupRepository,
      ReviewItemRepository,
      MailRepository,
      RemediationRepository,
      PolicyRepository,
    ].map((r) => ({ provide: r, useValue: new r() }));
    return {
      module: InfrastructureModule,
      providers: [
        { provide: Database, useValue: deps.db },
        { provide: TEMPORAL_CLIENT, useValue: deps.temporal },
        { provide: METRICS, useValue: deps.metrics },
        ...repositories,
      ],
      exports: [Database, TEMPORAL_CLIENT, METRICS, ...repositories.map((r) => r.provide)],
    };
  }
}

@Module({ controllers: [LedgerController], providers: [LedgerService] })
class LedgerModule {}

@Module({
  controllers: [CampaignsController, CampaignReportController],
  providers: [CampaignLauncher, CampaignsService, CampaignReportService],
  exports: [CampaignsService],
})
class CampaignsModule {}

@Module({ imports: [CampaignsModule], controllers: [ReviewsController], providers: [ReviewsService] })
class ReviewsModule {}

@Module({
  imports: [CampaignsModule],
  controllers: [RemediationsController, ProvisioningOrdersController, ApplyDecisionsController],
  providers: [RemediationService],
})
class RemediationModule {}

@Module({ controllers: [PoliciesController], providers: [PoliciesService] })
class PoliciesModule {}

@Module({ controllers: [AuditController], providers: [AuditChainService, AuditTrailService] })
class AuditModule {}

@Module({ controllers: [MailController], providers: [MailLogService] })
class NotificationsModule {}

@Module({ controllers: [HealthController, MetricsController] })
class HealthModule {}

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
        HealthModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
