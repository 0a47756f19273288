import type { Sql } from '../database/database';
import type { ReviewItemRow } from '../domain/review-item.types';

/** One audit entry about the item, with the session it came through and how many entries its transaction wrote. */
export interface ItemEventRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  via: string | null;
  request_id: string | null;
  /** Entries of the same action written in the same transaction (a bulk decision, confirmed drafts); null before batches were kept. */
  batch_size: number | null;
  session_user_agent: string | null;
  session_created_at: Date | null;
}

export interface ItemRemediationRow {
  id: string;
  type: string;
  action: string;
  status: string;
  closed_status: number;
  itsm_instance: string | null;
  external_number: string | null;
  assignee_key: string | null;
  verification: string;
  flagged: boolean;
  created_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface ItemMailRow {
  id: string;
  recipient_key: string;
  event: string;
  status: string;
  subject: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** Everything recorded about one review item: the item, its audit entries, its remediation, its reviewers' mail. */
export class ItemStoryRepository {
  item(sql: Sql, campaignId: string, itemId: string): Promise<ReviewItemRow | undefined> {
    return sql.one<ReviewItemRow>(`SELECT * FROM review_item WHERE campaign_id = $1 AND id = $2`, [
      campaignId,
      itemId,
    ]);
  }

  /** The item's audit entries in the chain's order. */
  events(sql: Sql, itemId: string): Promise<ItemEventRow[]> {
    return sql.rows<ItemEventRow>(
      `SELECT e.id::text AS id, e.at, e.actor, e.action, e.before, e.after, e.via, e.request_id,
              CASE WHEN e.xact IS NULL THEN NULL
                   ELSE (SELECT count(*)::int FROM audit_event b WHERE b.xact = e.xact AND b.action = e.action)
              END AS batch_size,
              s.user_agent AS session_user_agent, s.created_at AS session_created_at
         FROM audit_event e
         LEFT JOIN browser_session s
           ON e.via LIKE 'session:%' AND s.id::text = substr(e.via, length('session:') + 1)
        WHERE e.object_type = 'review_item' AND e.object_id = $1
        ORDER BY e.seq NULLS LAST, e.id`,
      [itemId],
    );
  }

  remediation(sql: Sql, itemId: string): Promise<ItemRemediationRow | undefined> {
    return sql.one<ItemRemediationRow>(
      `SELECT id::text AS id, type, action, status, closed_status, itsm_instance, external_number, assignee_key,
              verification, flagged, created_at, closed_at, closed_by
         FROM remediation WHERE item_id = $1`,
      [itemId],
    );
  }

  /** The campaign's mail to these people (the item's reviewers), newest first, at most `limit`. */
  mails(sql: Sql, campaignId: string, recipients: string[], limit: number): Promise<ItemMailRow[]> {
    return sql.rows<ItemMailRow>(
      `SELECT id::text AS id, recipient_key, event, status, subject, created_at, sent_at
         FROM mail_message WHERE campaign_id = $1 AND recipient_key = ANY($2::text[])
        ORDER BY id DESC LIMIT $3`,
      [campaignId, recipients, limit],
    );
  }

  names(sql: Sql, keys: string[]): Promise<{ key: string; display_name: string }[]> {
    return sql.rows(`SELECT key, display_name FROM identity WHERE key = ANY($1::text[])`, [keys]);
  }

  /** The names of the item's application and permission as the ledger has them now. */
  ledgerNames(sql: Sql, applicationKey: string, permissionKey: string | null) {
    return sql.one<{ application_name: string | null; permission_name: string | null }>(
      `SELECT (SELECT name FROM application WHERE key = $1) AS application_name,
              (SELECT name FROM permission WHERE key = $2) AS permission_name`,
      [applicationKey, permissionKey],
    );
  }
}
