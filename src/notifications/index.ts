// What other features may use of the notifications feature.
export { MailDeliveryModule } from './mail-delivery.module';
export { MailRepository } from './mail.repository';
export { MAILER } from './mailer';
export type { Mailer } from './mailer';
export { NotificationsHttpModule } from './notifications-http.module';
export { NotificationsModule } from './notifications.module';
export { Notifier } from './notifier';
