import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { decodeCursor, Page, pageById, pageQuery, serialIdCursor, uuidId } from '../common/cursor';
import { notFound } from '../common/domain-error';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { Database } from '../database/database';
import { MailRepository, MailRow } from './mail.repository';

const mailQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  recipientKey: z.string().max(200).optional(),
  event: z.string().max(50).optional(),
  ...pageQuery,
});

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

/** The mail log: every message Recert sent or skipped; in outbox mode the messages themselves. */
@ApiTags('mail')
@ApiBearerAuth()
@Controller('api/v1/mail')
@Roles('admin')
export class MailController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(MailRepository) private readonly mail: MailRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Messages sent or skipped, newest first' })
  async list(
    @ZodQuery(mailQuery) q: z.infer<typeof mailQuery>,
  ): Promise<Page<ReturnType<typeof toMailView>>> {
    const before = decodeCursor(q.cursor, serialIdCursor);
    const rows = await this.db.run((sql) =>
      this.mail.list(sql, { ...q, beforeId: before?.id, limit: q.limit + 1 }),
    );
    return pageById(rows, q.limit, toMailView);
  }

  @Get(':id/raw')
  @Header('content-type', 'message/rfc822')
  @ApiOperation({ summary: 'The message as sent (.eml), when Recert wrote it to its outbox' })
  async raw(
    @Param('id', new ZodValidationPipe(z.string().regex(/^\d{1,18}$/, 'not a mail id'))) id: string,
  ): Promise<string> {
    const row = await this.db.run((sql) => this.mail.findById(sql, id));
    if (!row?.raw) throw notFound('Message', `No stored message ${id}.`);
    return row.raw;
  }
}
