import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { CampaignState, OnDueDate } from '../workflows/campaign.contract';
import { campaignEndedSignal, campaignPausedSignal } from '../workflows/reviewer.contract';
import type { reviewerTaskWorkflow } from '../workflows/reviewer.workflow';
import type { AuditRepository } from '../src/audit/audit.repository';
import { readOptions } from '../src/domain/campaign-options';
import type { CampaignRepository } from '../src/campaigns/campaign.repository';
import type { Database } from '../src/database/database';
import type { Actor } from '../src/domain/actor';
import type { ReviewItemRepository } from '../src/campaigns/review-item.repository';
import { launchedAt, mailPlan, reviewerTaskInput, reviewerTaskOptions } from '../src/temporal/reviewer-tasks';
import type { CampaignMailPlan } from '../workflows/mail-plan';
import { inChunks } from './in-chunks';
import type { Notifier, NotifyOutcome } from '../src/notifications/notifier';
import { Context } from '@temporalio/activity';

export interface CampaignActivityDeps {
  db: Database;
  notifier: Notifier;
  campaigns: CampaignRepository;
  items: ReviewItemRepository;
  audit: AuditRepository;
  temporal: Client;
  taskQueue: string;
}

const OUTCOME: Record<OnDueDate, 'not_reviewed' | 'ok' | 'revoke' | 'by-recommendation'> = {
  not_reviewed: 'not_reviewed',
  approve: 'ok',
  revoke: 'revoke',
  follow_recommendation: 'by-recommendation',
};

/** Launch notices sent per call: the activity heartbeats between calls, whatever SMTP's pace. */
const NOTICES_PER_CALL = 100;

export function createCampaignActivities({
  db,
  notifier,
  campaigns,
  items,
  audit,
  temporal,
  taskQueue,
}: CampaignActivityDeps) {
  return {
    async populateCampaign({
      campaignId,
    }: {
      campaignId: string;
    }): Promise<{ total: number; pending: number }> {
      return db.transaction(async (sql) => {
        const campaign = await campaigns.findById(sql, campaignId);
        if (!campaign) throw new Error(`campaign ${campaignId} does not exist`);
        const { strategy, defaultReviewerKey } = campaign.reviewers;
        const { inactiveAfterDays, fullReview } = readOptions(campaign.options);
        await items.populate(
          sql,
          campaignId,
          { type: campaign.type, scope: campaign.scope, strategy, defaultReviewerKey, fullReview },
          inactiveAfterDays,
        );
        const progress = await items.progress(sql, campaignId);
        await audit.record(
          sql,
          {
            actor: 'system',
            action: 'campaign.populated',
            objectType: 'campaign',
            objectId: campaignId,
            campaignId,
            after: { items: progress.total },
          },
          true,
        );
        return progress;
      });
    },

    /**
     * Starts the reviewer tasks of one page of reviewers (keyset on the reviewer key). The campaign
     * calls it page after page, so it never has more than one activity — or any child — pending.
     */
    async startReviewerTasks(input: {
      campaignId: string;
      afterKey: string | null;
      limit: number;
      escalationByCampaign?: boolean;
    }): Promise<{ started: number; nextKey: string | null }> {
      const { campaign, page } = await db.run(async (sql) => ({
        campaign: (await campaigns.findById(sql, input.campaignId))!,
        page: await items.reviewersPage(sql, input.campaignId, input.afterKey, input.limit),
      }));
      const keys = page.map((r) => r.key);
      // Launch notices of the whole page go out here, over the pooled transport, under the same claim
      // (event, occurrence 'launch') a task would use. A task sends its own only when this could not: the
      // campaign is paused (the task holds it until the resume) or SMTP failed (the task retries it).
      const outcomes: (NotifyOutcome | undefined)[] = [];
      for (let i = 0; i < keys.length; i += NOTICES_PER_CALL) {
        const chunk = keys.slice(i, i + NOTICES_PER_CALL);
        try {
          outcomes.push(
            ...(await notifier.notifyMany({
              campaignId: input.campaignId,
              reviewerKeys: chunk,
              event: 'campaign-launched',
              occurrence: 'launch',
              onlyIfPending: true,
            })),
          );
        } catch {
          outcomes.push(...chunk.map(() => undefined));
        }
        Context.current().heartbeat(i);
      }
      await inChunks(page, (reviewer, n) =>
        temporal.workflow.start<typeof reviewerTaskWorkflow>(
          'reviewerTaskWorkflow',
          reviewerTaskOptions(
            taskQueue,
            reviewerTaskInput(
              campaign,
              reviewer.key,
              outcomes[n] === undefined || outcomes[n] === 'paused',
              input.escalationByCampaign,
            ),
          ),
        ),
      );
      return {
        started: page.length,
        nextKey: page.length === input.limit ? page[page.length - 1].key : null,
      };
    },

    /** Starts the task of a reviewer who received items after the fan-out (a forward). */
    async ensureReviewerTask(input: {
      campaignId: string;
      reviewerKey: string;
      escalationByCampaign?: boolean;
    }): Promise<void> {
      const campaign = (await db.run((sql) => campaigns.findById(sql, input.campaignId)))!;
      try {
        await temporal.workflow.start<typeof reviewerTaskWorkflow>(
          'reviewerTaskWorkflow',
          reviewerTaskOptions(
            taskQueue,
            reviewerTaskInput(campaign, input.reviewerKey, false, input.escalationByCampaign),
          ),
        );
      } catch (err) {
        // A task that already ran to its end is not restarted.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },

    /** Signals every running reviewer task of the campaign, found through visibility. */
    async signalReviewerTasks(input: {
      campaignId: string;
      ended?: CampaignState;
      paused?: boolean;
    }): Promise<number> {
      const running: string[] = [];
      const query = `RecertCampaignId = '${input.campaignId}' AND WorkflowType = 'reviewerTaskWorkflow' AND ExecutionStatus = 'Running'`;
      for await (const execution of temporal.workflow.list({ query })) running.push(execution.workflowId);
      await inChunks(running, async (workflowId) => {
        const handle = temporal.workflow.getHandle(workflowId);
        try {
          if (input.ended) await handle.signal(campaignEndedSignal, input.ended);
          else await handle.signal(campaignPausedSignal, input.paused ?? false);
        } catch {
          // Ended between listing and signalling.
        }
      });
      return running.length;
    },

    async setCampaignStatus({
      campaignId,
      status,
      ...by
    }: { campaignId: string; status: CampaignState } & Actor): Promise<void> {
      await db.run((sql) => campaigns.setStatus(sql, campaignId, status, by));
    },

    /** The plan the campaign's escalation timer and its Temporal UI details follow. */
    async campaignMailPlan({ campaignId }: { campaignId: string }): Promise<CampaignMailPlan | null> {
      const campaign = await db.run((sql) => campaigns.findById(sql, campaignId));
      return campaign ? { launchedAt: launchedAt(campaign), plan: mailPlan(campaign) } : null;
    },

    async campaignStatus({ campaignId }: { campaignId: string }): Promise<CampaignState | null> {
      return (await db.run((sql) => campaigns.findById(sql, campaignId)))?.status ?? null;
    },

    async campaignPending({ campaignId }: { campaignId: string }): Promise<number> {
      return db.run((sql) => items.pendingCount(sql, campaignId));
    },

    async resolveUndecided(input: {
      campaignId: string;
      onDueDate: OnDueDate;
    }): Promise<{ pending: number }> {
      return db.transaction(async (sql) => {
        await items.resolveUndecided(sql, input.campaignId, OUTCOME[input.onDueDate]);
        return { pending: await items.pendingCount(sql, input.campaignId) };
      });
    },
  };
}
