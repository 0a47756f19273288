import { Inject, Injectable } from '@nestjs/common';
import { bySerialId, keysetPage, Page } from '../common/cursor';
import { notFound } from '../common/domain-error';
import { Database } from '../database/database';
import { MailLogFilter, MailLogRow, MailRepository } from './mail.repository';
import type { MailEvent } from './templates';

export type MailLogQuery = Omit<MailLogFilter, 'beforeId'> & { cursor?: string };

function toMailView(r: MailLogRow) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignNumber: r.campaign_number,
    campaignTitle: r.campaign_title,
    recipientKey: r.recipient_key,
    recipientName: r.recipient_name,
    recipientEmail: r.recipient_email,
    event: r.event as MailEvent,
    occurrence: r.occurrence,
    status: r.status,
    subject: r.subject,
    detail: r.detail,
    messageId: r.message_id,
    attempts: r.attempts,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
    hasRaw: r.has_raw,
  };
}

export type MailView = ReturnType<typeof toMailView>;
/** One message: its log row and the text as sent (null when it was not sent, or logged before texts were kept). */
export type MailMessageView = MailView & { text: string | null };

/** The mail log: every message Recert sent or skipped, with its text; in outbox mode the messages themselves. */
@Injectable()
export class MailLogService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(MailRepository) private readonly mail: MailRepository,
  ) {}

  async list(q: MailLogQuery): Promise<Page<MailView>> {
    // Newest first: the page goes on before the last id shown.
    return this.db.run((sql) =>
      keysetPage(
        q,
        bySerialId,
        (last, rows) => this.mail.list(sql, { ...q, beforeId: last?.id, limit: rows }),
        (shown) => shown.map(toMailView),
      ),
    );
  }

  async message(id: string): Promise<MailMessageView> {
    const row = await this.db.run((sql) => this.mail.findMessage(sql, id));
    if (!row) throw notFound('Message', `No message ${id} in the mail log.`);
    return { ...toMailView(row), text: row.body_text };
  }

  async raw(id: string): Promise<string> {
    const row = await this.db.run((sql) => this.mail.findById(sql, id));
    if (!row?.raw) throw notFound('Message', `No stored message ${id}.`);
    return row.raw;
  }
}
