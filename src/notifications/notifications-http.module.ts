import { Module } from '@nestjs/common';
import { MailLogService } from './mail-log.service';
import { MailController } from './mail.controller';
import { NotificationsModule } from './notifications.module';

/** The mail log and the outbox, read through the API. */
@Module({ imports: [NotificationsModule], controllers: [MailController], providers: [MailLogService] })
export class NotificationsHttpModule {}
