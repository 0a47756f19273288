import { Module } from '@nestjs/common';
import { MailLogService } from './mail-log.service';
import { MailController } from './mail.controller';

/** The mail log and the outbox; sending itself belongs to the worker (Notifier). */
@Module({ controllers: [MailController], providers: [MailLogService] })
export class NotificationsModule {}
