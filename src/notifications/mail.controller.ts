import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { Page, pageQuery, serialId, uuidId } from '../common/cursor';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { MailLogService, MailView } from './mail-log.service';

const mailQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  recipientKey: z.string().max(200).optional(),
  event: z.string().max(50).optional(),
  ...pageQuery,
});

@ApiTags('mail')
@ApiBearerAuth()
@Controller('api/v1/mail')
@Roles('admin')
export class MailController {
  constructor(@Inject(MailLogService) private readonly mail: MailLogService) {}

  @Get()
  @ApiOperation({ summary: 'Messages sent or skipped, newest first' })
  list(@ZodQuery(mailQuery) q: z.infer<typeof mailQuery>): Promise<Page<MailView>> {
    return this.mail.list(q);
  }

  @Get(':id/raw')
  @Header('content-type', 'message/rfc822')
  @ApiOperation({ summary: 'The message as sent (.eml), when Recert wrote it to its outbox' })
  raw(@Param('id', new ZodValidationPipe(serialId)) id: string): Promise<string> {
    return this.mail.raw(id);
  }
}
