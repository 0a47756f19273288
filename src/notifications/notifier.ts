import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { digestsByRecipient, digestVars, EscalationDigest } from './escalation-digest';
import { CampaignContext, RecipientRepository, Target } from './recipient.repository';
import { MailRepository, MailRow } from './mail.repository';
import type { Mailer } from './mailer';
import { DeliveryUnconfirmed } from './smtp-sender';
import { escapeHtml, MailEvent, MailTemplates, RenderedMail } from './templates';

export interface NotifyRequest {
  campaignId: string;
  /** The reviewer the message is about (the recipient; an escalation is about the whole campaign). */
  reviewerKey: string;
  event: MailEvent;
  occurrence: string;
  /** Send only while the reviewer still has undecided items (reminders, closing soon, escalations). */
  onlyIfPending?: boolean;
  forwardedBy?: string;
  forwardedCount?: number;
}

export type NotifyOutcome =
  | 'sent'
  | 'unconfirmed'
  | 'duplicate'
  | 'nothing-pending'
  | 'paused'
  | 'campaign-over'
  | 'no-address'
  | 'daily-cap';

/** Mail that chases a reviewer; a person gets at most `dailyCap` of these in 24 hours, whatever the plans. */
const CHASING = ['reminder', 'escalation', 'closing-soon'];

/** Messages sent at once by one call; the pooled transport spreads them over its connections. */
const PARALLEL_SENDS = 50;

/** A message's recipient, with the name and address it is sent to. */
interface Addressee {
  recipient_key: string;
  recipient_name: string;
  email: string;
}

/** `send` for each item, PARALLEL_SENDS at a time: the outcomes in the items' order. */
async function inBatches<T>(items: T[], send: (item: T) => Promise<NotifyOutcome>): Promise<NotifyOutcome[]> {
  const outcomes: NotifyOutcome[] = [];
  for (let i = 0; i < items.length; i += PARALLEL_SENDS) {
    outcomes.push(...(await Promise.all(items.slice(i, i + PARALLEL_SENDS).map(send))));
  }
  return outcomes;
}

const formatDate = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** An escalation round's occurrence: one digest per recipient per round. */
export const escalationOccurrence = (round: number) => `escalation-${round}`;

/** The campaign's description in the launch notice, where the new-campaign form says reviewers read it. */
function describeCampaign(description: string): { descriptionText: string; descriptionHtml: string } {
  const text = description.trim();
  if (!text) return { descriptionText: '', descriptionHtml: '' };
  return {
    descriptionText: `\nAbout this campaign:\n${text}\n`,
    descriptionHtml: `<p><strong>About this campaign:</strong><br>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>`,
  };
}

/**
 * Sends templated mail at most once per (campaign, recipient, event, occurrence): the claim row is written
 * before SMTP, marked at the moment the server is about to take the message, and marked sent after, so a
 * retried activity resends only what cannot have gone out.
 */
export class Notifier {
  constructor(
    private readonly db: Database,
    private readonly mail: MailRepository,
    private readonly recipients: RecipientRepository,
    private readonly mailer: Mailer,
    private readonly templates: MailTemplates,
    private readonly publicUrl: AppConfig['publicUrl'],
    private readonly dailyCap: AppConfig['limits']['mailDailyCap'],
  ) {}

  async notify(req: NotifyRequest): Promise<NotifyOutcome> {
    // Reviewer tasks started before digests still ask for their reviewer's escalation: the first one's
    // request sends the campaign's first round to everyone, the others find it claimed.
    if (req.event === 'escalation') {
      const claimed = await this.db.run((sql) =>
        this.mail.roundClaimed(sql, req.campaignId, escalationOccurrence(1)),
      );
      if (claimed) return 'duplicate';
      const outcomes = await this.escalate(req.campaignId, 1);
      return outcomes.includes('paused') ? 'paused' : outcomes.includes('sent') ? 'sent' : 'duplicate';
    }
    const [outcome] = await this.notifyMany({ ...req, reviewerKeys: [req.reviewerKey] });
    return outcome;
  }

  /**
   * One escalation round of a campaign: every reviewer who still has undecided items, grouped by whom
   * their escalation goes to (manager, else default reviewer, else owner), one digest per recipient —
   * claimed like any message, so a retried or repeated round sends nothing twice.
   */
  async escalate(campaignId: string, round: number): Promise<NotifyOutcome[]> {
    const campaign = await this.db.run((sql) => this.recipients.campaign(sql, campaignId));
    if (!campaign) return [];
    if (campaign.status === 'paused') return ['paused'];
    const occurrence = escalationOccurrence(round);
    const { digests, claims, capped } = await this.db.run(async (sql) => {
      const found = digestsByRecipient(await this.recipients.escalations(sql, campaignId, campaign));
      const keys = found.map((d) => d.recipientKey);
      return {
        digests: found,
        claims: await this.mail.claimMany(sql, campaignId, 'escalation', occurrence, keys),
        capped: new Set(await this.mail.recipientsAtCap(sql, keys, CHASING, this.dailyCap)),
      };
    });
    return inBatches(digests, (d) =>
      this.deliverDigest(campaign, occurrence, d, claims.get(d.recipientKey)!, capped.has(d.recipientKey)),
    );
  }

  private async deliverDigest(
    campaign: CampaignContext,
    occurrence: string,
    digest: EscalationDigest,
    claim: MailRow,
    atDailyCap: boolean,
  ): Promise<NotifyOutcome> {
    const to = await this.addressee(
      claim,
      campaign,
      { recipient_key: digest.recipientKey, recipient_name: digest.recipientName, email: digest.email },
      { atDailyCap },
    );
    if (typeof to === 'string') return to;
    const rendered = this.templates.render('escalation', {
      recipientName: to.recipient_name,
      campaignNumber: campaign.number,
      campaignTitle: campaign.title,
      dueDate: formatDate(campaign.due_at),
      ...digestVars(digest),
    });
    return this.sendClaimed(claim, campaign.number, 'escalation', occurrence, to, rendered);
  }

  /** The same event and occurrence for many reviewers: a few set-based queries, then one send each. */
  async notifyMany(
    req: Omit<NotifyRequest, 'reviewerKey'> & { reviewerKeys: string[] },
  ): Promise<NotifyOutcome[]> {
    const campaign = await this.db.run((sql) => this.recipients.campaign(sql, req.campaignId));
    if (!campaign) return req.reviewerKeys.map(() => 'campaign-over');
    // A paused campaign holds its mail: nothing is claimed, the same occurrence is tried after the resume.
    if (campaign.status === 'paused') return req.reviewerKeys.map(() => 'paused');
    const { targets, claims, forwardedByName, capped } = await this.db.run(async (sql) => {
      const found = await this.recipients.targets(sql, req.campaignId, req.reviewerKeys);
      const recipientKeys = found.map((t) => t.recipient_key ?? t.reviewer_key);
      return {
        targets: found,
        claims: await this.mail.claimMany(sql, req.campaignId, req.event, req.occurrence, recipientKeys),
        capped: new Set(
          CHASING.includes(req.event)
            ? await this.mail.recipientsAtCap(sql, recipientKeys, CHASING, this.dailyCap)
            : [],
        ),
        forwardedByName: req.forwardedBy
          ? ((await this.recipients.people(sql, [req.forwardedBy]))[0]?.name ?? req.forwardedBy)
          : '',
      };
    });
    return inBatches(targets, (t) =>
      this.deliver(
        req,
        campaign,
        t,
        claims.get(t.recipient_key ?? t.reviewer_key)!,
        forwardedByName,
        capped.has(t.recipient_key ?? t.reviewer_key),
      ),
    );
  }

  private async deliver(
    req: Omit<NotifyRequest, 'reviewerKey'>,
    campaign: CampaignContext,
    target: Target,
    claim: MailRow,
    forwardedBy: string,
    atDailyCap: boolean,
  ): Promise<NotifyOutcome> {
    const pending = Number(target.pending);
    const to = await this.addressee(claim, campaign, target, {
      nothingPending: req.onlyIfPending && pending === 0,
      atDailyCap,
    });
    if (typeof to === 'string') return to;
    const rendered = this.templates.render(req.event, {
      recipientName: to.recipient_name,
      reviewerName: target.reviewer_name ?? target.reviewer_key,
      campaignNumber: campaign.number,
      campaignTitle: campaign.title,
      dueDate: formatDate(campaign.due_at),
      pendingCount: pending,
      inboxUrl: `${this.publicUrl}/reviews/${req.campaignId}`,
      forwardedBy,
      forwardedCount: req.forwardedCount ?? 0,
      ...describeCampaign(campaign.description),
    });
    return this.sendClaimed(claim, campaign.number, req.event, req.occurrence, to, rendered);
  }

  /**
   * Whom a claimed message goes to, or why it is not sent (the claim settled as skipped). Checked after the
   * claim, so that a message that waited out an SMTP outage is settled either way.
   */
  private async addressee(
    claim: MailRow,
    campaign: CampaignContext,
    to: { recipient_key: string; recipient_name: string | null; email: string | null },
    unless: { nothingPending?: boolean; atDailyCap: boolean },
  ): Promise<Addressee | NotifyOutcome> {
    if (claim.status !== 'sending') return 'duplicate';
    const skip = async (outcome: NotifyOutcome, detail: string) => {
      await this.db.run((sql) => this.mail.finish(sql, claim.id, { status: 'skipped', detail }));
      return outcome;
    };
    if (['closed', 'cancelled', 'finalizing'].includes(campaign.status)) {
      return skip('campaign-over', `campaign ${campaign.status}`);
    }
    if (unless.nothingPending) return skip('nothing-pending', 'nothing left to review');
    if (!to.email || !to.recipient_name) return skip('no-address', 'no e-mail address');
    if (unless.atDailyCap) {
      return skip('daily-cap', `already ${this.dailyCap} reminders in the last 24 hours`);
    }
    return { recipient_key: to.recipient_key, recipient_name: to.recipient_name, email: to.email };
  }

  /**
   * Tells each assignee how many manual remediation tasks of a campaign wait for them, once per
   * (campaign, assignee, occurrence). The campaign is over by then, so no review-state check applies.
   */
  async notifyRemediationTasks(
    campaignId: string,
    occurrence: string,
    tasks: { assigneeKey: string; count: number }[],
  ): Promise<NotifyOutcome[]> {
    const event = 'remediation-task';
    const { campaign, people, claims } = await this.db.run(async (sql) => ({
      campaign: await this.recipients.campaign(sql, campaignId),
      people: await this.recipients.people(
        sql,
        tasks.map((t) => t.assigneeKey),
      ),
      claims: await this.mail.claimMany(
        sql,
        campaignId,
        event,
        occurrence,
        tasks.map((t) => t.assigneeKey),
      ),
    }));
    if (!campaign) return tasks.map(() => 'campaign-over');
    const byKey = new Map(people.map((p) => [p.key, p]));
    return Promise.all(
      tasks.map(async (task): Promise<NotifyOutcome> => {
        const claim = claims.get(task.assigneeKey)!;
        if (claim.status !== 'sending') return 'duplicate';
        const person = byKey.get(task.assigneeKey);
        if (!person?.email) {
          await this.db.run((sql) =>
            this.mail.finish(sql, claim.id, { status: 'skipped', detail: 'no e-mail address' }),
          );
          return 'no-address';
        }
        const query = new URLSearchParams({ campaignId, assigneeKey: task.assigneeKey, closedStatus: '0' });
        const rendered = this.templates.render(event, {
          recipientName: person.name,
          campaignNumber: campaign.number,
          campaignTitle: campaign.title,
          taskCount: task.count,
          tasksUrl: `${this.publicUrl}/api/v1/remediations?${query}`,
        });
        return this.sendClaimed(
          claim,
          campaign.number,
          event,
          occurrence,
          { recipient_key: task.assigneeKey, recipient_name: person.name, email: person.email },
          rendered,
        );
      }),
    );
  }

  /**
   * Sends a claimed message. The claim turns `committing` at SmtpSender's commit point, so a retry after a
   * crash resends only what the server cannot have taken; a message caught in that instant is recorded as
   * `unconfirmed` rather than risked twice.
   */
  private async sendClaimed(
    claim: MailRow,
    campaignNumber: string,
    event: MailEvent,
    occurrence: string,
    to: Addressee,
    rendered: RenderedMail,
  ): Promise<NotifyOutcome> {
    const messageId = `<${campaignNumber}.${event}.${occurrence}.${claim.id}@recert>`;
    let takenByAnother = false;
    const commit = async () => {
      if (!(await this.db.run((sql) => this.mail.markCommitting(sql, claim.id)))) {
        takenByAnother = true;
        throw new Error(`message ${claim.id} is being sent by another attempt`);
      }
    };
    let raw: string | undefined;
    try {
      ({ raw } = await this.mailer.send(
        {
          to: `${to.recipient_name.replace(/[<>"]/g, '')} <${to.email}>`,
          ...rendered,
          messageId,
          name: `${claim.id}-${campaignNumber}-${event}-${to.recipient_key}`.replace(/[^\w.-]/g, '_'),
        },
        commit,
      ));
    } catch (err) {
      if (takenByAnother) return 'duplicate';
      if (err instanceof DeliveryUnconfirmed) {
        await this.db.run((sql) =>
          this.mail.finish(sql, claim.id, {
            status: 'unconfirmed',
            email: to.email,
            subject: rendered.subject,
            messageId,
            text: rendered.text,
            detail: `not sent again: ${err.message}`,
          }),
        );
        return 'unconfirmed';
      }
      await this.db.run((sql) => this.mail.reopen(sql, claim.id));
      throw err;
    }
    await this.db.run((sql) =>
      this.mail.finish(sql, claim.id, {
        status: 'sent',
        email: to.email,
        subject: rendered.subject,
        messageId,
        raw,
        text: rendered.text,
      }),
    );
    return 'sent';
  }
}
