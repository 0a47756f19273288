import type { CampaignState } from '../../workflows/campaign.contract';
import { Sql } from '../database/database';
import type { Actor } from '../domain/actor';
import {
  CampaignCounts,
  CampaignRow,
  CampaignType,
  ITEM_STATUSES,
  ItemStatus,
} from '../domain/campaign.types';

export interface NewCampaign {
  number: string;
  title: string;
  description: string;
  priority: number;
  type: CampaignType;
  ownerKey: string;
  dueAt: string;
  scope: object;
  reviewers: object;
  onDueDate: string;
  options: object;
  workflowId: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  policyId: string | null;
}

export interface CampaignListFilter {
  sort: 'newest' | 'priority';
  status?: CampaignState;
  ownerKey?: string;
  q?: string;
}

/** The last row's sort key: its creation time (newest first) or its priority and due date. */
export interface CampaignListKey {
  priority?: number;
  at: string;
  id: string;
}

// A resume enters `active` again; the campaign keeps the time it first became active.
const STAMP_OF: Partial<Record<CampaignState, string>> = {
  active: 'activated_at = coalesce(c.activated_at, now())',
  paused: 'paused_at = now()',
  finalizing: 'finalizing_at = now()',
  closed: 'closed_at = now()',
  cancelled: 'cancelled_at = now()',
};

/** A timestamp as ISO 8601 text in UTC with all six fractional digits PostgreSQL keeps. */
const MICROS = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A listed campaign with its paging keys at full precision. */
export type CampaignListRow = CampaignRow & { created_key: string; due_key: string };

export class CampaignRepository {
  async nextNumber(sql: Sql): Promise<string> {
    const row = await sql.one<{ number: string }>(
      `SELECT 'CAMP-' || lpad(nextval('campaign_number_seq')::text, 6, '0') AS number`,
    );
    return row!.number;
  }

  async insert(sql: Sql, c: NewCampaign): Promise<CampaignRow> {
    const row = await sql.one<CampaignRow>(
      `INSERT INTO campaign (number, title, description, type, status, owner_key, due_at, scope, reviewers,
                             on_due_date, workflow_id, idempotency_key, options, policy_id, request_hash,
                             priority, ledger_import_id)
       VALUES ($1, $2, $3, $4, 'init', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
               (SELECT max(id) FROM ledger_import))
       RETURNING *`,
      [
        c.number,
        c.title,
        c.description,
        c.type,
        c.ownerKey,
        c.dueAt,
        JSON.stringify(c.scope),
        JSON.stringify(c.reviewers),
        c.onDueDate,
        c.workflowId,
        c.idempotencyKey,
        JSON.stringify(c.options),
        c.policyId,
        c.requestHash,
        c.priority,
      ],
    );
    return row!;
  }

  findById(sql: Sql, id: string): Promise<CampaignRow | undefined> {
    return sql.one<CampaignRow>(`SELECT * FROM campaign WHERE id = $1`, [id]);
  }

  findByIdempotencyKey(sql: Sql, ownerKey: string, key: string): Promise<CampaignRow | undefined> {
    return sql.one<CampaignRow>(`SELECT * FROM campaign WHERE owner_key = $1 AND idempotency_key = $2`, [
      ownerKey,
      key,
    ]);
  }

  /**
   * The campaign, share-locked for the rest of the transaction: a decision recorded under this lock cannot
   * interleave with a status change, which needs the row exclusively.
   */
  lockForDecision(sql: Sql, id: string): Promise<CampaignRow | undefined> {
    return sql.one<CampaignRow>(`SELECT * FROM campaign WHERE id = $1 FOR SHARE`, [id]);
  }

  /**
   * Filtered by status, owner and a text in the title or number, newest first or most urgent first (then
   * soonest due); keyset paging: `after` holds the sort key of the last row of the previous page.
   */
  list(
    sql: Sql,
    limit: number,
    filter: CampaignListFilter,
    after?: CampaignListKey,
  ): Promise<CampaignListRow[]> {
    const params: unknown[] = [limit, filter.status ?? null, filter.ownerKey ?? null, filter.q ?? null];
    const param = (value: unknown) => `$${params.push(value)}`;
    const byPriority = filter.sort === 'priority';
    const keyset = !after
      ? 'true'
      : byPriority
        ? `(priority, due_at, id) > (${param(after.priority)}::smallint, ${param(after.at)}::timestamptz, ${param(after.id)}::uuid)`
        : `(created_at, id) < (${param(after.at)}::timestamptz, ${param(after.id)}::uuid)`;
    // The keys at the column's precision (microseconds): a JavaScript Date keeps milliseconds, and a cursor
    // rounded to them skipped every campaign created in the same millisecond as a page's last one.
    return sql.rows<CampaignListRow>(
      `SELECT *, ${MICROS('created_at')} AS created_key, ${MICROS('due_at')} AS due_key FROM campaign
       WHERE ${keyset}
         AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR owner_key = $3)
         AND ($4::text IS NULL OR strpos(lower(title), lower($4)) > 0 OR strpos(lower(number), lower($4)) > 0)
       ORDER BY ${byPriority ? 'priority, due_at, id' : 'created_at DESC, id DESC'}
       LIMIT $1`,
      params,
    );
  }

  async counts(sql: Sql, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
    const rows = await sql.rows<{ campaign_id: string; status: ItemStatus; n: string; by_due_date: string }>(
      `SELECT campaign_id, status, count(*) AS n, count(*) FILTER (WHERE decided_by = 'system') AS by_due_date
       FROM review_item
       WHERE campaign_id = ANY($1::uuid[]) GROUP BY campaign_id, status`,
      [campaignIds],
    );
    const result = new Map<string, CampaignCounts>();
    for (const id of campaignIds) {
      const zero = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
      result.set(id, { total: 0, closedAtDueDate: 0, ...zero });
    }
    for (const row of rows) {
      const counts = result.get(row.campaign_id)!;
      counts[row.status] = Number(row.n);
      counts.total += Number(row.n);
      counts.closedAtDueDate += Number(row.by_due_date);
    }
    return result;
  }

  /**
   * Mirrors a workflow transition: status, its timestamp and the audit entry in one statement.
   * A repeated call (activity retry) finds the status already set and writes nothing.
   */
  async setStatus(sql: Sql, id: string, to: CampaignState, by: Actor): Promise<boolean> {
    const stamp = STAMP_OF[to] ? `, ${STAMP_OF[to]}` : '';
    const rows = await sql.rows(
      `WITH old AS (SELECT id, status FROM campaign WHERE id = $1 FOR UPDATE),
       changed AS (
         UPDATE campaign c SET status = $2, updated_at = now()${stamp}
         FROM old WHERE c.id = old.id AND old.status <> $2
         RETURNING c.id, old.status AS before, c.status AS after
       )
       INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, before, after, request_id, via)
       SELECT $3, 'campaign.' || after, 'campaign', id::text, id,
              jsonb_build_object('status', before), jsonb_build_object('status', after), $4, $5
       FROM changed
       RETURNING id`,
      [id, to, by.actor, by.requestId ?? null, by.via ?? null],
    );
    return rows.length > 0;
  }

  /** Deletes a closed or cancelled campaign (items and remediations cascade); undefined if it is neither. */
  async deleteEnded(sql: Sql, id: string): Promise<{ items: number; remediations: number } | undefined> {
    const row = await sql.one<{ items: string; remediations: string }>(
      `WITH counts AS (
         SELECT (SELECT count(*) FROM review_item WHERE campaign_id = $1) AS items,
                (SELECT count(*) FROM remediation WHERE campaign_id = $1) AS remediations
       ),
       gone AS (DELETE FROM campaign WHERE id = $1 AND status IN ('closed', 'cancelled') RETURNING id)
       SELECT counts.* FROM gone, counts`,
      [id],
    );
    return row ? { items: Number(row.items), remediations: Number(row.remediations) } : undefined;
  }
}
