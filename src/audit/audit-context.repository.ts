import { Sql } from '../database/database';

/** A review item as an audit entry names it: whose access, to what. */
export interface AuditItemRow {
  id: string;
  campaign_id: string;
  identity_key: string;
  identity_name: string | null;
  application_key: string;
  application_name: string | null;
  permission_key: string;
  permission_name: string | null;
}

/** The browser session a change came through: who signed in, when, with what browser. */
export interface AuditSessionRow {
  id: string;
  subject: string;
  user_agent: string | null;
  created_at: Date;
  ended_at: Date | null;
}

/**
 * What a page of audit entries refers to, read in a few set-based queries for the whole page: the items'
 * identities and permissions, the sessions, people's names and how many entries each transaction wrote.
 */
export class AuditContextRepository {
  items(sql: Sql, ids: string[]): Promise<AuditItemRow[]> {
    return sql.rows<AuditItemRow>(
      `SELECT ri.id::text AS id, ri.campaign_id, ri.identity_key, i.display_name AS identity_name,
              ri.application_key, ap.name AS application_name, ri.permission_key, p.name AS permission_name
         FROM review_item ri
         LEFT JOIN identity i ON i.key = ri.identity_key
         LEFT JOIN application ap ON ap.key = ri.application_key
         LEFT JOIN permission p ON p.key = ri.permission_key
        WHERE ri.id = ANY($1::bigint[])`,
      [ids],
    );
  }

  sessions(sql: Sql, ids: string[]): Promise<AuditSessionRow[]> {
    return sql.rows<AuditSessionRow>(
      `SELECT id::text AS id, subject, user_agent, created_at, ended_at FROM browser_session
        WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  names(sql: Sql, keys: string[]): Promise<{ key: string; display_name: string }[]> {
    return sql.rows<{ key: string; display_name: string }>(
      `SELECT key, display_name FROM identity WHERE key = ANY($1::text[])`,
      [keys],
    );
  }

  /** How many entries of the same action each transaction wrote (entries before batches were kept: none). */
  batchSizes(sql: Sql, ids: string[]): Promise<{ id: string; size: number }[]> {
    return sql.rows<{ id: string; size: number }>(
      `SELECT e.id::text AS id,
              (SELECT count(*)::int FROM audit_event b WHERE b.xact = e.xact AND b.action = e.action) AS size
         FROM audit_event e WHERE e.id = ANY($1::bigint[]) AND e.xact IS NOT NULL`,
      [ids],
    );
  }
}
