import { Inject, Injectable } from '@nestjs/common';
import { chainSeqCursor, Keyset, keysetPage, Page } from '../common/cursor';
import { Database, Sql } from '../database/database';
import { z } from 'zod';
import { AuditContextRepository } from './audit-context.repository';
import { AuditRepository, AuditRow } from './audit.repository';
import { auditEntryView } from './audit.view';

export interface AuditQuery {
  campaignId?: string;
  objectType?: string;
  objectId?: string;
  actor?: string;
  action?: string;
  /** `session:<id>`, `client:<id>`, or a bare session id. */
  via?: string;
  from?: string;
  to?: string;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

export type AuditView = z.infer<typeof auditEntryView>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SESSION = /^session:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** A bare session id is the session's `via`: links from a session's id need not know the prefix. */
/** The trail pages in its hash chain's order. */
const bySeq: Keyset<typeof chainSeqCursor, { seq: string }> = {
  cursor: chainSeqCursor,
  of: (row) => ({ seq: row.seq }),
};

const viaFilter = (via?: string) => (via && UUID.test(via) ? `session:${via}` : via);

/** The people an entry names: its actor and the reviewers before and after a forward or a decision. */
function peopleOf(r: AuditRow): string[] {
  const responsible = (v: unknown) =>
    v && typeof v === 'object' && 'responsible' in v && typeof v.responsible === 'string'
      ? [v.responsible]
      : [];
  return [r.actor, ...responsible(r.before), ...responsible(r.after)];
}

type Context = Pick<AuditView, 'batchSize' | 'item' | 'session' | 'names'>;

/** Reads the append-only audit trail in its chain's order, oldest or newest first. */
@Injectable()
export class AuditTrailService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(AuditContextRepository) private readonly context: AuditContextRepository,
  ) {}

  async list(q: AuditQuery): Promise<Page<AuditView>> {
    return this.db.run((sql) =>
      keysetPage(
        q,
        bySeq,
        (after, rows) =>
          this.audit.list(sql, { ...q, via: viaFilter(q.via), afterSeq: after?.seq, limit: rows }),
        async (shown) => {
          const contextOf = await this.contextOf(sql, shown);
          return shown.map((r) => ({ ...toAuditView(r), ...contextOf(r) }));
        },
      ),
    );
  }

  /** What the entries refer to, read for the whole page at once. */
  private async contextOf(sql: Sql, rows: AuditRow[]): Promise<(r: AuditRow) => Context> {
    const itemIds = rows
      .filter((r) => r.object_type === 'review_item' && /^\d{1,18}$/.test(r.object_id))
      .map((r) => r.object_id);
    const sessionIds = rows.flatMap((r) => SESSION.exec(r.via ?? '')?.slice(1) ?? []);
    // One after the other: they share the connection, which runs one query at a time anyway.
    const items = itemIds.length ? await this.context.items(sql, [...new Set(itemIds)]) : [];
    const sessions = sessionIds.length ? await this.context.sessions(sql, [...new Set(sessionIds)]) : [];
    const names = await this.context.names(sql, [...new Set(rows.flatMap(peopleOf))]);
    const batches = await this.context.batchSizes(
      sql,
      rows.map((r) => r.id),
    );
    const itemById = new Map(items.map((i) => [i.id, i]));
    const sessionById = new Map(sessions.map((s) => [s.id, s]));
    const nameByKey = new Map(names.map((n) => [n.key, n.display_name]));
    const sizeById = new Map(batches.map((b) => [b.id, b.size]));
    return (r) => {
      const item = r.object_type === 'review_item' ? itemById.get(r.object_id) : undefined;
      const sessionId = SESSION.exec(r.via ?? '')?.[1];
      const session = sessionId ? sessionById.get(sessionId) : undefined;
      return {
        batchSize: sizeById.get(r.id) ?? 1,
        item: item
          ? {
              campaignId: item.campaign_id,
              identityKey: item.identity_key,
              identityName: item.identity_name,
              applicationKey: item.application_key,
              applicationName: item.application_name,
              permissionKey: item.permission_key,
              permissionName: item.permission_name,
            }
          : null,
        session: session
          ? {
              id: session.id,
              subject: session.subject,
              userAgent: session.user_agent,
              createdAt: session.created_at.toISOString(),
              endedAt: session.ended_at ? session.ended_at.toISOString() : null,
            }
          : null,
        names: Object.fromEntries(
          peopleOf(r).flatMap((k) => {
            const name = nameByKey.get(k);
            return name === undefined ? [] : [[k, name]];
          }),
        ),
      };
    };
  }
}

function toAuditView(r: AuditRow): Omit<AuditView, keyof Context> {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    campaignId: r.campaign_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
    via: r.via,
    seq: r.seq,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
