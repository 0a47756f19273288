import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { Principal } from '../auth/roles';
import { notFound } from '../common/domain-error';
import { Database } from '../database/database';
import { ReviewerWorkspaceRepository } from './reviewer-workspace.repository';
import {
  type campaignWorkspaceView,
  type itemHistoryView,
  type MyCampaignView,
  toHistoryEntry,
  toMyCampaignView,
  toWorkspaceItemView,
} from './reviewer-workspace.views';

/** One reviewer's items of one campaign, in one answer: the page filters, searches and sorts them itself. */
export const MAX_WORKSPACE_ITEMS = 20_000;
const MAX_HISTORY = 100;

/** What the reviewer's web pages read: their campaigns, one campaign's items, an item's history. */
@Injectable()
export class ReviewerWorkspaceService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ReviewerWorkspaceRepository) private readonly workspace: ReviewerWorkspaceRepository,
  ) {}

  async myCampaigns(p: Principal, state: 'open' | 'closed' = 'open'): Promise<MyCampaignView[]> {
    const rows = await this.db.run((sql) =>
      state === 'closed'
        ? this.workspace.myClosedCampaigns(sql, p.sub)
        : this.workspace.myCampaigns(sql, p.sub),
    );
    return rows.map(toMyCampaignView);
  }

  async campaign(p: Principal, campaignId: string): Promise<z.infer<typeof campaignWorkspaceView>> {
    return this.db.run(async (sql) => {
      const campaign = await this.workspace.myCampaign(sql, p.sub, campaignId);
      if (!campaign) throw notFound('Campaign', `You have no items in campaign ${campaignId}.`);
      const items = await this.workspace.items(sql, p.sub, campaignId, MAX_WORKSPACE_ITEMS);
      return { campaign: toMyCampaignView(campaign), items: items.map(toWorkspaceItemView) };
    });
  }

  /**
   * Earlier campaigns' reviews of the item's assignment: for administrators and auditors, and for the
   * reviewer the item is with; anyone else is told there is no such item.
   */
  async history(p: Principal, itemId: string): Promise<z.infer<typeof itemHistoryView>> {
    return this.db.run(async (sql) => {
      const item = await this.workspace.responsibleFor(sql, itemId);
      const overseer = p.roles.includes('admin') || p.roles.includes('auditor');
      if (!item || (!overseer && item.responsible_reviewer_key !== p.sub)) {
        throw notFound('Review item', `No item ${itemId} in your inbox.`);
      }
      const rows = await this.workspace.history(sql, itemId, MAX_HISTORY);
      return { items: rows.map(toHistoryEntry) };
    });
  }
}
