import * as fs from 'node:fs';
import * as path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { AppConfig } from '../config/config.schema';
import { SmtpSender } from './smtp-sender';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a receiver can recognise the same message sent twice. */
  messageId: string;
  /** Where the outbox keeps it (file name without extension). */
  name: string;
}

export const MAILER = Symbol('MAILER');

export interface Mailer {
  send(mail: OutgoingMail, commit: () => Promise<void>): Promise<{ raw?: string }>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set; otherwise an outbox folder of .eml files (DATA_DIR/outbox) that a person can
 * open, also listed by the API. `commit` is awaited at the last moment before the message counts as sent
 * (SmtpSender); the caller records there that a retry must not send it again. `DeliveryUnconfirmed` says
 * it may have been delivered; any other error, that it was not.
 */
export function createMailer(config: AppConfig): Mailer {
  const from = config.mail.from;
  const compose = (mail: OutgoingMail) =>
    new MailComposer({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    }).compile();
  if (config.mail.smtpUrl) {
    const url = new URL(config.mail.smtpUrl);
    const secure = url.protocol === 'smtps:';
    const sender = new SmtpSender({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      maxConnections: 10,
    });
    return {
      async send(mail, commit) {
        const message = compose(mail);
        const envelope = message.getEnvelope();
        await sender.send({ from: envelope.from || '', to: envelope.to }, await message.build(), commit);
        return {};
      },
      close: () => sender.close(),
    };
  }
  return {
    async send(mail, commit) {
      // Unix line ends: the outbox is read by people and their tools, not by an SMTP server.
      const raw = (await compose(mail).build()).toString('utf8').replace(/\r\n/g, '\n');
      await commit();
      fs.mkdirSync(config.mail.outboxDir, { recursive: true });
      fs.writeFileSync(path.join(config.mail.outboxDir, `${mail.name}.eml`), raw);
      return { raw };
    },
    close: () => undefined,
  };
}
