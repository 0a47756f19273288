import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, Page, pageById, serialIdCursor } from '../common/cursor';
import { Database } from '../database/database';
import { AuditRepository } from './audit.repository';

export interface AuditQuery {
  campaignId?: string;
  objectType?: string;
  objectId?: string;
  limit: number;
  cursor?: string;
}

function toAuditView(r: Awaited<ReturnType<AuditRepository['list']>>[number]) {
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

export type AuditView = ReturnType<typeof toAuditView>;

/** Reads the append-only audit trail, oldest first. */
@Injectable()
export class AuditTrailService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  async list(q: AuditQuery): Promise<Page<AuditView>> {
    const after = decodeCursor(q.cursor, serialIdCursor);
    const rows = await this.db.run((sql) =>
      this.audit.list(sql, { ...q, afterId: after?.id, limit: q.limit + 1 }),
    );
    return pageById(rows, q.limit, toAuditView);
  }
}
