import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { decideUpdate, FailureType } from '../../workflows/campaign.contract';
import { Principal } from '../auth/roles';
import { CampaignsService, refusalOf } from '../campaigns/campaigns.service';
import { decodeCursor, encodeCursor, Page } from '../common/cursor';
import { conflict, DomainError, invalid } from '../common/domain-error';
import { Database } from '../database/database';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { ReviewItemRepository } from './review-item.repository';
import { ReviewItemView, toReviewItemView } from './review-item.view';
import { DecisionsBody, InboxQuery } from './review.schema';

const inboxCursor = z.object({ id: z.string().regex(/^\d+$/) });

const notOpen = (detail: string) => conflict('campaign-not-active', 'Campaign accepts no decisions', detail);

@Injectable()
export class ReviewsService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ReviewItemRepository) private readonly items: ReviewItemRepository,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async inbox(principal: Principal, query: InboxQuery): Promise<Page<ReviewItemView>> {
    const after = decodeCursor(query.cursor, inboxCursor);
    const rows = await this.db.run((sql) =>
      this.items.inbox(sql, {
        reviewerKey: principal.sub,
        campaignId: query.campaignId,
        status: query.status,
        afterId: after?.id,
        limit: query.limit + 1,
      }),
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toReviewItemView),
      nextCursor: rows.length > query.limit ? encodeCursor({ id: page[page.length - 1].id }) : null,
    };
  }

  /**
   * Decisions go through the campaign workflow as an Update: its validator refuses them synchronously
   * when the campaign is not open, and the update id makes a retried request count once.
   */
  async decide(
    campaignId: string,
    principal: Principal,
    body: DecisionsBody,
    idempotencyKey?: string,
    requestId?: string,
  ): Promise<{ items: ReviewItemView[] }> {
    const campaign = await this.campaigns.require(campaignId);
    if (campaign.status === 'init') throw notOpen(`Campaign ${campaign.number} is still being prepared.`);
    if (campaign.status !== 'active') {
      throw notOpen(`Campaign ${campaign.number} is ${campaign.status}; decisions are refused.`);
    }
    const updateId = idempotencyKey ? `decide:${principal.sub}:${idempotencyKey}` : randomUUID();
    let itemIds: string[];
    try {
      const handle = this.temporal.workflow.getHandle(campaign.workflow_id);
      const result = await handle.executeUpdate(decideUpdate, {
        args: [{ actor: principal.sub, decisions: body.decisions, requestId }],
        updateId,
      });
      itemIds = result.itemIds;
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal?.type === FailureType.CampaignNotActive) throw notOpen(refusal.message);
      if (refusal?.type === FailureType.ItemNotFound) {
        const missing = (refusal.details?.[0] as string[] | undefined) ?? [];
        throw new DomainError(
          404,
          'item-not-found',
          'Review item not found',
          refusal.message,
          missing.map((id) => ({
            field: `decisions[${body.decisions.findIndex((d) => d.itemId === id)}].itemId`,
            message: `no item ${id} in your inbox`,
          })),
        );
      }
      if (refusal?.type === FailureType.InvalidRequest) throw invalid(refusal.message, []);
      if (err instanceof WorkflowNotFoundError) {
        const now = await this.campaigns.require(campaignId);
        throw notOpen(`Campaign ${now.number} is ${now.status}; decisions are refused.`);
      }
      throw err;
    }
    const rows = await this.db.run((sql) => this.items.findByIds(sql, itemIds));
    return { items: rows.map(toReviewItemView) };
  }
}
