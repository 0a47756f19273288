import { escapeLiteral } from 'pg';
import type { CopyOut, Database, Sql } from '../database/database';

export interface GroupTotals {
  key: string;
  name: string | null;
  items: string;
  reviewed: string;
  pending: string;
  approved: string;
  revoked: string;
  updated: string;
  not_reviewed: string;
  /** Decided by a person, not by the due-date rule. */
  decided_by_reviewer: string;
  closed_at_due_date: string;
  /** A person's last decision or draft on these items (the due-date rule's are not activity). */
  last_activity_at: Date | null;
}

// Counts by outcome over a set of items; `reviewed` = a reviewer (or the due-date rule) decided it.
const OUTCOMES = `
  count(*) AS items,
  count(*) FILTER (WHERE ri.status IN ('ok', 'revoke', 'update')) AS reviewed,
  count(*) FILTER (WHERE ri.status IN ('to_be_reviewed', 'reassign')) AS pending,
  count(*) FILTER (WHERE ri.status = 'ok') AS approved,
  count(*) FILTER (WHERE ri.status = 'revoke') AS revoked,
  count(*) FILTER (WHERE ri.status = 'update') AS updated,
  count(*) FILTER (WHERE ri.status = 'not_reviewed') AS not_reviewed,
  count(*) FILTER (WHERE ri.status IN ('ok', 'revoke', 'update', 'not_reviewed') AND ri.decided_by <> 'system')
    AS decided_by_reviewer,
  count(*) FILTER (WHERE ri.decided_by = 'system') AS closed_at_due_date,
  greatest(max(ri.decided_at) FILTER (WHERE ri.decided_by <> 'system'), max(ri.draft_at)) AS last_activity_at`;

export class CampaignReportRepository {
  /** Every item of the campaign as CSV, streamed from COPY. */
  csv(db: Database, campaignId: string): Promise<CopyOut> {
    return db.copyOut(reportCsvQuery(escapeLiteral(campaignId)));
  }

  flags(sql: Sql, campaignId: string) {
    return sql.one<{ reassigned: string; movers: string; inactive: string; by_due_date: string }>(
      `SELECT count(*) FILTER (WHERE accountable_reviewer_key <> responsible_reviewer_key) AS reassigned,
              count(*) FILTER (WHERE mover) AS movers,
              count(*) FILTER (WHERE inactive) AS inactive,
              count(*) FILTER (WHERE decided_by = 'system') AS by_due_date
       FROM review_item WHERE campaign_id = $1`,
      [campaignId],
    );
  }

  byReviewer(sql: Sql, campaignId: string): Promise<(GroupTotals & { email: string | null })[]> {
    return sql.rows(
      `SELECT ri.responsible_reviewer_key AS key, i.display_name AS name, i.email, ${OUTCOMES}
       FROM review_item ri LEFT JOIN identity i ON i.key = ri.responsible_reviewer_key
       WHERE ri.campaign_id = $1 GROUP BY ri.responsible_reviewer_key, i.display_name, i.email ORDER BY 1`,
      [campaignId],
    );
  }

  byApplication(sql: Sql, campaignId: string): Promise<GroupTotals[]> {
    return sql.rows(
      `SELECT ri.application_key AS key, a.name, ${OUTCOMES}
       FROM review_item ri LEFT JOIN application a ON a.key = ri.application_key
       WHERE ri.campaign_id = $1 GROUP BY ri.application_key, a.name ORDER BY 1`,
      [campaignId],
    );
  }

  /** Seconds from activation to each decision a person made. */
  decisionDelays(sql: Sql, campaignId: string) {
    return sql.one<{ median: number | null; p90: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ri.decided_at - c.activated_at)) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ri.decided_at - c.activated_at)) AS p90
       FROM review_item ri JOIN campaign c ON c.id = ri.campaign_id
       WHERE ri.campaign_id = $1 AND ri.decided_at IS NOT NULL AND ri.decided_by <> 'system'`,
      [campaignId],
    );
  }

  remediations(sql: Sql, campaignId: string) {
    return sql.rows<{
      type: string;
      closed_status: number;
      verification: string;
      flagged: boolean;
      n: string;
    }>(
      `SELECT type, closed_status, verification, flagged, count(*) AS n FROM remediation
       WHERE campaign_id = $1 GROUP BY type, closed_status, verification, flagged`,
      [campaignId],
    );
  }

  /** Stores a download link's token (its hash) for `subject` and the campaign; its expiry. */
  async addExportLink(
    sql: Sql,
    link: { tokenHash: string; subject: string; campaignId: string; ttlMs: number },
  ): Promise<Date> {
    // Links never used go when the next one is asked for.
    await sql.rows(`DELETE FROM report_export_link WHERE expires_at <= now()`);
    const row = await sql.one<{ expires_at: Date }>(
      `INSERT INTO report_export_link (token_hash, subject, campaign_id, expires_at)
       VALUES ($1, $2, $3, now() + $4::bigint * interval '1 millisecond')
       RETURNING expires_at`,
      [link.tokenHash, link.subject, link.campaignId, link.ttlMs],
    );
    return row!.expires_at;
  }

  /**
   * Removes the link so that it serves once, if it is `subject`'s, for this campaign and not expired;
   * whether it was. A link tried by someone else or for another campaign stays for its owner.
   */
  async takeExportLink(sql: Sql, tokenHash: string, subject: string, campaignId: string): Promise<boolean> {
    const taken = await sql.rows(
      `DELETE FROM report_export_link
       WHERE token_hash = $1 AND subject = $2 AND campaign_id = $3 AND expires_at > now()
       RETURNING token_hash`,
      [tokenHash, subject, campaignId],
    );
    return taken.length === 1;
  }
}

/**
 * Every item of a campaign as CSV rows, in item order. Rendered by PostgreSQL's COPY, which takes no
 * bind parameters: the campaign id arrives as an escaped literal of a validated UUID.
 */
function reportCsvQuery(campaignIdLiteral: string): string {
  const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  // Text from the ledger or from people gets a leading ' when a spreadsheet would read it as a formula
  // (OWASP "CSV injection"); the evidence hash covers the file as sent.
  const safe = (col: string) =>
    `CASE WHEN left((${col}), 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || (${col}) ELSE (${col}) END`;
  const text = (col: string, as: string) => `${safe(col)} AS ${as}`;
  // Beside each code and key, its words and names (the `*_name` and `*_words` columns): the codes stay for
  // the programs that read this file, the words are for the people who open it.
  const person = (alias: string, key: string, as: string) =>
    text(`coalesce(${alias}.display_name, ${key})`, as);
  return `COPY (
    SELECT ri.id AS item_id, ri.kind AS reviewed, ${text('ri.assignment_key', 'assignment_key')},
           ${text('ri.identity_key', 'identity_key')}, ${person('who', 'ri.identity_key', 'identity_name')},
           ${text("ri.owner_snapshot->>'department'", 'department')},
           ${text("ri.owner_snapshot->>'jobTitle'", 'job_title')}, ${text('ri.application_key', 'application_key')},
           ${text('coalesce(ap.name, ri.application_key)', 'application_name')},
           ${text('ri.permission_key', 'permission_key')},
           ${text('coalesce(p.name, ri.permission_key)', 'permission_name')}, ${text('ri.account_key', 'account_key')},
           ${text('ri.label', 'label')}, ${text('ri.accountable_reviewer_key', 'accountable_reviewer')},
           ${person('acc', 'ri.accountable_reviewer_key', 'accountable_reviewer_name')},
           ${text('ri.responsible_reviewer_key', 'responsible_reviewer')},
           ${person('resp', 'ri.responsible_reviewer_key', 'responsible_reviewer_name')}, ri.reviewer_origin,
           ri.recommendation,
           CASE ri.recommendation WHEN 'recommended' THEN 'Recommended to keep'
             WHEN 'not_recommended' THEN 'Recommended to revoke' ELSE 'No recommendation' END AS recommendation_words,
           ri.status AS decision,
           CASE ri.status WHEN 'ok' THEN 'Approved' WHEN 'revoke' THEN 'Revoked' WHEN 'update' THEN 'Approved until end date'
             WHEN 'reassign' THEN 'Sent back for another reviewer' WHEN 'not_reviewed' THEN 'Not reviewed'
             ELSE 'Not decided yet' END AS decision_words,
           ri.decision_details->>'endDate' AS end_date, ${text('ri.comment', 'comment')},
           ${text('ri.decided_by', 'decided_by')},
           CASE WHEN ri.decided_by = 'system' THEN 'Closed at the due date (nobody decided)'
             ELSE ${safe('coalesce(dec.display_name, ri.decided_by)')} END AS decided_by_name,
           ${ts('ri.decided_at')} AS action_date, ri.mover,
           CASE WHEN ri.mover THEN 'Moved since last review' ELSE '' END AS mover_words, ri.inactive,
           CASE WHEN ri.inactive THEN 'Inactive account' ELSE '' END AS inactive_words,
           r.id AS remediation_id, r.type AS remediation_type, ${text('r.status', 'remediation_status')},
           r.closed_status AS remediation_closed_status, ${text('r.external_number', 'ticket_number')},
           r.itsm_instance, r.verification AS remediation_verification, r.flagged AS remediation_flagged,
           CASE WHEN r.flagged THEN 'Flagged for follow-up' WHEN r.flagged IS NOT NULL THEN 'Not flagged' END
             AS remediation_flagged_words
    FROM review_item ri LEFT JOIN remediation r ON r.item_id = ri.id
    LEFT JOIN identity who ON who.key = ri.identity_key
    LEFT JOIN identity acc ON acc.key = ri.accountable_reviewer_key
    LEFT JOIN identity resp ON resp.key = ri.responsible_reviewer_key
    LEFT JOIN identity dec ON dec.key = ri.decided_by
    LEFT JOIN application ap ON ap.key = ri.application_key
    LEFT JOIN permission p ON p.key = ri.permission_key
    WHERE ri.campaign_id = ${campaignIdLiteral}
    ORDER BY ri.id
  ) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}
