import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { campaignWorkflowId, CampaignWorkflowInput } from '../../workflows/campaign.contract';
import type { campaignWorkflow } from '../../workflows/campaign.workflow';
import { CampaignIdKey, CampaignNumberKey, CampaignStateKey } from '../../workflows/search-attributes';
import { AuditRepository } from '../audit';
import type { Actor } from '../domain/actor';
import { DomainError, FieldError, idempotencyKeyReused, invalidFields } from '../common/domain-error';
import { requestDigest } from '../common/request-digest';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { Database, Sql } from '../database/database';
import { LedgerLookupRepository } from '../ledger';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { readOptions, reminderPlanErrors } from '../domain/campaign-options';
import { CampaignRepository } from './campaign.repository';
import { CreateCampaign } from './campaign.schema';
import { CampaignReviewers, CampaignRow, CampaignScope } from '../domain/campaign.types';

/** A campaign to launch: from the API, or from a policy (its scope, no default reviewer required). */
export type LaunchInput = Omit<CreateCampaign, 'scope' | 'reviewers'> & {
  scope: CampaignScope;
  reviewers: CampaignReviewers;
  policyId?: string | null;
};

/**
 * The rules of launching a campaign, shared by the API and by policies' scheduled runs (an activity):
 * it returns rows and raises domain errors, never API views.
 */
@Injectable()
export class CampaignLauncher {
  private readonly logger = new Logger(CampaignLauncher.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Records the campaign (references checked, audited) and starts its workflow; an Idempotency-Key seen
   * before returns the campaign it created, or 422 when it came with another request.
   */
  async launch(
    input: LaunchInput,
    by: Actor,
    idempotencyKey?: string,
  ): Promise<{ created: boolean; row: CampaignRow }> {
    const owner = by.actor;
    const planErrors = reminderPlanErrors(
      readOptions(input.options),
      this.config.limits.minReminderMs,
      'options',
    );
    if (planErrors.length > 0) throw invalidFields(planErrors);
    // A policy's launch is retried with a recomputed due date under the run's key: only API requests
    // are held to the body their key was first sent with.
    const requestHash = idempotencyKey && !input.policyId ? requestDigest(input) : null;
    if (idempotencyKey) {
      const existing = await this.db.run((sql) =>
        this.campaigns.findByIdempotencyKey(sql, owner, idempotencyKey),
      );
      if (existing) {
        if (existing.request_hash && existing.request_hash !== requestHash) throw idempotencyKeyReused();
        return { created: false, row: existing };
      }
    }
    const row = await this.db.transaction(async (sql) => {
      await this.checkReferences(sql, input);
      const number = await this.campaigns.nextNumber(sql);
      const created = await this.campaigns.insert(sql, {
        number,
        title: input.title,
        description: input.description,
        priority: input.priority,
        type: input.type,
        ownerKey: owner,
        dueAt: input.dueAt,
        scope: input.scope,
        reviewers: input.reviewers,
        onDueDate: input.onDueDate,
        options: input.options,
        workflowId: campaignWorkflowId(number),
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
        policyId: input.policyId ?? null,
      });
      await this.audit.record(sql, {
        ...by,
        action: 'campaign.created',
        objectType: 'campaign',
        objectId: created.id,
        campaignId: created.id,
        after: {
          number,
          title: input.title,
          priority: input.priority,
          scope: input.scope,
          reviewers: input.reviewers,
          dueAt: input.dueAt,
          ...(input.policyId ? { policyId: input.policyId } : {}),
        },
      });
      return created;
    });
    await this.startWorkflow(row, owner);
    return { created: true, row };
  }

  private async checkReferences(sql: Sql, input: LaunchInput): Promise<void> {
    const errors: FieldError[] = [];
    const defaultReviewer = input.reviewers.defaultReviewerKey;
    const status =
      defaultReviewer === null ? 'active' : await this.lookup.identityStatus(sql, defaultReviewer);
    if (status !== 'active') {
      errors.push({
        field: 'reviewers.defaultReviewerKey',
        message: status ? 'identity is inactive' : `unknown identity "${defaultReviewer}"`,
      });
    }
    const scopes = [
      ['applicationKeys', 'application'],
      ['permissionKeys', 'permission'],
      ['identityKeys', 'identity'],
    ] as const;
    for (const [field, table] of scopes) {
      const keys = input.scope[field];
      if (!keys) continue;
      const unknown = await this.lookup.unknownKeys(sql, table, keys);
      if (unknown.length > 0) {
        errors.push({
          field: `scope.${field}`,
          message: `unknown ${table} keys: ${unknown.slice(0, 20).join(', ')}`,
        });
      }
    }
    const { connector, itsmInstance } = input.options.remediation;
    const field = 'options.remediation.itsmInstance';
    if (itsmInstance && !this.config.remediation.itsm.some((i) => i.code === itsmInstance)) {
      errors.push({ field, message: `no ITSM instance "${itsmInstance}" is configured` });
    } else if (connector === 'itsm' && !itsmInstance) {
      errors.push({ field, message: 'the itsm connector needs the code of an ITSM instance' });
    }
    if (errors.length > 0) throw invalidFields(errors);
  }

  private async startWorkflow(row: CampaignRow, owner: string): Promise<void> {
    const input: CampaignWorkflowInput = {
      campaignId: row.id,
      number: row.number,
      title: row.title,
      ownerKey: owner,
      dueAt: row.due_at.toISOString(),
      onDueDate: row.on_due_date,
      fanOutBatch: this.config.fanOutBatch,
      manualApply: readOptions(row.options).remediation.applyDecisions === 'manual',
    };
    try {
      await this.temporal.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
        workflowId: row.workflow_id,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        staticSummary: `${row.number} · ${row.title} · launched by ${owner}`.slice(0, 200),
        staticDetails: `Access certification campaign **${row.number}** (${row.id}), due ${input.dueAt}.`,
        typedSearchAttributes: [
          { key: CampaignIdKey, value: row.id },
          { key: CampaignNumberKey, value: row.number },
          { key: CampaignStateKey, value: 'init' },
        ],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError && (await this.runsCampaign(row))) return;
      this.logger.error(`could not start ${row.workflow_id}: ${(err as Error).message}`);
      await this.db.run((sql) => this.campaigns.setStatus(sql, row.id, 'cancelled', { actor: 'system' }));
      throw new DomainError(
        503,
        'orchestration-unavailable',
        'Campaign could not be launched',
        `Campaign ${row.number} was recorded but its workflow could not start; it has been cancelled. Try again.`,
      );
    }
  }

  private async runsCampaign(row: CampaignRow): Promise<boolean> {
    const description = await this.temporal.workflow.getHandle(row.workflow_id).describe();
    return description.typedSearchAttributes.get(CampaignIdKey) === row.id;
  }
}
