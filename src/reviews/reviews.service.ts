import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DecisionInput } from '../../workflows/campaign.contract';
import { confirmUpdate, ConfirmResult } from '../../workflows/reviewer.contract';
import type { reviewerTaskWorkflow } from '../../workflows/reviewer.workflow';
import { actorOf, Principal } from '../auth/roles';
import { CampaignsService } from '../campaigns';
import { bySerialId, keysetPage, Page } from '../common/cursor';
import { DomainError, idempotencyKeyReused, notFound } from '../common/domain-error';
import { requestDigest } from '../common/request-digest';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { reviewerTaskInput, reviewerTaskOptions } from '../temporal/reviewer-tasks';
import { domainErrorOf } from '../temporal/failure-codec';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { LedgerLookupRepository } from '../ledger';
import { campaignNotOpen, decisionRefused, forwardRefusal, isOpen } from './decision-recorder';
import { ReviewItemRepository } from '../campaigns';
import { ReviewItemView, toReviewItemView } from '../campaigns';
import { BulkDecisionBody, DraftBody, InboxQuery, MAX_BULK } from './review.schema';

@Injectable()
export class ReviewsService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ReviewItemRepository) private readonly items: ReviewItemRepository,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async inbox(
    principal: Principal,
    query: InboxQuery,
  ): Promise<Page<ReviewItemView> & { counts: Record<string, number> }> {
    return this.db.run(async (sql) => ({
      ...(await keysetPage(
        query,
        bySerialId,
        (after, rows) =>
          this.items.inbox(sql, { ...query, reviewerKey: principal.sub, afterId: after?.id, limit: rows }),
        (shown) => shown.map(toReviewItemView),
      )),
      counts: await this.items.inboxCounts(sql, principal.sub, query),
    }));
  }

  /** Saves (or replaces) the caller's draft decision on one item; nothing is decided until confirmed. */
  async saveDraft(itemId: string, principal: Principal, body: DraftBody): Promise<ReviewItemView> {
    return this.db.run(async (sql) => {
      const [item] = await this.items.findByIds(sql, [itemId]);
      if (!item || item.responsible_reviewer_key !== principal.sub)
        throw notFound('Review item', `No item ${itemId} in your inbox.`);
      const campaign = await this.campaigns.require(item.campaign_id);
      if (!isOpen(campaign)) throw campaignNotOpen(campaign);
      if (body.decision === 'forward') {
        const to = body.forwardTo ?? '';
        const active = new Set(await this.lookup.activeIdentities(sql, [to]));
        const refusal = forwardRefusal(to, principal.sub, item, campaign, (key) => active.has(key));
        if (refusal) throw decisionRefused([{ field: 'forwardTo', message: refusal }]);
      }
      const payload =
        body.decision === 'update'
          ? { endDate: body.endDate }
          : body.decision === 'forward'
            ? { forwardTo: body.forwardTo, forwardReason: body.forwardReason || undefined }
            : null;
      const saved = await this.items.saveDraft(sql, itemId, principal.sub, {
        decision: body.decision,
        comment: body.comment ?? null,
        payload,
      });
      if (!saved) {
        throw new DomainError(
          409,
          'item-not-decidable',
          'Item cannot be decided',
          `Item ${itemId} is ${item.status}; it waits for an administrator.`,
        );
      }
      return toReviewItemView(saved);
    });
  }

  async discardDrafts(campaignId: string, principal: Principal): Promise<{ discarded: number }> {
    await this.campaigns.require(campaignId);
    return {
      discarded: await this.db.run((sql) => this.items.discardDrafts(sql, campaignId, principal.sub)),
    };
  }

  decide(campaignId: string, principal: Principal, decisions: DecisionInput[], idempotencyKey?: string) {
    return this.confirm(campaignId, principal, { decisions }, idempotencyKey);
  }

  confirmDrafts(campaignId: string, principal: Principal, idempotencyKey?: string) {
    return this.confirm(campaignId, principal, { drafts: true }, idempotencyKey);
  }

  /** Decides up to MAX_BULK of the caller's items matching a filter, all or nothing; says how many remain. */
  async bulk(campaignId: string, principal: Principal, body: BulkDecisionBody) {
    const targets = await this.db.run((sql) =>
      this.items.bulkTargets(sql, principal.sub, { ...body.filter, campaignId }, MAX_BULK),
    );
    if (targets.ids.length === 0) return { items: [], matched: 0, remaining: 0 };
    const decisions = targets.ids.map((itemId) => ({
      itemId,
      decision: body.decision,
      comment: body.comment,
    }));
    const result = await this.confirm(campaignId, principal, { decisions });
    return { ...result, matched: targets.total, remaining: targets.total - targets.ids.length };
  }

  /**
   * Confirmations go to the reviewer's task workflow as an Update, started on first use: the update id,
   * derived from Idempotency-Key, makes a retried request count once.
   */
  private async confirm(
    campaignId: string,
    principal: Principal,
    request: { decisions?: DecisionInput[]; drafts?: boolean },
    idempotencyKey?: string,
  ): Promise<{ items: ReviewItemView[] }> {
    const campaign = await this.campaigns.require(campaignId);
    if (!isOpen(campaign)) throw campaignNotOpen(campaign);
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof reviewerTaskWorkflow>(
      'reviewerTaskWorkflow',
      reviewerTaskOptions(this.config.temporal.taskQueue, reviewerTaskInput(campaign, principal.sub, false)),
    );
    const requestHash = idempotencyKey ? requestDigest(request) : undefined;
    let result: ConfirmResult;
    try {
      result = await this.temporal.workflow.executeUpdateWithStart(confirmUpdate, {
        args: [{ ...actorOf(principal), ...request, requestHash }],
        updateId: idempotencyKey ? `confirm:${principal.sub}:${idempotencyKey}` : randomUUID(),
        startWorkflowOperation,
      });
    } catch (err) {
      const refusal = domainErrorOf(err);
      if (refusal) throw refusal;
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw campaignNotOpen(await this.campaigns.require(campaignId));
      }
      throw err;
    }
    if (result.requestHash && result.requestHash !== requestHash) throw idempotencyKeyReused();
    const rows = await this.db.run((sql) => this.items.findByIds(sql, result.itemIds));
    return { items: rows.map(toReviewItemView) };
  }
}
