import { Inject, Injectable } from '@nestjs/common';
import { chainSeqCursor, decodeCursor, Page, pageByKey } from '../common/cursor';
import { Database } from '../database/database';
import { z } from 'zod';
import { AuditRepository, AuditRow } from './audit.repository';
import { auditEntryView } from './audit.view';

export interface AuditQuery {
  campaignId?: string;
  objectType?: string;
  objectId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

export type AuditView = z.infer<typeof auditEntryView>;

function toAuditView(r: AuditRow): AuditView {
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

/** Reads the append-only audit trail in its chain's order, oldest or newest first. */
@Injectable()
export class AuditTrailService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  async list(q: AuditQuery): Promise<Page<AuditView>> {
    const after = decodeCursor(q.cursor, chainSeqCursor);
    const rows = await this.db.run((sql) =>
      this.audit.list(sql, { ...q, afterSeq: after?.seq, limit: q.limit + 1 }),
    );
    return pageByKey('seq', rows, q.limit, toAuditView);
  }
}
