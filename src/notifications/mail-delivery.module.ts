import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { MailRepository } from './mail.repository';
import { createMailer, MAILER, Mailer } from './mailer';
import { NotificationsModule } from './notifications.module';
import { Notifier } from './notifier';
import { RecipientRepository } from './recipient.repository';
import { MailTemplates } from './templates';

/** Sending: the SMTP transport (or outbox) and the Notifier; only the worker sends mail. */
@Module({
  imports: [NotificationsModule],
  providers: [
    { provide: MAILER, useFactory: (config: AppConfig) => createMailer(config), inject: [APP_CONFIG] },
    { provide: MailTemplates, useFactory: () => new MailTemplates() },
    {
      provide: Notifier,
      useFactory: (
        db: Database,
        mail: MailRepository,
        recipients: RecipientRepository,
        mailer: Mailer,
        templates: MailTemplates,
        config: AppConfig,
      ) =>
        new Notifier(db, mail, recipients, mailer, templates, config.publicUrl, config.limits.mailDailyCap),
      inject: [Database, MailRepository, RecipientRepository, MAILER, MailTemplates, APP_CONFIG],
    },
  ],
  exports: [Notifier, MAILER],
})
export class MailDeliveryModule {}
