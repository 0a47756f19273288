import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { AuditController } from './audit/audit.controller';
import { AuditChainService } from './audit/audit-chain.service';
import { AuditTrailService } from './audit/audit-trail.service';
import { AuthGuard } from './auth/auth.guard';
import { CampaignReportController } from './campaigns/campaign-report.controller';
import { CampaignReportService } from './campaigns/campaign-report.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignLauncher } from './campaigns/campaign-launcher';
import { CampaignsService } from './campaigns/campaigns.service';
import { ProblemFilter } from './common/problem.filter';
import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/config.schema';
import { Database } from './database/database';
import { HealthController } from './health/health.controller';
import { InfrastructureModule } from './infrastructure.module';
import { Metrics, METRICS } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { MailLogService } from './notifications/mail-log.service';
import { MailController } from './notifications/mail.controller';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerService } from './ledger/ledger.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { RemediationService } from './remediation/remediation.service';
import {
  ApplyDecisionsController,
  ProvisioningOrdersController,
  RemediationsController,
} from './remediation/remediations.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';

export interface AppDeps {
  config: AppConfig;
  db: Database;
  temporal: Client;
  metrics: Metrics;
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

@Module({})
class HealthModule {
  static forRoot(metrics: Metrics): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: METRICS, useValue: metrics }],
    };
  }
}

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
