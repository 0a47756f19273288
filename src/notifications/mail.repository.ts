import { Sql } from '../database/database';
import type { ReviewerWorkload } from '../../workflows/mail-plan';

export interface MailKey {
  campaignId: string;
  recipientKey: string;
  event: string;
  occurrence: string;
}

export interface MailRow {
  id: string;
  campaign_id: string;
  recipient_key: string;
  event: string;
  occurrence: string;
  status: 'sending' | 'committing' | 'sent' | 'unconfirmed' | 'skipped';
  recipient_email: string | null;
  subject: string | null;
  detail: string | null;
  message_id: string | null;
  raw: string | null;
  body_text: string | null;
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
}

/** A log row as the console lists it: who and which campaign by name, the message itself left out. */
export interface MailLogRow extends Omit<MailRow, 'raw' | 'body_text'> {
  recipient_name: string | null;
  campaign_number: string | null;
  campaign_title: string | null;
  has_raw: boolean;
}

export interface MailLogFilter {
  campaignId?: string;
  recipientKey?: string;
  event?: string;
  status?: string;
  beforeId?: string;
  limit: number;
}

const LOG_COLUMNS = `m.id, m.campaign_id, m.recipient_key, m.event, m.occurrence, m.status, m.recipient_email,
  m.subject, m.detail, m.message_id, m.attempts, m.created_at, m.sent_at, m.raw IS NOT NULL AS has_raw,
  i.display_name AS recipient_name, c.number AS campaign_number, c.title AS campaign_title`;
const LOG_JOINS = `LEFT JOIN identity i ON i.key = m.recipient_key LEFT JOIN campaign c ON c.id = m.campaign_id`;

export class MailRepository {
  /**
   * Claims the right to send one message per recipient; answers the rows as they stand, by recipient. A
   * message already `sent` or `skipped` is not sent again; one left `sending` by an attempt that died is
   * tried again; one left `committing` may have arrived, and becomes `unconfirmed`, never sent again.
   */
  async claimMany(
    sql: Sql,
    campaignId: string,
    event: string,
    occurrence: string,
    recipientKeys: string[],
  ): Promise<Map<string, MailRow>> {
    const rows = await sql.rows<MailRow>(
      `INSERT INTO mail_message (campaign_id, recipient_key, event, occurrence, status, attempts)
       SELECT $1, k, $2, $3, 'sending', 1 FROM unnest($4::text[]) AS k
       ON CONFLICT (campaign_id, recipient_key, event, occurrence)
       DO UPDATE SET attempts = mail_message.attempts + 1,
         status = CASE WHEN mail_message.status = 'committing' THEN 'unconfirmed' ELSE mail_message.status END,
         detail = CASE WHEN mail_message.status = 'committing'
           THEN 'the sending attempt stopped while the SMTP server was taking the message: it may have arrived, and is not sent again'
           ELSE mail_message.detail END
       RETURNING *`,
      [campaignId, event, occurrence, [...new Set(recipientKeys)]],
    );
    return new Map(rows.map((r) => [r.recipient_key, r]));
  }

  /** Of `recipientKeys`, those already sent `cap` messages of `events` in the last 24 hours. */
  async recipientsAtCap(sql: Sql, recipientKeys: string[], events: string[], cap: number): Promise<string[]> {
    const rows = await sql.rows<{ recipient_key: string }>(
      `SELECT recipient_key FROM mail_message
       WHERE recipient_key = ANY($1::text[]) AND status = 'sent' AND event = ANY($2::text[])
         AND sent_at > now() - interval '24 hours'
       GROUP BY recipient_key HAVING count(*) >= $3`,
      [recipientKeys, events, cap],
    );
    return rows.map((r) => r.recipient_key);
  }

  /** The point of no return of one send (SmtpSender's commit); false if another attempt got there first. */
  async markCommitting(sql: Sql, id: string): Promise<boolean> {
    const rows = await sql.rows(
      `UPDATE mail_message SET status = 'committing' WHERE id = $1 AND status = 'sending' RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  /** The server did not take the message after all: a retry sends it. */
  async reopen(sql: Sql, id: string): Promise<void> {
    await sql.rows(`UPDATE mail_message SET status = 'sending' WHERE id = $1 AND status = 'committing'`, [
      id,
    ]);
  }

  async finish(
    sql: Sql,
    id: string,
    outcome: {
      status: 'sent' | 'unconfirmed' | 'skipped';
      email?: string | null;
      subject?: string;
      detail?: string;
      messageId?: string;
      raw?: string;
      text?: string;
    },
  ): Promise<void> {
    await sql.rows(
      `UPDATE mail_message SET status = $2, recipient_email = $3, subject = $4, detail = $5, message_id = $6, raw = $7,
              body_text = $8, sent_at = CASE WHEN $2 = 'sent' THEN now() END
       WHERE id = $1`,
      [
        id,
        outcome.status,
        outcome.email ?? null,
        outcome.subject ?? null,
        outcome.detail ?? null,
        outcome.messageId ?? null,
        outcome.raw ?? null,
        outcome.text ?? null,
      ],
    );
  }

  list(sql: Sql, f: MailLogFilter): Promise<MailLogRow[]> {
    return sql.rows<MailLogRow>(
      `SELECT ${LOG_COLUMNS} FROM mail_message m ${LOG_JOINS}
       WHERE ($1::uuid IS NULL OR m.campaign_id = $1) AND ($2::text IS NULL OR m.recipient_key = $2)
         AND ($3::text IS NULL OR m.event = $3) AND ($4::text IS NULL OR m.status = $4)
         AND ($5::bigint IS NULL OR m.id < $5)
       ORDER BY m.id DESC LIMIT $6`,
      [
        f.campaignId ?? null,
        f.recipientKey ?? null,
        f.event ?? null,
        f.status ?? null,
        f.beforeId ?? null,
        f.limit,
      ],
    );
  }

  /** One message with its text as sent (null for messages logged before the text was kept). */
  findMessage(sql: Sql, id: string): Promise<(MailLogRow & { body_text: string | null }) | undefined> {
    return sql.one(`SELECT ${LOG_COLUMNS}, m.body_text FROM mail_message m ${LOG_JOINS} WHERE m.id = $1`, [
      id,
    ]);
  }

  findById(sql: Sql, id: string): Promise<MailRow | undefined> {
    return sql.one<MailRow>(`SELECT * FROM mail_message WHERE id = $1`, [id]);
  }

  /** Whether any message of an escalation round of a campaign has been claimed (by whichever task came first). */
  async roundClaimed(sql: Sql, campaignId: string, occurrence: string): Promise<boolean> {
    const rows = await sql.rows(
      `SELECT 1 FROM mail_message WHERE campaign_id = $1 AND event = 'escalation' AND occurrence = $2 LIMIT 1`,
      [campaignId, occurrence],
    );
    return rows.length > 0;
  }

  /** The `top` reviewers with the most undecided items in a campaign, and how many reviewers and items in all. */
  async reviewerWorkload(sql: Sql, campaignId: string, top: number): Promise<ReviewerWorkload> {
    const rows = await sql.rows<{
      key: string;
      name: string | null;
      pending: number;
      reviewers: number;
      items: number;
    }>(
      `WITH p AS (
         SELECT responsible_reviewer_key AS key, count(*)::int AS pending FROM review_item
         WHERE campaign_id = $1 AND status = 'to_be_reviewed' GROUP BY 1
       )
       SELECT p.key, i.display_name AS name, p.pending,
              (SELECT count(*)::int FROM p) AS reviewers, (SELECT coalesce(sum(pending), 0)::int FROM p) AS items
       FROM p LEFT JOIN identity i ON i.key = p.key
       ORDER BY p.pending DESC, p.key LIMIT $2`,
      [campaignId, top],
    );
    return {
      top: rows.map(({ key, name, pending }) => ({ key, name, pending })),
      reviewers: rows[0]?.reviewers ?? 0,
      items: rows[0]?.items ?? 0,
      at: new Date().toISOString(),
    };
  }

  /** Reviewers of a campaign who still have undecided items, a page at a time (reminders sent now). */
  async reviewersWithPending(
    sql: Sql,
    campaignId: string,
    afterKey: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await sql.rows<{ key: string }>(
      `SELECT DISTINCT responsible_reviewer_key AS key FROM review_item
       WHERE campaign_id = $1 AND status = 'to_be_reviewed' AND ($2::text IS NULL OR responsible_reviewer_key > $2)
       ORDER BY 1 LIMIT $3`,
      [campaignId, afterKey, limit],
    );
    return rows.map((r) => r.key);
  }
}
