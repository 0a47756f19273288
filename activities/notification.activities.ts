import { Context } from '@temporalio/activity';
import type { MailRepository } from '../src/notifications/mail.repository';
import type { Notifier, NotifyOutcome, NotifyRequest } from '../src/notifications/notifier';
import type { Database } from '../src/database/database';
import type { ReviewerWorkload } from '../workflows/mail-plan';

export interface NotificationActivityDeps {
  db: Database;
  notifier: Notifier;
  mail: MailRepository;
}

const REMINDER_PAGE = 200;

/** Reviewers named in the campaign's Temporal UI details; the rest are counted. */
const WORKLOAD_TOP = 10;

export function createNotificationActivities({ db, notifier, mail }: NotificationActivityDeps) {
  return {
    /** One message; an SMTP failure fails the attempt and Temporal retries it with backoff. */
    async notifyReviewer(req: NotifyRequest): Promise<NotifyOutcome> {
      return notifier.notify(req);
    },

    /** One escalation round of the campaign: one digest per recipient. `paused`: try again after the resume. */
    async sendEscalations(input: {
      campaignId: string;
      round: number;
    }): Promise<{ sent: number; paused: boolean }> {
      const outcomes = await notifier.escalate(input.campaignId, input.round);
      return { sent: outcomes.filter((o) => o === 'sent').length, paused: outcomes.includes('paused') };
    },

    /** Who still has the most to review, for the campaign's current details in the Temporal UI. */
    async reviewerWorkload({ campaignId }: { campaignId: string }): Promise<ReviewerWorkload> {
      return db.run((sql) => mail.reviewerWorkload(sql, campaignId, WORKLOAD_TOP));
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
