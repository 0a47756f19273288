import type { ItemStatus } from '../domain/campaign.types';
import { Sql } from '../database/database';
import { containing } from '../database/like-pattern';
import type { Actor } from '../domain/actor';
import { DECIDABLE, PENDING, ResolvedDecision, ReviewItemRow } from '../domain/review-item.types';
import {
  ItemSelection,
  itemSelection,
  MOVED_SINCE_APPROVAL,
  OWNER_SNAPSHOT,
  previousApproval,
} from './item-selection.sql';

export interface ItemFilter {
  campaignId?: string;
  status?: ItemStatus;
  applicationKey?: string;
  recommendation?: string;
  mover?: boolean;
  inactive?: boolean;
}

export interface CampaignItemFilter {
  status?: ItemStatus;
  reviewerKey?: string;
  applicationKey?: string;
  decidedBy?: 'reviewer' | 'due-date';
  /** Found in the label (identity, application and permission names), identity, permission or assignment key. */
  text?: string;
  afterId?: string;
  limit: number;
}

export interface InboxFilter extends ItemFilter {
  reviewerKey: string;
  afterId?: string;
  limit: number;
}

/** The inbox filters as parameterised SQL over `ri` (review_item) and `c` (campaign); $1 is the reviewer. */
function inboxWhere(f: ItemFilter): { where: string; params: unknown[] } {
  return {
    where: `ri.responsible_reviewer_key = $1
       AND ($2::uuid IS NULL OR ri.campaign_id = $2)
       AND ($3::text IS NULL OR ri.status = $3)
       AND ($4::text IS NULL OR ri.application_key = $4)
       AND ($5::text IS NULL OR ri.recommendation = $5)
       AND ($6::boolean IS NULL OR ri.mover = $6)
       AND ($7::boolean IS NULL OR ri.inactive = $7)`,
    params: [
      f.campaignId ?? null,
      f.status ?? null,
      f.applicationKey ?? null,
      f.recommendation ?? null,
      f.mover ?? null,
      f.inactive ?? null,
    ],
  };
}

export interface PreviewTotals {
  items: string;
  reviewers: string;
  identities: string;
  applications: string;
}

export class ReviewItemRepository {
  /**
   * Selects the campaign's items from the ledger in one INSERT … SELECT: scope, reviewer, recommendation
   * and label snapshots are all computed by PostgreSQL. Re-running it (activity retry) adds nothing.
   */
  async populate(
    sql: Sql,
    campaignId: string,
    selection: ItemSelection,
    inactiveAfterDays: number,
  ): Promise<void> {
    const params: unknown[] = [campaignId, inactiveAfterDays];
    const selected = itemSelection(selection, params);
    const { item } = selected;
    await sql.rows(
      `INSERT INTO review_item (campaign_id, kind, assignment_id, assignment_key, identity_key, application_key,
                                permission_key, account_key, label, owner_snapshot, accountable_reviewer_key,
                                responsible_reviewer_key, reviewer_origin, recommendation, mover, inactive,
                                last_login_at)
       SELECT c.id, '${item.kind}', ${item.assignmentId}, ${item.key}, i.key, ap.key, ${item.permissionKey}, ac.key,
              ${item.label}, ${OWNER_SNAPSHOT}, r.key, r.key, r.origin, ${item.recommendation},
              ${MOVED_SINCE_APPROVAL},
              coalesce(ac.last_login_at < now() - make_interval(days => $2), false), ac.last_login_at
       FROM campaign c
       ${selected.joins}
       ${previousApproval(item)}
       WHERE c.id = $1 AND ${selected.where}
       ON CONFLICT (campaign_id, assignment_key) DO NOTHING`,
      params,
    );
  }

  /**
   * What launching a campaign with this scope and strategy would select, through the very selection the
   * launch uses: items, reviewers, identities and applications, and items by reviewer origin.
   */
  async preview(
    sql: Sql,
    ownerKey: string,
    selection: ItemSelection,
  ): Promise<{ totals: PreviewTotals; byOrigin: { origin: string; items: string; reviewers: string }[] }> {
    const params: unknown[] = [ownerKey];
    const selected = itemSelection(selection, params);
    const from = `FROM (SELECT $1::text AS owner_key) c ${selected.joins} WHERE ${selected.where}`;
    const totals = await sql.one<PreviewTotals>(
      `SELECT count(*) AS items, count(DISTINCT r.key) AS reviewers, count(DISTINCT i.key) AS identities,
              count(DISTINCT ap.key) AS applications
       ${from}`,
      params,
    );
    const byOrigin = await sql.rows<{ origin: string; items: string; reviewers: string }>(
      `SELECT r.origin, count(*) AS items, count(DISTINCT r.key) AS reviewers ${from}
       GROUP BY r.origin ORDER BY count(*) DESC`,
      params,
    );
    return { totals: totals!, byOrigin };
  }

  async progress(sql: Sql, campaignId: string): Promise<{ total: number; pending: number }> {
    const row = await sql.one<{ total: string; pending: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE status = ANY($2)) AS pending
       FROM review_item WHERE campaign_id = $1`,
      [campaignId, PENDING],
    );
    return { total: Number(row!.total), pending: Number(row!.pending) };
  }

  async pendingCount(sql: Sql, campaignId: string): Promise<number> {
    const row = await sql.one<{ n: string }>(
      `SELECT count(*) AS n FROM review_item WHERE campaign_id = $1 AND status = ANY($2)`,
      [campaignId, PENDING],
    );
    return Number(row!.n);
  }

  /** Whether anything of the campaign still waits: an index probe, whatever the campaign size. */
  async anyPending(sql: Sql, campaignId: string): Promise<boolean> {
    const row = await sql.one<{ pending: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM review_item WHERE campaign_id = $1 AND status = ANY($2)) AS pending`,
      [campaignId, PENDING],
    );
    return row!.pending;
  }

  async reviewerPending(sql: Sql, campaignId: string, reviewerKey: string): Promise<number> {
    const row = await sql.one<{ n: string }>(
      `SELECT count(*) AS n FROM review_item
       WHERE campaign_id = $1 AND responsible_reviewer_key = $2 AND status = 'to_be_reviewed'`,
      [campaignId, reviewerKey],
    );
    return Number(row!.n);
  }

  /** Distinct responsible reviewers of a campaign after `afterKey`, in key order (fan-out paging). */
  async reviewersPage(
    sql: Sql,
    campaignId: string,
    afterKey: string | null,
    limit: number,
  ): Promise<{ key: string; items: number }[]> {
    const rows = await sql.rows<{ key: string; items: string }>(
      `SELECT responsible_reviewer_key AS key, count(*) AS items FROM review_item
       WHERE campaign_id = $1 AND ($2::text IS NULL OR responsible_reviewer_key > $2)
       GROUP BY responsible_reviewer_key ORDER BY responsible_reviewer_key LIMIT $3`,
      [campaignId, afterKey, limit],
    );
    return rows.map((r) => ({ key: r.key, items: Number(r.items) }));
  }

  /** Locks the caller's items among `itemIds`; other reviewers' items come back missing. */
  lockOwned(sql: Sql, campaignId: string, reviewerKey: string, itemIds: string[]): Promise<ReviewItemRow[]> {
    return sql.rows<ReviewItemRow>(
      `SELECT * FROM review_item
       WHERE id = ANY($3::bigint[]) AND campaign_id = $1 AND responsible_reviewer_key = $2
       ORDER BY id FOR UPDATE`,
      [campaignId, reviewerKey, itemIds],
    );
  }

  /** Locks items of a campaign by id, whoever holds them (administrator actions). */
  lockInCampaign(sql: Sql, campaignId: string, itemIds: string[]): Promise<ReviewItemRow[]> {
    return sql.rows<ReviewItemRow>(
      `SELECT * FROM review_item WHERE id = ANY($2::bigint[]) AND campaign_id = $1 ORDER BY id FOR UPDATE`,
      [campaignId, itemIds],
    );
  }

  /**
   * Writes confirmed decisions (clearing their drafts) in one statement and audits every item whose
   * status, comment, details or responsible reviewer changed, with its before and after.
   */
  async applyDecisions(
    sql: Sql,
    campaignId: string,
    by: Actor,
    decisions: ResolvedDecision[],
  ): Promise<void> {
    await sql.rows(
      `WITH input AS (
         SELECT * FROM unnest($3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $10::text[])
                AS t(id, status, comment, details, responsible, forward_reason)
       ),
       old AS (
         SELECT ri.id, ri.status, ri.comment, ri.decision_details, ri.responsible_reviewer_key
         FROM review_item ri JOIN input USING (id) WHERE ri.campaign_id = $1
       ),
       changed AS (
         UPDATE review_item ri
         SET status = input.status, comment = input.comment, decision_details = input.details,
             responsible_reviewer_key = coalesce(input.responsible, ri.responsible_reviewer_key),
             -- A forward (to a reviewer or the reassignment queue) names who sent it and why; other
             -- decisions keep the last forward's, which the item's reviewer goes on reading.
             forwarded_by = CASE WHEN input.responsible IS NOT NULL OR input.status = 'reassign'
                                 THEN $2 ELSE ri.forwarded_by END,
             forward_reason = CASE WHEN input.responsible IS NOT NULL OR input.status = 'reassign'
                                   THEN input.forward_reason ELSE ri.forward_reason END,
             decided_by = CASE WHEN input.status = 'to_be_reviewed' THEN NULL ELSE $2 END,
             decided_at = CASE WHEN input.status = 'to_be_reviewed' THEN NULL ELSE now() END,
             draft_decision = NULL, draft_comment = NULL, draft_payload = NULL, draft_at = NULL,
             updated_at = now()
         FROM input JOIN old USING (id)
         WHERE ri.id = input.id
         RETURNING ri.id, ri.status, ri.comment, ri.decision_details, ri.responsible_reviewer_key, ri.assignment_id,
                   input.forward_reason
       ),
       -- An approval certifies the assignment: on-the-fly policies count their period from it.
       certified AS (
         UPDATE assignment a SET last_certified_at = now()
         FROM changed WHERE a.id = changed.assignment_id AND changed.status = 'ok'
       )
       INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, before, after, request_id, via)
       SELECT $2,
              CASE WHEN changed.responsible_reviewer_key <> old.responsible_reviewer_key THEN 'item.forwarded'
                   WHEN changed.status = 'reassign' THEN 'item.sent_to_reassign'
                   ELSE 'item.decided' END,
              'review_item', changed.id::text, $1,
              jsonb_build_object('status', old.status, 'comment', old.comment, 'details', old.decision_details,
                                 'responsible', old.responsible_reviewer_key),
              jsonb_build_object('status', changed.status, 'comment', changed.comment,
                                 'details', changed.decision_details, 'responsible', changed.responsible_reviewer_key)
                || CASE WHEN changed.forward_reason IS NULL THEN '{}'::jsonb
                        ELSE jsonb_build_object('forwardReason', changed.forward_reason) END,
              $8, $9
       FROM changed JOIN old USING (id)
       WHERE (old.status, old.comment, old.decision_details, old.responsible_reviewer_key)
             IS DISTINCT FROM
             (changed.status, changed.comment, changed.decision_details, changed.responsible_reviewer_key)`,
      [
        campaignId,
        by.actor,
        decisions.map((d) => d.itemId),
        decisions.map((d) => d.status),
        decisions.map((d) => d.comment),
        decisions.map((d) => (d.details ? JSON.stringify(d.details) : null)),
        decisions.map((d) => d.responsible),
        by.requestId ?? null,
        by.via ?? null,
        decisions.map((d) => d.forwardReason ?? null),
      ],
    );
  }

  /** Administrators hand items to another reviewer (or back to the accountable one, `to` = null). */
  async handOver(
    sql: Sql,
    campaignId: string,
    itemIds: string[],
    to: string | null,
    by: Actor,
    action: string,
  ): Promise<void> {
    await sql.rows(
      `WITH old AS (
         SELECT id, status, responsible_reviewer_key FROM review_item
         WHERE campaign_id = $1 AND id = ANY($2::bigint[])
       ),
       changed AS (
         UPDATE review_item ri
         SET responsible_reviewer_key = coalesce($3, ri.accountable_reviewer_key),
             status = CASE WHEN ri.status = 'reassign' THEN 'to_be_reviewed' ELSE ri.status END,
             draft_decision = NULL, draft_comment = NULL, draft_payload = NULL, draft_at = NULL,
             updated_at = now()
         FROM old WHERE ri.id = old.id
         RETURNING ri.id, ri.status, ri.responsible_reviewer_key
       )
       INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, before, after, request_id, via)
       SELECT $4, $5, 'review_item', changed.id::text, $1,
              jsonb_build_object('status', old.status, 'responsible', old.responsible_reviewer_key),
              jsonb_build_object('status', changed.status, 'responsible', changed.responsible_reviewer_key), $6, $7
       FROM changed JOIN old USING (id)
       WHERE (old.status, old.responsible_reviewer_key) IS DISTINCT FROM (changed.status, changed.responsible_reviewer_key)`,
      [campaignId, itemIds, to, by.actor, action, by.requestId ?? null, by.via ?? null],
    );
  }

  /** Saves a draft on one of the caller's open items of an active campaign; undefined when there is none. */
  saveDraft(
    sql: Sql,
    itemId: string,
    reviewerKey: string,
    draft: { decision: string; comment: string | null; payload: object | null },
  ): Promise<ReviewItemRow | undefined> {
    return sql.one<ReviewItemRow>(
      `UPDATE review_item ri
       SET draft_decision = $3, draft_comment = $4, draft_payload = $5, draft_at = now(), updated_at = now()
       WHERE ri.id = $1 AND ri.responsible_reviewer_key = $2 AND ri.status = ANY($6)
       RETURNING ri.*`,
      [
        itemId,
        reviewerKey,
        draft.decision,
        draft.comment,
        draft.payload ? JSON.stringify(draft.payload) : null,
        DECIDABLE,
      ],
    );
  }

  /** Many of the reviewer's drafts in one statement; answers the ids stored (items still decidable). */
  async saveDrafts(
    sql: Sql,
    campaignId: string,
    reviewerKey: string,
    drafts: { itemId: string; decision: string; comment: string | null; payload: object | null }[],
  ): Promise<string[]> {
    const rows = await sql.rows<{ id: string }>(
      `UPDATE review_item ri
       SET draft_decision = d.decision, draft_comment = d.comment, draft_payload = d.payload, draft_at = now(),
           updated_at = now()
       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::jsonb[]) AS d(id, decision, comment, payload)
       WHERE ri.id = d.id AND ri.campaign_id = $1 AND ri.responsible_reviewer_key = $2 AND ri.status = ANY($7)
       RETURNING ri.id`,
      [
        campaignId,
        reviewerKey,
        drafts.map((d) => d.itemId),
        drafts.map((d) => d.decision),
        drafts.map((d) => d.comment),
        drafts.map((d) => (d.payload ? JSON.stringify(d.payload) : null)),
        DECIDABLE,
      ],
    );
    return rows.map((r) => r.id);
  }

  draftsOf(sql: Sql, campaignId: string, reviewerKey: string): Promise<ReviewItemRow[]> {
    return sql.rows<ReviewItemRow>(
      `SELECT * FROM review_item
       WHERE campaign_id = $1 AND responsible_reviewer_key = $2 AND draft_decision IS NOT NULL
       ORDER BY id`,
      [campaignId, reviewerKey],
    );
  }

  async discardDrafts(sql: Sql, campaignId: string, reviewerKey: string): Promise<number> {
    const rows = await sql.rows(
      `UPDATE review_item SET draft_decision = NULL, draft_comment = NULL, draft_payload = NULL, draft_at = NULL,
              updated_at = now()
       WHERE campaign_id = $1 AND responsible_reviewer_key = $2 AND draft_decision IS NOT NULL
       RETURNING id`,
      [campaignId, reviewerKey],
    );
    return rows.length;
  }

  /** At finalization every undecided item takes the campaign's due-date outcome, each one audited. */
  /** Undecided items take `outcome`, or with `by-recommendation` what their recommendation says. */
  async resolveUndecided(
    sql: Sql,
    campaignId: string,
    outcome: ItemStatus | 'by-recommendation',
  ): Promise<void> {
    await sql.rows(
      `WITH changed AS (
         UPDATE review_item
         SET status = coalesce($2::text, CASE recommendation WHEN 'recommended' THEN 'ok'
                                         WHEN 'not_recommended' THEN 'revoke' ELSE 'not_reviewed' END),
             decided_by = 'system', decided_at = now(), updated_at = now(),
             draft_decision = NULL, draft_comment = NULL, draft_payload = NULL, draft_at = NULL,
             comment = 'Undecided at the end of the campaign'
                       || CASE WHEN $2::text IS NULL THEN ': its recommendation followed' ELSE '' END
         WHERE campaign_id = $1 AND status = ANY($3)
         RETURNING id, status
       )
       INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, before, after)
       SELECT 'system', 'item.resolved_at_due_date', 'review_item', id::text, $1,
              '{"status":"to_be_reviewed"}'::jsonb, jsonb_build_object('status', status)
       FROM changed`,
      [campaignId, outcome === 'by-recommendation' ? null : outcome, PENDING],
    );
  }

  findByIds(sql: Sql, ids: string[]): Promise<ReviewItemRow[]> {
    return sql.rows<ReviewItemRow>(`SELECT * FROM review_item WHERE id = ANY($1::bigint[]) ORDER BY id`, [
      ids,
    ]);
  }

  /** Items of launched campaigns only: while a campaign is still in `init` its items are not final. */
  inbox(sql: Sql, f: InboxFilter): Promise<ReviewItemRow[]> {
    const { where, params } = inboxWhere(f);
    return sql.rows<ReviewItemRow>(
      `SELECT ri.* FROM review_item ri
       JOIN campaign c ON c.id = ri.campaign_id AND c.status <> 'init'
       WHERE ${where} AND ($8::bigint IS NULL OR ri.id > $8)
       ORDER BY ri.id
       LIMIT $9`,
      [f.reviewerKey, ...params, f.afterId ?? null, f.limit],
    );
  }

  /** Counts by status of the caller's items matching the filter (the status filter itself aside). */
  async inboxCounts(sql: Sql, reviewerKey: string, f: ItemFilter): Promise<Record<string, number>> {
    const { where, params } = inboxWhere({ ...f, status: undefined });
    const rows = await sql.rows<{ status: string; n: string }>(
      `SELECT ri.status, count(*) AS n FROM review_item ri
       JOIN campaign c ON c.id = ri.campaign_id AND c.status <> 'init'
       WHERE ${where} GROUP BY ri.status`,
      [reviewerKey, ...params],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** The caller's open items matching a filter, for bulk decisions: at most `limit`, plus how many more. */
  async bulkTargets(
    sql: Sql,
    reviewerKey: string,
    f: ItemFilter & { campaignId: string },
    limit: number,
  ): Promise<{ ids: string[]; total: number }> {
    const { where, params } = inboxWhere(f);
    const rows = await sql.rows<{ id: string; total: string }>(
      `SELECT ri.id, count(*) OVER () AS total FROM review_item ri
       JOIN campaign c ON c.id = ri.campaign_id
       WHERE ${where} AND ri.status = ANY($8)
       ORDER BY ri.id LIMIT $9`,
      [reviewerKey, ...params, DECIDABLE, limit],
    );
    return { ids: rows.map((r) => r.id), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** A campaign's items for administrators and auditors (e.g. the `reassign` queue), filtered, in id order. */
  campaignItems(sql: Sql, campaignId: string, f: CampaignItemFilter): Promise<ReviewItemRow[]> {
    // The due-date rule decides as `system`; everything else closed was decided by a person.
    return sql.rows<ReviewItemRow>(
      `SELECT * FROM review_item
       WHERE campaign_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR responsible_reviewer_key = $3) AND ($4::bigint IS NULL OR id > $4)
         AND ($6::text IS NULL OR application_key = $6)
         AND CASE $7::text WHEN 'due-date' THEN decided_by = 'system'
                           WHEN 'reviewer' THEN decided_by <> 'system'
                           ELSE true END
         AND ($8::text IS NULL OR label ILIKE $8 OR identity_key ILIKE $8 OR permission_key ILIKE $8
              OR assignment_key ILIKE $8)
       ORDER BY id LIMIT $5`,
      [
        campaignId,
        f.status ?? null,
        f.reviewerKey ?? null,
        f.afterId ?? null,
        f.limit,
        f.applicationKey ?? null,
        f.decidedBy ?? null,
        f.text ? containing(f.text) : null,
      ],
    );
  }
}
