import type { Sql } from '../database/database';
import type { CampaignState } from '../../workflows/campaign.contract';
import type { CampaignType } from '../domain/campaign.types';
import type { ReviewItemRow } from '../domain/review-item.types';

export interface MyCampaignRow {
  id: string;
  number: string;
  title: string;
  description: string;
  priority: number;
  type: CampaignType;
  status: CampaignState;
  due_at: Date;
  options: unknown;
  closed_at: Date | null;
  total: string;
  pending: string;
  drafts: string;
  approved: string;
  revoked: string;
  updated: string;
  undecided: string;
}

export type WorkspaceItemRow = ReviewItemRow & {
  identity_name: string | null;
  application_name: string | null;
  permission_name: string | null;
  /** The ledger's flag on the permission: privileged or critical access. */
  permission_critical: boolean | null;
  account_login: string | null;
  previous_owner: Record<string, unknown> | null;
  forwarded_by_name: string | null;
};

export interface HistoryRow {
  item_id: string;
  campaign_id: string;
  number: string;
  title: string;
  campaign_status: CampaignState;
  closed_at: Date | null;
  status: string;
  comment: string | null;
  decision_details: { endDate?: string; forwardTo?: string } | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
}

const CAMPAIGN_COUNTS = `
  SELECT c.id, c.number, c.title, c.description, c.priority, c.type, c.status, c.due_at, c.options,
         c.closed_at,
         count(*) AS total,
         count(*) FILTER (WHERE ri.status = 'to_be_reviewed') AS pending,
         count(*) FILTER (WHERE ri.draft_decision IS NOT NULL) AS drafts,
         count(*) FILTER (WHERE ri.status = 'ok' AND ri.decided_by <> 'system') AS approved,
         count(*) FILTER (WHERE ri.status = 'revoke' AND ri.decided_by <> 'system') AS revoked,
         count(*) FILTER (WHERE ri.status = 'update' AND ri.decided_by <> 'system') AS updated,
         count(*) FILTER (WHERE ri.decided_by = 'system'
                            OR c.status IN ('closed', 'cancelled')
                               AND ri.status IN ('to_be_reviewed', 'reassign', 'not_reviewed')) AS undecided
  FROM review_item ri JOIN campaign c ON c.id = ri.campaign_id
  WHERE ri.responsible_reviewer_key = $1`;

/** The most closed campaigns "My reviews" lists, newest first: enough for years of quarterly reviews. */
export const MAX_CLOSED_CAMPAIGNS = 200;

/** What the reviewer's web pages show, read in one query each. */
export class ReviewerWorkspaceRepository {
  /** Campaigns under review (active or paused) where the reviewer is responsible for items: most urgent, then soonest due, first. */
  myCampaigns(sql: Sql, reviewerKey: string): Promise<MyCampaignRow[]> {
    return sql.rows<MyCampaignRow>(
      `${CAMPAIGN_COUNTS} AND c.status IN ('active', 'paused')
       GROUP BY c.id ORDER BY c.priority, c.due_at, c.number`,
      [reviewerKey],
    );
  }

  /** Campaigns no longer under review (closing, closed, cancelled) where the reviewer had items: latest first. */
  myClosedCampaigns(sql: Sql, reviewerKey: string): Promise<MyCampaignRow[]> {
    return sql.rows<MyCampaignRow>(
      `${CAMPAIGN_COUNTS} AND c.status IN ('finalizing', 'closed', 'cancelled')
       GROUP BY c.id ORDER BY coalesce(c.closed_at, c.due_at) DESC, c.number DESC LIMIT $2`,
      [reviewerKey, MAX_CLOSED_CAMPAIGNS],
    );
  }

  myCampaign(sql: Sql, reviewerKey: string, campaignId: string): Promise<MyCampaignRow | undefined> {
    return sql.one<MyCampaignRow>(`${CAMPAIGN_COUNTS} AND c.id = $2 AND c.status <> 'init' GROUP BY c.id`, [
      reviewerKey,
      campaignId,
    ]);
  }

  /**
   * The reviewer's items of one campaign with the names the ledger gives them now, and for movers the
   * owner's characteristics at their last approval (what changed since).
   */
  items(sql: Sql, reviewerKey: string, campaignId: string, limit: number): Promise<WorkspaceItemRow[]> {
    return sql.rows<WorkspaceItemRow>(
      `SELECT ri.*, i.display_name AS identity_name, ap.name AS application_name, p.name AS permission_name,
              p.critical AS permission_critical, ac.login AS account_login, prev.owner_snapshot AS previous_owner,
              fb.display_name AS forwarded_by_name
       FROM review_item ri
       LEFT JOIN identity i ON i.key = ri.identity_key
       LEFT JOIN identity fb ON fb.key = ri.forwarded_by
       LEFT JOIN application ap ON ap.key = ri.application_key
       LEFT JOIN permission p ON p.key = ri.permission_key
       LEFT JOIN account ac ON ac.key = ri.account_key
       LEFT JOIN LATERAL (
         SELECT pr.owner_snapshot FROM review_item pr
         WHERE ri.mover AND pr.assignment_key = ri.assignment_key AND pr.kind = ri.kind
           AND pr.campaign_id <> ri.campaign_id
           AND pr.status = 'ok'
         ORDER BY pr.id DESC LIMIT 1
       ) prev ON true
       WHERE ri.campaign_id = $2 AND ri.responsible_reviewer_key = $1
       ORDER BY ri.id LIMIT $3`,
      [reviewerKey, campaignId, limit],
    );
  }

  /** Who may see an item's history: its responsible reviewer (undefined when there is no such item). */
  responsibleFor(sql: Sql, itemId: string): Promise<{ responsible_reviewer_key: string } | undefined> {
    return sql.one(`SELECT responsible_reviewer_key FROM review_item WHERE id = $1`, [itemId]);
  }

  /** Every other campaign's review of the same assignment, newest first. */
  history(sql: Sql, itemId: string, limit: number): Promise<HistoryRow[]> {
    return sql.rows<HistoryRow>(
      `SELECT pr.id AS item_id, c.id AS campaign_id, c.number, c.title, c.status AS campaign_status, c.closed_at,
              pr.status, pr.comment, pr.decision_details, pr.decided_by, d.display_name AS decided_by_name,
              pr.decided_at
       FROM review_item ri
       JOIN review_item pr ON pr.assignment_key = ri.assignment_key AND pr.kind = ri.kind AND pr.id <> ri.id
       JOIN campaign c ON c.id = pr.campaign_id AND c.status <> 'init'
       LEFT JOIN identity d ON d.key = pr.decided_by
       WHERE ri.id = $1
       ORDER BY pr.id DESC LIMIT $2`,
      [itemId, limit],
    );
  }
}
