import { Inject, Injectable } from '@nestjs/common';
import type { DecisionInput } from '../../workflows/campaign.contract';
import type { ConfirmResult } from '../../workflows/reviewer.contract';
import { missingCommentReason, readOptions } from '../domain/campaign-options';
import { CampaignRepository } from '../campaigns';
import { CampaignRow } from '../domain/campaign.types';
import { conflict, DomainError, FieldError, notFound } from '../common/domain-error';
import { Database, Sql } from '../database/database';
import type { Actor } from '../domain/actor';
import { LedgerLookupRepository } from '../ledger';
import { ReviewItemRepository } from '../campaigns';
import { DECIDABLE, ResolvedDecision, ReviewItemRow } from '../domain/review-item.types';

export const campaignNotOpen = (campaign: Pick<CampaignRow, 'number' | 'status'>) => {
  const why =
    campaign.status === 'active'
      ? 'its due date has passed'
      : `it is ${campaign.status === 'init' ? 'still being prepared' : campaign.status}`;
  return conflict(
    'campaign-not-active',
    'Campaign accepts no decisions',
    `Campaign ${campaign.number} accepts no decisions: ${why}.`,
  );
};

export function isOpen(campaign: Pick<CampaignRow, 'status' | 'due_at'>, now = new Date()): boolean {
  return campaign.status === 'active' && now < campaign.due_at;
}

/** A decision the campaign's rules refuse, naming each field (`errors`, at least one) and why. */
export const decisionRefused = (errors: FieldError[]) =>
  new DomainError(
    400,
    'invalid-decision',
    'Decision refused',
    `${errors[0].field}: ${errors[0].message}`,
    errors,
  );

/**
 * Why `reviewerKey` cannot forward `item` to `to`, or undefined when they can. A draft is checked with
 * it when saved, so that one forward to no one does not make the reviewer's whole confirmation fail.
 */
export function forwardRefusal(
  to: string,
  reviewerKey: string,
  item: Pick<ReviewItemRow, 'identity_key'>,
  campaign: Pick<CampaignRow, 'reviewers'>,
  isActive: (key: string) => boolean,
): string | undefined {
  if (!to) return 'a forward needs the identity to forward to';
  if (to === reviewerKey) return 'you cannot forward an item to yourself';
  if (to === item.identity_key && !campaign.reviewers.strategy.includes('myself'))
    return 'nobody reviews their own access in this campaign';
  if (!isActive(to)) return `"${to}" is not an active identity`;
  return undefined;
}

const itemNotFound = (missing: string[], field: (id: string) => string) =>
  new DomainError(
    404,
    'item-not-found',
    'Review item not found',
    `No item ${missing.join(', ')} in your inbox for this campaign.`,
    missing.map((id) => ({ field: field(id), message: `no item ${id} in your inbox` })),
  );

/**
 * The rules of confirming decisions (PRODUCT.md §5). Everything happens in one transaction that holds the
 * campaign row share-locked: a decision either commits while the campaign is open or is refused, even when
 * it races a pause, a finalization or the due date.
 */
@Injectable()
export class DecisionRecorder {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(ReviewItemRepository) private readonly items: ReviewItemRepository,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
  ) {}

  async confirm(
    campaignId: string,
    reviewerKey: string,
    request: { decisions?: DecisionInput[]; drafts?: boolean },
    by: Actor,
  ): Promise<ConfirmResult> {
    return this.db.transaction(async (sql) => {
      const campaign = await this.campaigns.lockForDecision(sql, campaignId);
      if (!campaign) throw notFound('Campaign');
      if (!isOpen(campaign)) throw campaignNotOpen(campaign);
      const decisions = request.drafts
        ? (await this.items.draftsOf(sql, campaignId, reviewerKey)).map(draftToDecision)
        : (request.decisions ?? []);
      if (decisions.length === 0) {
        throw new DomainError(
          400,
          'nothing-to-confirm',
          'Nothing to confirm',
          'There is no decision to confirm.',
        );
      }
      const field = (n: number, name: string) =>
        request.drafts ? `drafts[item ${decisions[n].itemId}].${name}` : `decisions[${n}].${name}`;
      const ids = decisions.map((d) => d.itemId);
      const rows = new Map(
        (await this.items.lockOwned(sql, campaignId, reviewerKey, ids)).map((r) => [r.id, r]),
      );
      const missing = ids.filter((id) => !rows.has(id));
      if (missing.length > 0) throw itemNotFound(missing, (id) => field(ids.indexOf(id), 'itemId'));

      const resolved = await this.resolve(sql, campaign, reviewerKey, decisions, rows, field);
      await this.items.applyDecisions(sql, campaignId, by, resolved);
      const forwarded = new Map<string, number>();
      for (const d of resolved)
        if (d.responsible) forwarded.set(d.responsible, (forwarded.get(d.responsible) ?? 0) + 1);
      return {
        itemIds: ids,
        forwarded: [...forwarded].map(([to, count]) => ({ to, count })),
        reviewerPending: await this.items.reviewerPending(sql, campaignId, reviewerKey),
        campaignPending: await this.items.anyPending(sql, campaignId),
      };
    });
  }

  private async resolve(
    sql: Sql,
    campaign: CampaignRow,
    reviewerKey: string,
    decisions: DecisionInput[],
    rows: Map<string, ReviewItemRow>,
    field: (n: number, name: string) => string,
  ): Promise<ResolvedDecision[]> {
    const options = readOptions(campaign.options);
    const targets = [...new Set(decisions.map((d) => d.forwardTo).filter((t): t is string => Boolean(t)))];
    const active = new Set(await this.lookup.activeIdentities(sql, targets));
    const errors: FieldError[] = [];
    const resolved = decisions.map((d, n): ResolvedDecision => {
      const item = rows.get(d.itemId)!;
      const comment = d.comment?.trim() || null;
      const fail = (name: string, message: string) => errors.push({ field: field(n, name), message });
      if (!DECIDABLE.includes(item.status))
        fail('itemId', `the item is ${item.status} and waits for an administrator`);
      const missingComment = comment ? undefined : missingCommentReason(options.commentRequired, d.decision);
      if (missingComment) fail('comment', missingComment);
      switch (d.decision) {
        case 'approve':
          return { itemId: d.itemId, status: 'ok', comment, details: null, responsible: null };
        case 'revoke':
          return { itemId: d.itemId, status: 'revoke', comment, details: null, responsible: null };
        case 'update': {
          const end = d.endDate ? Date.parse(d.endDate) : NaN;
          if (Number.isNaN(end)) fail('endDate', 'an update needs the end date the access should get');
          else if (end <= Date.now()) fail('endDate', 'must be in the future');
          return {
            itemId: d.itemId,
            status: 'update',
            comment,
            details: { endDate: d.endDate! },
            responsible: null,
          };
        }
        case 'forward': {
          const to = d.forwardTo ?? '';
          const refusal = forwardRefusal(to, reviewerKey, item, campaign, (key) => active.has(key));
          if (refusal) fail('forwardTo', refusal);
          const forwardReason = d.forwardReason?.trim() || null;
          return options.allowSelfDelegation
            ? {
                itemId: d.itemId,
                status: 'to_be_reviewed',
                comment,
                details: null,
                responsible: to,
                forwardReason,
              }
            : {
                itemId: d.itemId,
                status: 'reassign',
                comment,
                details: { forwardTo: to },
                responsible: null,
                forwardReason,
              };
        }
      }
    });
    if (errors.length > 0) throw decisionRefused(errors);
    return resolved;
  }
}

function draftToDecision(row: ReviewItemRow): DecisionInput {
  return {
    itemId: row.id,
    decision: row.draft_decision!,
    comment: row.draft_comment,
    endDate: row.draft_payload?.endDate ?? null,
    forwardTo: row.draft_payload?.forwardTo ?? null,
    forwardReason: row.draft_payload?.forwardReason ?? null,
  };
}
