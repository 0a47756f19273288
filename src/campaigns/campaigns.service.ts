import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  ActorRef,
  cancelUpdate,
  CampaignState,
  finalizeUpdate,
  pauseUpdate,
  remindNowUpdate,
  resumeUpdate,
} from '../../workflows/campaign.contract';
import { AuditRepository } from '../audit';
import { actorOf, Principal } from '../auth/roles';
import { currentRequestId } from '../common/request-context';
import { bySerialId, Keyset, keysetPage, Page } from '../common/cursor';
import { FieldError, invalidFields, notFound } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { LedgerLookupRepository } from '../ledger';
import { domainErrorOf } from '../temporal/failure-codec';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { CampaignListKey, CampaignListRow, CampaignRepository } from './campaign.repository';
import { ReviewItemRepository } from './review-item.repository';
import { ReviewItemView, toReviewItemView } from './review-item.view';
import { CampaignLauncher, LaunchInput } from './campaign-launcher';
import { campaignStateConflict } from './campaign.errors';
import {
  CampaignItemsQuery,
  CampaignPreview,
  CampaignPreviewBody,
  ListCampaignsQuery,
} from './campaign.schema';
import { CampaignRow, ItemStatus } from '../domain/campaign.types';
import { CampaignView, toCampaignView, WorkflowLink } from './campaign.view';
import { z } from 'zod';

export type CampaignAction = 'pause' | 'resume' | 'finalize' | 'cancel';

const UPDATES = { pause: pauseUpdate, resume: resumeUpdate, finalize: finalizeUpdate, cancel: cancelUpdate };
const TERMINAL: CampaignState[] = ['closed', 'cancelled'];
const newestCursor = z.strictObject({ at: z.iso.datetime({ offset: true }), id: z.uuid() });
const LIST_KEYSETS: Record<
  ListCampaignsQuery['sort'],
  Keyset<z.ZodType<CampaignListKey>, CampaignListRow>
> = {
  newest: { cursor: newestCursor, of: (r) => ({ at: r.created_key, id: r.id }) },
  priority: {
    cursor: newestCursor.extend({ priority: z.number().int().min(1).max(5) }),
    of: (r) => ({ priority: r.priority, at: r.due_key, id: r.id }),
  },
};
const OPEN: ItemStatus[] = ['to_be_reviewed', 'reassign'];

@Injectable()
export class CampaignsService {
  private readonly logger = new Logger(CampaignsService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
    @Inject(ReviewItemRepository) private readonly reviewItems: ReviewItemRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CampaignLauncher) private readonly launcher: CampaignLauncher,
  ) {}

  private get workflowLink(): WorkflowLink {
    return { uiUrl: this.config.temporal.uiUrl, namespace: this.config.temporal.namespace };
  }

  async launch(
    input: LaunchInput,
    owner: Principal,
    idempotencyKey?: string,
  ): Promise<{ created: boolean; campaign: CampaignView }> {
    const { created, row } = await this.launcher.launch(input, actorOf(owner), idempotencyKey);
    return { created, campaign: await this.view(row) };
  }

  /** How many items and reviewers a launch with this scope and strategy would select now. */
  async preview(body: CampaignPreviewBody, owner: Principal): Promise<CampaignPreview> {
    const { totals, byOrigin } = await this.db.run((sql) =>
      this.reviewItems.preview(sql, owner.sub, {
        type: body.type,
        scope: body.scope,
        strategy: body.reviewers.strategy,
        defaultReviewerKey: body.reviewers.defaultReviewerKey ?? null,
        fullReview: body.fullReview,
      }),
    );
    return {
      items: Number(totals.items),
      reviewers: Number(totals.reviewers),
      identities: Number(totals.identities),
      applications: Number(totals.applications),
      byOrigin: byOrigin.map((o) => ({
        origin: o.origin,
        items: Number(o.items),
        reviewers: Number(o.reviewers),
      })),
    };
  }

  async list(query: ListCampaignsQuery): Promise<Page<CampaignView>> {
    return this.db.run((sql) =>
      keysetPage(
        query,
        LIST_KEYSETS[query.sort],
        (after, rows) => this.campaigns.list(sql, rows, query, after),
        async (shown) => {
          const counts = await this.campaigns.counts(
            sql,
            shown.map((r) => r.id),
          );
          return shown.map((r) => toCampaignView(r, counts.get(r.id)!, this.workflowLink));
        },
      ),
    );
  }

  async get(id: string): Promise<CampaignView> {
    return this.view(await this.require(id));
  }

  async require(id: string): Promise<CampaignRow> {
    const row = await this.db.run((sql) => this.campaigns.findById(sql, id));
    if (!row) throw notFound('Campaign', `No campaign ${id}.`);
    return row;
  }

  /** Pause, resume, finalize or cancel: the workflow decides whether it is allowed, and says why not. */
  async act(id: string, action: CampaignAction, principal: Principal): Promise<CampaignView> {
    const row = await this.require(id);
    if (TERMINAL.includes(row.status)) {
      throw campaignStateConflict(
        `Campaign ${row.number} is ${row.status}; it cannot be ${pastTense(action)}.`,
      );
    }
    const args: ActorRef = actorOf(principal);
    try {
      await this.temporal.workflow
        .getHandle(row.workflow_id)
        .executeUpdate(UPDATES[action], { args: [args] });
    } catch (err) {
      const refusal = domainErrorOf(err);
      if (refusal) throw refusal;
      if (err instanceof WorkflowNotFoundError) {
        const now = await this.require(id);
        throw campaignStateConflict(
          `Campaign ${row.number} is ${now.status}; it cannot be ${pastTense(action)}.`,
        );
      }
      throw err;
    }
    return this.get(id);
  }

  /** Reminds every reviewer with undecided items now (seed 000 "Send notifications"); says how many. */
  async remindNow(id: string, principal: Principal): Promise<{ sent: number }> {
    const row = await this.require(id);
    if (row.status !== 'active') {
      throw campaignStateConflict(
        `Campaign ${row.number} is ${row.status}; reminders go out only while it is active.`,
      );
    }
    try {
      const sent = await this.temporal.workflow.getHandle(row.workflow_id).executeUpdate(remindNowUpdate, {
        // Outside a request (a script) the update still needs an id of its own.
        args: [{ ...actorOf(principal), requestId: currentRequestId() ?? randomUUID() }],
      });
      return { sent };
    } catch (err) {
      const refusal = domainErrorOf(err);
      if (refusal) throw refusal;
      throw err;
    }
  }

  /** Every item of a campaign, e.g. the `reassign` queue of items whose reviewer asked for someone else. */
  async items(id: string, query: CampaignItemsQuery): Promise<Page<ReviewItemView>> {
    await this.require(id);
    return this.db.run((sql) =>
      keysetPage(
        query,
        bySerialId,
        (after, rows) =>
          this.reviewItems.campaignItems(sql, id, {
            status: query.status,
            reviewerKey: query.reviewer ?? query.responsibleReviewerKey,
            applicationKey: query.application,
            decidedBy: query.decidedBy,
            text: query.q,
            afterId: after?.id,
            limit: rows,
          }),
        (shown) => shown.map(toReviewItemView),
      ),
    );
  }

  /**
   * Hands open items to another responsible reviewer (`to`), or back to their accountable reviewer
   * (`to` = null, "reset delegation"). The accountable reviewer never changes.
   */
  async handOver(
    id: string,
    itemIds: string[],
    to: string | null,
    principal: Principal,
  ): Promise<{ items: ReviewItemView[] }> {
    const action = to ? 'item.reassigned' : 'item.delegation_reset';
    await this.db.transaction(async (sql) => {
      const campaign = await this.campaigns.lockForDecision(sql, id);
      if (!campaign) throw notFound('Campaign', `No campaign ${id}.`);
      if (campaign.status !== 'active' && campaign.status !== 'paused') {
        throw campaignStateConflict(
          `Campaign ${campaign.number} is ${campaign.status}; its items can no longer be reassigned.`,
        );
      }
      const rows = new Map((await this.reviewItems.lockInCampaign(sql, id, itemIds)).map((r) => [r.id, r]));
      const errors: FieldError[] = [];
      itemIds.forEach((itemId, n) => {
        const row = rows.get(itemId);
        if (!row) errors.push({ field: `itemIds[${n}]`, message: `no item ${itemId} in this campaign` });
        else if (!OPEN.includes(row.status))
          errors.push({
            field: `itemIds[${n}]`,
            message: `item ${itemId} is already decided (${row.status})`,
          });
        else if (to && row.identity_key === to && !campaign.reviewers.strategy.includes('myself')) {
          errors.push({ field: 'to', message: `"${to}" cannot review their own access (item ${itemId})` });
        }
      });
      if (to && (await this.lookup.activeIdentities(sql, [to])).length === 0) {
        errors.push({ field: 'to', message: `"${to}" is not an active identity` });
      }
      if (errors.length > 0) throw invalidFields(errors);
      await this.reviewItems.handOver(sql, id, itemIds, to, actorOf(principal), action);
    });
    const rows = await this.db.run((sql) => this.reviewItems.findByIds(sql, itemIds));
    return { items: rows.map(toReviewItemView) };
  }

  private async view(row: CampaignRow): Promise<CampaignView> {
    const counts = await this.db.run((sql) => this.campaigns.counts(sql, [row.id]));
    return toCampaignView(row, counts.get(row.id)!, this.workflowLink);
  }

  /**
   * Seed 003's deleteCampaign: a closed or cancelled campaign goes with its items and remediations; the
   * audit trail (and the mail log) stay, and the deletion itself is audited.
   */
  async delete(id: string, principal: Principal): Promise<void> {
    const row = await this.require(id);
    const refuse = (status: string) =>
      campaignStateConflict(
        `Campaign ${row.number} is ${status}; only a closed or cancelled campaign can be deleted.`,
      );
    if (!TERMINAL.includes(row.status)) throw refuse(row.status);
    await this.db.transaction(async (sql) => {
      const removed = await this.campaigns.deleteEnded(sql, id);
      if (!removed) throw refuse((await this.campaigns.findById(sql, id))?.status ?? 'gone');
      await this.audit.record(sql, {
        ...actorOf(principal),
        action: 'campaign.deleted',
        objectType: 'campaign',
        objectId: id,
        campaignId: id,
        before: { number: row.number, title: row.title, status: row.status, ...removed },
      });
    });
    // A closed campaign may still wait for "apply decisions"; nothing is left for it to apply.
    try {
      await this.temporal.workflow.getHandle(row.workflow_id).terminate('campaign deleted');
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    // Its remediation workflows go in one server-side batch job; one missed would end by itself at its
    // next look at its (deleted) row.
    try {
      await this.temporal.workflowService.startBatchOperation({
        namespace: this.config.temporal.namespace,
        jobId: `delete-campaign-${id}`,
        reason: `campaign ${row.number} deleted`,
        visibilityQuery: `RecertCampaignId = '${id}' AND ExecutionStatus = 'Running'`,
        terminationOperation: {},
      });
    } catch (err) {
      this.logger.warn(
        `workflows of deleted campaign ${row.number} left to end by themselves: ${(err as Error).message}`,
      );
    }
  }

  /**
   * Whether the execution already holding this campaign's workflow id is this campaign's own (a retried
   * launch) rather than another campaign's — e.g. a database restored while Temporal kept its history.
   */
}

function pastTense(action: CampaignAction): string {
  return { pause: 'paused', resume: 'resumed', finalize: 'finalized', cancel: 'cancelled' }[action];
}
