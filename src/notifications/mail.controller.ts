import { Header, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Page, pageQuery, serialId, uuidId } from '../common/cursor';
import { Endpoint, Resource } from '../common/endpoint';
import { pageView } from '../common/openapi';
import { MailLogService, MailMessageView, MailView } from './mail-log.service';
import { MAIL_STATUSES, mailMessageView, mailView } from './mail.view';
import { MAIL_EVENTS } from './templates';

const mailQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  /** The person the message went to (an identity key). */
  recipientKey: z.string().min(1).max(200).optional(),
  event: z.enum(MAIL_EVENTS).optional(),
  status: z.enum(MAIL_STATUSES).optional(),
  ...pageQuery,
});

const params = { id: serialId };

@Resource('api/v1/mail', { tag: 'mail', roles: ['admin', 'auditor'] })
export class MailController {
  constructor(@Inject(MailLogService) private readonly mail: MailLogService) {}

  @Endpoint('GET', '', {
    summary: 'Messages sent or skipped, newest first, by campaign, recipient, event and status',
    query: mailQuery,
    response: pageView(mailView),
  })
  list(@Query() q: z.infer<typeof mailQuery>): Promise<Page<MailView>> {
    return this.mail.list(q);
  }

  @Endpoint('GET', ':id', {
    summary: 'One message: to whom, when, its status and its text as sent',
    params,
    response: mailMessageView,
  })
  message(@Param('id') id: string): Promise<MailMessageView> {
    return this.mail.message(id);
  }

  @Endpoint('GET', ':id/raw', {
    summary: 'The message as sent (.eml), when Recert wrote it to its outbox',
    params,
  })
  @Header('content-type', 'message/rfc822')
  raw(@Param('id') id: string): Promise<string> {
    return this.mail.raw(id);
  }
}
