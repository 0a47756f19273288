import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, Page, pageById, serialIdCursor } from '../common/cursor';
import { notFound } from '../common/domain-error';
import { Database } from '../database/database';
import { MailRepository, MailRow } from './mail.repository';

export interface MailLogQuery {
  campaignId?: string;
  recipientKey?: string;
  event?: string;
  limit: number;
  cursor?: string;
}

function toMailView(r: MailRow) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    recipientKey: r.recipient_key,
    recipientEmail: r.recipient_email,
    event: r.event,
    occurrence: r.occurrence,
    status: r.status,
    subject: r.subject,
    detail: r.detail,
    messageId: r.message_id,
    attempts: r.attempts,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
    hasRaw: r.raw !== null,
  };
}

export type MailView = ReturnType<typeof toMailView>;

/** The mail log: every message Recert sent or skipped; in outbox mode the messages themselves. */
@Injectable()
export class MailLogService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(MailRepository) private readonly mail: MailRepository,
  ) {}

  async list(q: MailLogQuery): Promise<Page<MailView>> {
    const before = decodeCursor(q.cursor, serialIdCursor);
    const rows = await this.db.run((sql) =>
      this.mail.list(sql, { ...q, beforeId: before?.id, limit: q.limit + 1 }),
    );
    return pageById(rows, q.limit, toMailView);
  }

  async raw(id: string): Promise<string> {
    const row = await this.db.run((sql) => this.mail.findById(sql, id));
    if (!row?.raw) throw notFound('Message', `No stored message ${id}.`);
    return row.raw;
  }
}
