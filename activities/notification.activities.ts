import { Context } from '@temporalio/activity';
import type { MailRepository } from '../src/notifications/mail.repository';
import type { Notifier, NotifyOutcome, NotifyRequest } from '../src/notifications/notifier';
import type { Database } from '../src/database/database';

export interface NotificationActivityDeps {
  db: Database;
  notifier: Notifier;
  mail: MailRepository;
}

const REMINDER_PAGE = 200;

export function createNotificationActivities({ db, notifier, mail }: NotificationActivityDeps) {
  return {
    /** One message; an SMTP failure fails the attempt and Temporal retries it with backoff. */
    async notifyReviewer(req: NotifyRequest): Promise<NotifyOutcome> {
      return notifier.notify(req);
    },

    /**
     * Reminds now every reviewer of the campaign who still has undecided items. Progress is heartbeated,
     * and each message is claimed before it is sent, so a retry after a crash sends nothing twice.
     */
    async sendRemindersNow(input: { campaignId: string; occurrence: string }): Promise<number> {
      let afterKey = (Context.current().info.heartbeatDetails as string | undefined) ?? null;
      let sent = 0;
      for (;;) {
        const reviewers = await db.run((sql) =>
          mail.reviewersWithPending(sql, input.campaignId, afterKey, REMINDER_PAGE),
        );
        const outcomes = await notifier.notifyMany({
          ...input,
          reviewerKeys: reviewers,
          event: 'reminder',
          onlyIfPending: true,
        });
        sent += outcomes.filter((o) => o === 'sent').length;
        if (reviewers.length > 0) Context.current().heartbeat(reviewers[reviewers.length - 1]);
        if (reviewers.length < REMINDER_PAGE) return sent;
        afterKey = reviewers[reviewers.length - 1];
      }
    },
  };
}
