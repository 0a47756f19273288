import { DynamicModule, Global, Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AuditChainRepository, AuditRepository } from './audit/audit.repository';
import { CampaignReportRepository } from './campaigns/campaign-report.repository';
import { CampaignRepository } from './campaigns/campaign.repository';
import { Database } from './database/database';
import { LedgerLookupRepository, LedgerRepository } from './ledger/ledger.repository';
import { MailRepository } from './notifications/mail.repository';
import { RecipientRepository } from './notifications/recipient.repository';
import { PolicyRepository } from './policies/policy.repository';
import { RemediationRepository } from './remediation/remediation.repository';
import { ReviewItemRepository } from './reviews/review-item.repository';
import { TEMPORAL_CLIENT } from './temporal/temporal.tokens';

export interface InfrastructureDeps {
  db: Database;
  temporal: Client;
}

/**
 * Process-wide resources (the database, the Temporal client, the stateless repositories), created once
 * per process and shared by the API's and the worker's module graphs.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(deps: InfrastructureDeps): DynamicModule {
    const repositories = [
      AuditRepository,
      AuditChainRepository,
      CampaignRepository,
      CampaignReportRepository,
      LedgerRepository,
      LedgerLookupRepository,
      ReviewItemRepository,
      MailRepository,
      RecipientRepository,
      RemediationRepository,
      PolicyRepository,
    ];
    return {
      module: InfrastructureModule,
      providers: [
        { provide: Database, useValue: deps.db },
        { provide: TEMPORAL_CLIENT, useValue: deps.temporal },
        ...repositories,
      ],
      exports: [Database, TEMPORAL_CLIENT, ...repositories],
    };
  }
}
