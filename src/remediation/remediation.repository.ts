import type { Sql } from '../database/database';
import type { Actor } from '../domain/actor';
import type { TicketState } from './itsm/itsm-adapter';
import type { CampaignType } from '../domain/campaign.types';
import type {
  ClosedStatus,
  OrderStatus,
  RemediationDefaults,
  RemediationRow,
  RemediationType,
} from '../domain/remediation.types';

/**
 * The remediations a campaign's decisions call for, one per `revoke` or `update` item: the
 * application's connector wins over the campaign's; an `itsm` connector with no instance falls back to
 * a manual task; the assignee of a manual task is the permission's owner, else the application's, else
 * the campaign owner.
 */
const PLANNED = `
  SELECT ri.campaign_id, ri.id AS item_id, ri.status AS action, ri.decision_details AS details, ri.kind,
         ri.assignment_key, ri.identity_key, ri.application_key, ri.permission_key, ri.account_key, ri.label,
         CASE WHEN coalesce(app.remediation_connector, $2) = 'itsm'
                   AND coalesce(app.itsm_instance, $3) IS NULL THEN 'embedded'
              ELSE coalesce(app.remediation_connector, $2) END AS type,
         CASE WHEN coalesce(app.remediation_connector, $2) = 'itsm'
              THEN coalesce(app.itsm_instance, $3) END AS itsm_instance,
         coalesce(perm_owner.key, app_owner.key, c.owner_key) AS assignee_key
  FROM review_item ri
  JOIN campaign c ON c.id = ri.campaign_id
  LEFT JOIN application app ON app.key = ri.application_key
  LEFT JOIN identity app_owner ON app_owner.id = app.owner_id
  LEFT JOIN permission p ON p.key = ri.permission_key
  LEFT JOIN identity perm_owner ON perm_owner.id = p.owner_id
  WHERE ri.campaign_id = $1 AND ri.status IN ('revoke', 'update')`;

const PRINTABLE_READY = 'Ready';

export interface RemediationFilter {
  campaignId?: string;
  type?: RemediationType;
  closedStatus?: ClosedStatus;
  assigneeKey?: string;
  flagged?: boolean;
  afterId?: string;
  limit: number;
}

export class RemediationRepository {
  async preview(
    sql: Sql,
    campaignId: string,
    defaults: RemediationDefaults,
    sampleSize: number,
  ): Promise<{ byType: { type: string; action: string; n: string }[]; sample: Record<string, unknown>[] }> {
    const params = [campaignId, defaults.connector, defaults.itsmInstance];
    const byType = await sql.rows<{ type: string; action: string; n: string }>(
      `SELECT type, action, count(*) AS n FROM (${PLANNED}) planned GROUP BY type, action ORDER BY type, action`,
      params,
    );
    const sample = await sql.rows<Record<string, unknown>>(
      `${PLANNED} ORDER BY ri.id LIMIT ${Number(sampleSize)}`,
      params,
    );
    return { byType, sample };
  }

  /** Creates the campaign's remediations once (a retried call finds them and adds nothing), audited. */
  async createForCampaign(
    sql: Sql,
    campaignId: string,
    defaults: RemediationDefaults,
    by: Actor,
  ): Promise<number> {
    const rows = await sql.rows<{ id: string }>(
      `WITH created AS (
         INSERT INTO remediation (campaign_id, item_id, action, details, kind, assignment_key, identity_key,
                                  application_key, permission_key, account_key, label, type, itsm_instance,
                                  assignee_key, status)
         SELECT planned.*, '${PRINTABLE_READY}' FROM (${PLANNED}) planned
         ON CONFLICT (item_id) DO NOTHING
         RETURNING id, campaign_id, type, action
       ),
       stamped AS (
         UPDATE campaign SET decisions_applied_at = now(), decisions_applied_by = $4, updated_at = now()
         WHERE id = $1 AND decisions_applied_at IS NULL
         RETURNING id
       )
       INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, after, request_id, via)
       SELECT $4, 'campaign.decisions_applied', 'campaign', $1::text, $1,
              jsonb_build_object('remediations', (SELECT count(*) FROM created),
                                 'byType', (SELECT coalesce(jsonb_object_agg(type, n), '{}') FROM
                                              (SELECT type, count(*) AS n FROM created GROUP BY type) t)),
              $5, $6
       FROM stamped
       RETURNING (after->>'remediations') AS id`,
      [campaignId, defaults.connector, defaults.itsmInstance, by.actor, by.requestId ?? null, by.via ?? null],
    );
    return rows.length ? Number(rows[0].id) : 0;
  }

  /** A page of remediations waiting for their workflow: a campaign's, or those an import reopened. */
  readyPage(
    sql: Sql,
    scope: { campaignId: string } | { importId: string },
    afterId: string,
    limit: number,
  ): Promise<Pick<RemediationRow, 'id' | 'attempt' | 'campaign_id' | 'type' | 'label'>[]> {
    const where = 'campaignId' in scope ? 'campaign_id = $1' : 'verified_by_import = $1';
    return sql.rows(
      `SELECT id, attempt, campaign_id, type, label FROM remediation
       WHERE ${where} AND closed_status = -1 AND id > $2 ORDER BY id LIMIT $3`,
      ['campaignId' in scope ? scope.campaignId : scope.importId, afterId, limit],
    );
  }

  find(sql: Sql, id: string): Promise<RemediationRow | undefined> {
    return sql.one<RemediationRow>(`SELECT * FROM remediation WHERE id = $1`, [id]);
  }

  findForUpdate(sql: Sql, id: string): Promise<RemediationRow | undefined> {
    return sql.one<RemediationRow>(`SELECT * FROM remediation WHERE id = $1 FOR UPDATE`, [id]);
  }

  list(sql: Sql, f: RemediationFilter): Promise<RemediationRow[]> {
    return sql.rows<RemediationRow>(
      `SELECT * FROM remediation
       WHERE ($1::uuid IS NULL OR campaign_id = $1)
         AND ($2::text IS NULL OR type = $2)
         AND ($3::smallint IS NULL OR closed_status = $3)
         AND ($4::text IS NULL OR assignee_key = $4)
         AND ($5::boolean IS NULL OR flagged = $5)
         AND ($6::bigint IS NULL OR id > $6)
       ORDER BY id LIMIT $7`,
      [
        f.campaignId ?? null,
        f.type ?? null,
        f.closedStatus ?? null,
        f.assigneeKey ?? null,
        f.flagged ?? null,
        f.afterId ?? null,
        f.limit,
      ],
    );
  }

  listOrders(
    sql: Sql,
    status: OrderStatus,
    afterId: string | null,
    limit: number,
  ): Promise<RemediationRow[]> {
    return sql.rows<RemediationRow>(
      `SELECT * FROM remediation
       WHERE type = 'provisioning' AND order_status = $1 AND ($2::bigint IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [status, afterId, limit],
    );
  }

  /** The remediation's workflow has started on it: a manual task or a provisioning order is now open. */
  async open(
    sql: Sql,
    id: string,
    attempt: number,
    change: { status: string; orderStatus: OrderStatus | null },
  ): Promise<RemediationRow | undefined> {
    return sql.one<RemediationRow>(
      `UPDATE remediation SET closed_status = 0, status = $3, order_status = $4, launched_at = now(),
              updated_at = now()
       WHERE id = $1 AND attempt = $2 AND closed_status = -1
       RETURNING *`,
      [id, attempt, change.status, change.orderStatus],
    );
  }

  /** Records the ticket of this attempt and its state; the first recording is audited. */
  async recordTicket(
    sql: Sql,
    id: string,
    attempt: number,
    ticket: TicketState,
  ): Promise<RemediationRow | undefined> {
    const row = await sql.one<RemediationRow & { first: boolean }>(
      `WITH old AS (SELECT id, external_id FROM remediation WHERE id = $1 AND attempt = $2 FOR UPDATE)
       UPDATE remediation r
       SET external_id = $3, external_number = $4, external_url = $5, status = $6,
           closed_status = $7::smallint, closed_at = CASE WHEN $7::smallint > 0 THEN now() END,
           closed_by = CASE WHEN $7::smallint > 0 THEN 'itsm' END,
           launched_at = coalesce(r.launched_at, now()), updated_at = now()
       FROM old WHERE r.id = old.id AND r.closed_status IN (-1, 0)
       RETURNING r.*, old.external_id IS NULL AS first`,
      [id, attempt, ticket.id, ticket.number, ticket.url, ticket.status, ticket.closed],
    );
    if (row) await this.recordPollOf(sql, row);
    if (row?.first) {
      await this.audit(
        sql,
        row,
        'remediation.ticket_opened',
        { actor: 'system' },
        {
          ticket: ticket.number,
          itsmInstance: row.itsm_instance,
          attempt,
        },
      );
    }
    return row;
  }

  /** Records a poll of the ticket; closing is audited. */
  async recordPoll(
    sql: Sql,
    id: string,
    attempt: number,
    ticket: TicketState,
  ): Promise<RemediationRow | undefined> {
    const row = await sql.one<RemediationRow>(
      `UPDATE remediation
       SET status = $3, closed_status = $4::smallint, last_polled_at = now(), poll_count = poll_count + 1,
           closed_at = CASE WHEN $4::smallint > 0 THEN now() END, closed_by = CASE WHEN $4::smallint > 0 THEN 'itsm' END,
           updated_at = now()
       WHERE id = $1 AND attempt = $2 AND closed_status = 0
       RETURNING *`,
      [id, attempt, ticket.status, ticket.closed],
    );
    if (row) await this.recordPollOf(sql, row);
    if (row && row.closed_status > 0) {
      await this.audit(
        sql,
        row,
        'remediation.closed',
        { actor: 'itsm' },
        {
          closedStatus: row.closed_status,
          status: row.status,
          ticket: row.external_number,
        },
      );
    }
    return row;
  }

  /** Closes an open manual task or provisioning order; undefined when it is not open. */
  async close(
    sql: Sql,
    id: string,
    change: { closed: 1 | 2; status: string; orderStatus: OrderStatus | null; comment: string | null },
    by: Actor,
  ): Promise<RemediationRow | undefined> {
    const row = await sql.one<RemediationRow>(
      `UPDATE remediation
       SET closed_status = $2, status = $3, order_status = coalesce($4, order_status), comment = $5,
           closed_by = $6, closed_at = now(), updated_at = now()
       WHERE id = $1 AND closed_status = 0
       RETURNING *`,
      [id, change.closed, change.status, change.orderStatus, change.comment, by.actor],
    );
    if (row) {
      await this.audit(sql, row, 'remediation.closed', by, {
        closedStatus: row.closed_status,
        status: row.status,
        comment: row.comment,
      });
    }
    return row;
  }

  /**
   * Closed-loop verification inside a ledger import, against the assignments or accounts it staged (an
   * unchanged row is not rewritten, so the ledger table alone cannot tell what the import showed): a
   * revocation reported done whose assignment the import still shows ASSIGNED, or whose account it still
   * shows live, is reopened (next attempt, flagged); one the import shows otherwise is verified.
   */
  async verifyAgainstImport(
    sql: Sql,
    importId: string,
    kind: CampaignType,
    staged: string,
    snapshot: { applicationKey: string | null } | null,
  ): Promise<{ verified: number; reopened: number }> {
    const present =
      kind === 'account'
        ? `lower(coalesce(a.status, 'active')) NOT IN ('disabled', 'deleted')`
        : `coalesce(a.status, 'ASSIGNED') = 'ASSIGNED'`;
    // A snapshot also speaks of what it lacks: a revocation in its scope is then done.
    const rows = await sql.rows<{ outcome: string; n: string }>(
      `WITH seen AS (
         SELECT r.id, a.key IS NOT NULL AND ${present} AS present
         FROM remediation r LEFT JOIN ${staged} a ON a.key = r.assignment_key
         -- A reopened remediation closed done again is verified again by the next import.
         WHERE r.closed_status = 1 AND r.verification IN ('pending', 'still_present') AND r.kind = $4
           AND (a.key IS NOT NULL OR ($2::boolean AND ($3::text IS NULL OR r.application_key = $3)))
         FOR UPDATE OF r
       ),
       changed AS (
         UPDATE remediation r
         SET verification = CASE WHEN seen.present AND r.action = 'revoke' THEN 'still_present'
                                 WHEN r.action = 'revoke' THEN 'verified' ELSE 'not_applicable' END,
             verified_at = now(), verified_by_import = $1::bigint,
             closed_status = CASE WHEN seen.present AND r.action = 'revoke' THEN -1 ELSE r.closed_status END,
             attempt = r.attempt + CASE WHEN seen.present AND r.action = 'revoke' THEN 1 ELSE 0 END,
             reopened_count = r.reopened_count + CASE WHEN seen.present AND r.action = 'revoke' THEN 1 ELSE 0 END,
             flagged = r.flagged OR (seen.present AND r.action = 'revoke'),
             status = CASE WHEN seen.present AND r.action = 'revoke'
                           THEN 'Reopened: access still present at ledger import ' || $1::text ELSE r.status END,
             external_id = CASE WHEN seen.present AND r.action = 'revoke' THEN NULL ELSE r.external_id END,
             external_number = CASE WHEN seen.present AND r.action = 'revoke' THEN NULL ELSE r.external_number END,
             external_url = CASE WHEN seen.present AND r.action = 'revoke' THEN NULL ELSE r.external_url END,
             order_status = CASE WHEN seen.present AND r.action = 'revoke' AND r.type = 'provisioning' THEN NULL
                                 ELSE r.order_status END,
             closed_at = CASE WHEN seen.present AND r.action = 'revoke' THEN NULL ELSE r.closed_at END,
             updated_at = now()
         FROM seen WHERE r.id = seen.id
         RETURNING r.id, r.campaign_id, r.verification, r.attempt
       ),
       audited AS (
         INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, after)
         SELECT 'system', CASE WHEN verification = 'still_present' THEN 'remediation.reopened'
                               ELSE 'remediation.verified' END,
                'remediation', id::text, campaign_id,
                jsonb_build_object('verification', verification, 'importId', $1::text, 'attempt', attempt)
         FROM changed
       )
       SELECT verification AS outcome, count(*) AS n FROM changed GROUP BY verification`,
      [importId, snapshot !== null, snapshot?.applicationKey ?? null, kind],
    );
    const n = (o: string) => Number(rows.find((r) => r.outcome === o)?.n ?? 0);
    return { verified: n('verified'), reopened: n('still_present') };
  }

  /** Manual-task assignees with open tasks (of a campaign, or reopened by an import), and how many. */
  openTasksByAssignee(
    sql: Sql,
    scope: { campaignId: string } | { importId: string },
  ): Promise<{ campaign_id: string; assignee_key: string; n: string }[]> {
    const where = 'campaignId' in scope ? 'campaign_id = $1' : 'verified_by_import = $1';
    return sql.rows(
      `SELECT campaign_id, assignee_key, count(*) AS n FROM remediation
       WHERE ${where} AND type = 'embedded' AND closed_status IN (-1, 0) AND assignee_key IS NOT NULL
       GROUP BY campaign_id, assignee_key ORDER BY campaign_id, assignee_key`,
      ['campaignId' in scope ? scope.campaignId : scope.importId],
    );
  }

  polls(
    sql: Sql,
    remediationId: string,
  ): Promise<{ attempt: number; polled_at: Date; status: string; closed_status: number }[]> {
    return sql.rows(
      `SELECT attempt, polled_at, status, closed_status FROM remediation_poll WHERE remediation_id = $1 ORDER BY id`,
      [remediationId],
    );
  }

  private async recordPollOf(sql: Sql, row: RemediationRow): Promise<void> {
    await sql.rows(
      `INSERT INTO remediation_poll (remediation_id, attempt, status, closed_status) VALUES ($1, $2, $3, $4)`,
      [row.id, row.attempt, row.status, row.closed_status],
    );
  }

  private async audit(
    sql: Sql,
    row: RemediationRow,
    action: string,
    by: Actor,
    after: object,
  ): Promise<void> {
    await sql.rows(
      `INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, after, request_id, via)
       VALUES ($1, $2, 'remediation', $3, $4, $5, $6, $7)`,
      [
        by.actor,
        action,
        row.id,
        row.campaign_id,
        JSON.stringify(after),
        by.requestId ?? null,
        by.via ?? null,
      ],
    );
  }
}
