import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { Page, pageQuery, serialId, uuidId } from '../common/cursor';
import { openApiResponse, pageView } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
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

@ApiTags('mail')
@ApiBearerAuth()
@Controller('api/v1/mail')
@Roles('admin', 'auditor')
export class MailController {
  constructor(@Inject(MailLogService) private readonly mail: MailLogService) {}

  @Get()
  @ApiOperation({
    summary: 'Messages sent or skipped, newest first, by campaign, recipient, event and status',
  })
  @ApiOkResponse({ schema: openApiResponse(pageView(mailView)) })
  list(@ZodQuery(mailQuery) q: z.infer<typeof mailQuery>): Promise<Page<MailView>> {
    return this.mail.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One message: to whom, when, its status and its text as sent' })
  @ApiOkResponse({ schema: openApiResponse(mailMessageView) })
  message(@Param('id', new ZodValidationPipe(serialId)) id: string): Promise<MailMessageView> {
    return this.mail.message(id);
  }

  @Get(':id/raw')
  @Header('content-type', 'message/rfc822')
  @ApiOperation({ summary: 'The message as sent (.eml), when Recert wrote it to its outbox' })
  raw(@Param('id', new ZodValidationPipe(serialId)) id: string): Promise<string> {
    return this.mail.raw(id);
  }
}
