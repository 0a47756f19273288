import { Module } from '@nestjs/common';
import { MailRepository } from './mail.repository';
import { RecipientRepository } from './recipient.repository';

/** The mail log and what a mail needs to know about its recipients. */
@Module({ providers: [MailRepository, RecipientRepository], exports: [MailRepository, RecipientRepository] })
export class NotificationsModule {}
