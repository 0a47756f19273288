import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { Database } from '../database/database';
import { CampaignRepository } from './campaign.repository';
import { ItemStoryRepository } from './item-story.repository';
import type { ItemStoryView } from './item-story.view';
import { toReviewItemView } from './review-item.view';

/** Mails shown on an item: its reviewers' latest; the Mail page has the rest. */
const MAILS_SHOWN = 20;
const SESSION = /^session:([0-9a-f-]{36})$/;

/** One item's whole story: who reviewed it, every decision and forward (who, when, through which session), the remediation, the mail. */
@Injectable()
export class ItemStoryService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(ItemStoryRepository) private readonly stories: ItemStoryRepository,
  ) {}

  async story(campaignId: string, itemId: string): Promise<ItemStoryView> {
    return this.db.run(async (sql) => {
      const campaign = await this.campaigns.findById(sql, campaignId);
      const row = campaign ? await this.stories.item(sql, campaignId, itemId) : undefined;
      if (!campaign || !row) throw notFound('Item', `Campaign ${campaignId} has no item ${itemId}.`);
      const events = await this.stories.events(sql, itemId);
      const remediation = await this.stories.remediation(sql, itemId);
      const reviewers = [...new Set([row.accountable_reviewer_key, row.responsible_reviewer_key])];
      const mails = await this.stories.mails(sql, campaignId, reviewers, MAILS_SHOWN);
      const ledger = await this.stories.ledgerNames(sql, row.application_key, row.permission_key);
      const keys = [row.identity_key, row.forwarded_by, ...reviewers, ...events.map((e) => e.actor)].filter(
        (k): k is string => !!k,
      );
      const names = new Map(
        (await this.stories.names(sql, [...new Set(keys)])).map((n) => [n.key, n.display_name]),
      );
      const person = (key: string) => ({ key, name: names.get(key) ?? null });
      return {
        campaign: {
          id: campaign.id,
          number: campaign.number,
          title: campaign.title,
          status: campaign.status,
        },
        item: toReviewItemView(row),
        identity: row.identity_key ? person(row.identity_key) : null,
        applicationName: ledger?.application_name ?? null,
        permissionName: ledger?.permission_name ?? null,
        accountableReviewer: person(row.accountable_reviewer_key),
        responsibleReviewer: person(row.responsible_reviewer_key),
        forward: row.forwarded_by
          ? { by: person(row.forwarded_by), reason: row.forward_reason ?? null }
          : null,
        closedAtDueDate: row.decided_by === 'system',
        events: events.map((e) => {
          const sessionId = SESSION.exec(e.via ?? '')?.[1];
          return {
            id: e.id,
            at: e.at.toISOString(),
            actor: person(e.actor),
            action: e.action,
            before: e.before,
            after: e.after,
            via: e.via,
            session:
              sessionId && e.session_created_at
                ? {
                    id: sessionId,
                    userAgent: e.session_user_agent,
                    createdAt: e.session_created_at.toISOString(),
                  }
                : null,
            requestId: e.request_id,
            batchSize: e.batch_size,
          };
        }),
        remediation: remediation
          ? {
              id: remediation.id,
              type: remediation.type,
              action: remediation.action,
              status: remediation.status,
              closedStatus: remediation.closed_status,
              itsmInstance: remediation.itsm_instance,
              externalNumber: remediation.external_number,
              assigneeKey: remediation.assignee_key,
              verification: remediation.verification,
              flagged: remediation.flagged,
              createdAt: remediation.created_at.toISOString(),
              closedAt: remediation.closed_at?.toISOString() ?? null,
              closedBy: remediation.closed_by,
            }
          : null,
        mails: mails.map((m) => ({
          id: m.id,
          recipient: person(m.recipient_key),
          event: m.event,
          status: m.status,
          subject: m.subject,
          at: m.created_at.toISOString(),
          sentAt: m.sent_at?.toISOString() ?? null,
        })),
      };
    });
  }
}
