import type { CampaignScope } from '../campaigns/campaign.types';
import type { ItemStatus } from '../campaigns/campaign.types';
import { Sql } from '../database/database';
import { ItemDecision, ReviewItemRow } from './review-item.types';
import { ReviewerRule, reviewerSelection } from './reviewer-strategy';

const RECOMMENDATION = `CASE WHEN a.compliance = 'non_compliant' THEN 'not_recommended'
                            WHEN a.origin = 'policy' AND a.compliance = 'compliant' THEN 'recommended'
                            ELSE 'none' END`;

export interface InboxFilter {
  reviewerKey: string;
  campaignId?: string;
  status?: ItemStatus;
  afterId?: string;
  limit: number;
}

export class ReviewItemRepository {
  /**
   * Selects the campaign's items from the ledger in one INSERT … SELECT: scope, reviewer, recommendation
   * and label snapshots are all computed by PostgreSQL. Re-running it (activity retry) adds nothing.
   */
  async populate(
    sql: Sql,
    campaignId: string,
    scope: CampaignScope,
    strategy: ReviewerRule[],
    defaultReviewerKey: string,
  ): Promise<void> {
    const reviewer = reviewerSelection(strategy);
    const keys = (list?: string[]) => (list && list.length > 0 ? list : null);
    await sql.rows(
      `INSERT INTO review_item (campaign_id, kind, assignment_id, assignment_key, identity_key, application_key,
                                permission_key, account_key, label, owner_snapshot, accountable_reviewer_key,
                                responsible_reviewer_key, reviewer_origin, recommendation)
       SELECT c.id, 'right', a.id, a.key, i.key, ap.key, p.key, ac.key,
              i.display_name || ' · ' || ap.name || ' · ' || p.name,
              jsonb_build_object('managerKey', m.key, 'department', i.department, 'jobTitle', i.job_title,
                                 'type', i.type, 'status', i.status),
              r.key, r.key, r.origin, ${RECOMMENDATION}
       FROM campaign c
       JOIN assignment a ON a.status = 'ASSIGNED'
       JOIN identity i ON i.id = a.identity_id
       JOIN permission p ON p.id = a.permission_id
       JOIN application ap ON ap.id = p.application_id
       LEFT JOIN account ac ON ac.id = a.account_id
       LEFT JOIN identity m ON m.id = i.manager_id
       LEFT JOIN identity d ON d.key = $5 AND d.status = 'active'
       CROSS JOIN LATERAL (SELECT ${reviewer.key} AS key, ${reviewer.origin} AS origin) r
       WHERE c.id = $1
         AND ($2::text[] IS NULL OR ap.key = ANY($2))
         AND ($3::text[] IS NULL OR p.key = ANY($3))
         AND ($4::text[] IS NULL OR i.key = ANY($4))
       ON CONFLICT (campaign_id, assignment_key) DO NOTHING`,
      [
        campaignId,
        keys(scope.applicationKeys),
        keys(scope.permissionKeys),
        keys(scope.identityKeys),
        defaultReviewerKey,
      ],
    );
  }

  async progress(sql: Sql, campaignId: string): Promise<{ total: number; pending: number }> {
    const row = await sql.one<{ total: string; pending: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'to_be_reviewed') AS pending
       FROM review_item WHERE campaign_id = $1`,
      [campaignId],
    );
    return { total: Number(row!.total), pending: Number(row!.pending) };
  }

  async pendingCount(sql: Sql, campaignId: string): Promise<number> {
    const row = await sql.one<{ n: string }>(
      `SELECT count(*) AS n FROM review_item WHERE campaign_id = $1 AND status = 'to_be_reviewed'`,
      [campaignId],
    );
    return Number(row!.n);
  }

  /** Locks the caller's items among `itemIds`; ids of other reviewers' items come back missing. */
  async lockOwned(sql: Sql, campaignId: string, reviewerKey: string, itemIds: string[]): Promise<string[]> {
    const rows = await sql.rows<{ id: string }>(
      `SELECT id FROM review_item
       WHERE id = ANY($3::bigint[]) AND campaign_id = $1 AND responsible_reviewer_key = $2
       ORDER BY id FOR UPDATE`,
      [campaignId, reviewerKey, itemIds],
    );
    return rows.map((r) => r.id);
  }

  /** Applies decisions that change something and audits each one with its before and after. */
  async decide(
    sql: Sql,
    campaignId: string,
    reviewerKey: string,
    decisions: ItemDecision[],
    requestId: string | null,
  ): Promise<void> {
    await sql.rows(
      `WITH input AS (
         SELECT * FROM unnest($3::bigint[], $4::text[], $5::text[]) AS t(id, status, comment)
       ),
       old AS (
         SELECT ri.id, ri.status, ri.comment FROM review_item ri JOIN input USING (id)
         WHERE ri.campaign_id = $1 AND (ri.status, ri.comment) IS DISTINCT FROM (input.status, input.comment)
       ),
       changed AS (
         UPDATE review_item ri
         SET status = input.status, comment = input.comment, decided_by = $2, decided_at = now(),
             updated_at = now()
         FROM input JOIN old USING (id)
         WHERE ri.id = input.id
         RETURNING ri.id, ri.status, ri.comment
       )
       INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, before, after, request_id)
       SELECT $2, 'item.decided', 'review_item', changed.id::text, $1,
              jsonb_build_object('status', old.status, 'comment', old.comment),
              jsonb_build_object('status', changed.status, 'comment', changed.comment), $6
       FROM changed JOIN old USING (id)`,
      [
        campaignId,
        reviewerKey,
        decisions.map((d) => d.itemId),
        decisions.map((d) => d.status),
        decisions.map((d) => d.comment),
        requestId,
      ],
    );
  }

  /** At finalization every undecided item takes the campaign's due-date outcome, each one audited. */
  async resolveUndecided(sql: Sql, campaignId: string, outcome: ItemStatus): Promise<void> {
    await sql.rows(
      `WITH changed AS (
         UPDATE review_item
         SET status = $2, decided_by = 'system', decided_at = now(), updated_at = now(),
             comment = 'Undecided at the end of the campaign'
         WHERE campaign_id = $1 AND status = 'to_be_reviewed'
         RETURNING id, status
       )
       INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, before, after)
       SELECT 'system', 'item.resolved_at_due_date', 'review_item', id::text, $1,
              '{"status":"to_be_reviewed"}'::jsonb, jsonb_build_object('status', status)
       FROM changed`,
      [campaignId, outcome],
    );
  }

  findByIds(sql: Sql, ids: string[]): Promise<ReviewItemRow[]> {
    return sql.rows<ReviewItemRow>(`SELECT * FROM review_item WHERE id = ANY($1::bigint[]) ORDER BY id`, [
      ids,
    ]);
  }

  /** Items of launched campaigns only: while a campaign is still in `init` its items are not final. */
  inbox(sql: Sql, f: InboxFilter): Promise<ReviewItemRow[]> {
    return sql.rows<ReviewItemRow>(
      `SELECT ri.* FROM review_item ri
       JOIN campaign c ON c.id = ri.campaign_id AND c.status <> 'init'
       WHERE ri.responsible_reviewer_key = $1
         AND ($2::uuid IS NULL OR ri.campaign_id = $2)
         AND ($3::text IS NULL OR ri.status = $3)
         AND ($4::bigint IS NULL OR ri.id > $4)
       ORDER BY ri.id
       LIMIT $5`,
      [f.reviewerKey, f.campaignId ?? null, f.status ?? null, f.afterId ?? null, f.limit],
    );
  }
}
