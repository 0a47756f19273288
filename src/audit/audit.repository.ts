import { Sql } from '../database/database';

export interface AuditEntry {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  campaignId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  /** The session or OAuth client the change came through (`session:<id>`, `client:<id>`). */
  via?: string | null;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  campaign_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  via: string | null;
  seq: string;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  campaignId?: string;
  objectType?: string;
  objectId?: string;
  actor?: string;
  action?: string;
  /** The session or client the changes came through, as recorded (`session:<id>`). */
  via?: string;
  from?: string;
  to?: string;
  /** Oldest first (the default) or newest first; the cursor continues in the same direction. */
  order: 'asc' | 'desc';
  afterSeq?: string;
  limit: number;
}

export class AuditRepository {
  async record(sql: Sql, e: AuditEntry, onlyOnce = false): Promise<void> {
    await sql.rows(
      `INSERT INTO audit_event (actor, action, object_type, object_id, campaign_id, before, after, request_id, via)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $10
       WHERE NOT $9 OR NOT EXISTS (
         SELECT 1 FROM audit_event WHERE action = $2 AND object_type = $3 AND object_id = $4)`,
      [
        e.actor,
        e.action,
        e.objectType,
        e.objectId,
        e.campaignId ?? null,
        e.before === undefined ? null : JSON.stringify(e.before),
        e.after === undefined ? null : JSON.stringify(e.after),
        e.requestId ?? null,
        onlyOnce,
        e.via ?? null,
      ],
    );
  }

  list(sql: Sql, f: AuditFilter): Promise<AuditRow[]> {
    // In the chain's order (seq): concurrent appends take their ids before they queue on the chain's head,
    // so id order can differ from it. The direction is one of two fixed texts, never the caller's.
    const [beyond, order] = f.order === 'desc' ? ['<', 'DESC'] : ['>', 'ASC'];
    return sql.rows<AuditRow>(
      `SELECT * FROM audit_event
       WHERE ($1::uuid IS NULL OR campaign_id = $1)
         AND ($2::text IS NULL OR object_type = $2)
         AND ($3::text IS NULL OR object_id = $3)
         AND ($4::text IS NULL OR actor = $4)
         AND ($5::text IS NULL OR action = $5)
         AND ($6::timestamptz IS NULL OR at >= $6)
         AND ($7::timestamptz IS NULL OR at < $7)
         AND ($8::bigint IS NULL OR seq ${beyond} $8)
         AND ($10::text IS NULL OR via = $10)
       ORDER BY seq ${order} LIMIT $9`,
      [
        f.campaignId ?? null,
        f.objectType ?? null,
        f.objectId ?? null,
        f.actor ?? null,
        f.action ?? null,
        f.from ?? null,
        f.to ?? null,
        f.afterSeq ?? null,
        f.limit,
        f.via ?? null,
      ],
    );
  }
}

export interface ChainLink {
  id: string;
  seq: string;
  prev_hash: string;
  hash: string;
  canonical: string;
}

/** Reads the chain in the order it was appended, a page at a time. */
export class AuditChainRepository {
  links(sql: Sql, afterSeq: string, limit: number): Promise<ChainLink[]> {
    return sql.rows<ChainLink>(
      `SELECT e.id, e.seq, e.prev_hash, e.hash, audit_event_canonical(e) AS canonical
       FROM audit_event e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      [afterSeq, limit],
    );
  }

  head(sql: Sql): Promise<{ seq: string; hash: string } | undefined> {
    return sql.one(`SELECT seq, hash FROM audit_chain_head`);
  }
}
