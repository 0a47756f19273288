import { ApplicationFailure } from '@temporalio/common';
import {
  FailureType,
  type CampaignState,
  type DecideRequest,
  type DecideResult,
  type OnDueDate,
} from '../workflows/campaign.contract';
import type { AuditRepository } from '../src/audit/audit.repository';
import type { CampaignRepository } from '../src/campaigns/campaign.repository';
import type { Database } from '../src/database/database';
import type { ReviewItemRepository } from '../src/reviews/review-item.repository';
import type { ReviewerRule } from '../src/reviews/reviewer-strategy';

export interface CampaignActivityDeps {
  db: Database;
  campaigns: CampaignRepository;
  items: ReviewItemRepository;
  audit: AuditRepository;
}

const OUTCOME: Record<OnDueDate, 'not_reviewed' | 'ok' | 'revoke'> = {
  not_reviewed: 'not_reviewed',
  approve: 'ok',
  revoke: 'revoke',
};

export function createCampaignActivities({ db, campaigns, items, audit }: CampaignActivityDeps) {
  return {
    async populateCampaign({
      campaignId,
    }: {
      campaignId: string;
    }): Promise<{ total: number; pending: number }> {
      return db.transaction(async (sql) => {
        const campaign = await campaigns.findById(sql, campaignId);
        if (!campaign) throw ApplicationFailure.nonRetryable(`campaign ${campaignId} does not exist`);
        const { strategy, defaultReviewerKey } = campaign.reviewers;
        await items.populate(sql, campaignId, campaign.scope, strategy as ReviewerRule[], defaultReviewerKey);
        const progress = await items.progress(sql, campaignId);
        await audit.record(
          sql,
          {
            actor: 'system',
            action: 'campaign.populated',
            objectType: 'campaign',
            objectId: campaignId,
            campaignId,
            after: { items: progress.total },
          },
          true,
        );
        return progress;
      });
    },

    async setCampaignStatus(input: {
      campaignId: string;
      status: CampaignState;
      actor: string;
      requestId?: string;
    }): Promise<void> {
      await db.run((sql) =>
        campaigns.setStatus(sql, input.campaignId, input.status, input.actor, input.requestId),
      );
    },

    async recordDecisions(input: DecideRequest & { campaignId: string }): Promise<DecideResult> {
      const itemIds = input.decisions.map((d) => d.itemId);
      return db.transaction(async (sql) => {
        const owned = new Set(await items.lockOwned(sql, input.campaignId, input.actor, itemIds));
        const missing = itemIds.filter((id) => !owned.has(id));
        if (missing.length > 0) {
          throw ApplicationFailure.create({
            type: FailureType.ItemNotFound,
            message: `No item ${missing.join(', ')} in your inbox for this campaign.`,
            details: [missing],
            nonRetryable: true,
          });
        }
        await items.decide(
          sql,
          input.campaignId,
          input.actor,
          input.decisions.map((d) => ({
            itemId: d.itemId,
            status: d.decision === 'approve' ? 'ok' : 'revoke',
            comment: d.comment ?? null,
          })),
          input.requestId ?? null,
        );
        return { itemIds, pending: await items.pendingCount(sql, input.campaignId) };
      });
    },

    async resolveUndecided(input: {
      campaignId: string;
      onDueDate: OnDueDate;
    }): Promise<{ pending: number }> {
      return db.transaction(async (sql) => {
        await items.resolveUndecided(sql, input.campaignId, OUTCOME[input.onDueDate]);
        return { pending: await items.pendingCount(sql, input.campaignId) };
      });
    },
  };
}
