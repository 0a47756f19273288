import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { remediationWorkflowId, type LaunchScope } from '../workflows/remediation.contract';
import { CampaignIdKey } from '../workflows/search-attributes';
import type { remediationWorkflow } from '../workflows/remediation.workflow';
import { readOptions } from '../src/domain/campaign-options';
import type { CampaignRepository } from '../src/campaigns/campaign.repository';
import type { Database } from '../src/database/database';
import type { Actor } from '../src/domain/actor';
import type { Notifier } from '../src/notifications/notifier';
import type { ItsmRegistry } from '../src/remediation/itsm/itsm-registry';
import type { RemediationRepository } from '../src/remediation/remediation.repository';
import {
  ClosedStatus,
  correlationId,
  RemediationRow,
  RemediationType,
} from '../src/domain/remediation.types';
import { inChunks } from './in-chunks';

export interface RemediationActivityDeps {
  db: Database;
  campaigns: CampaignRepository;
  remediations: RemediationRepository;
  itsm: ItsmRegistry;
  notifier: Notifier;
  temporal: Client;
  taskQueue: string;
  polling: { pollFirstMs: number; pollMaxMs: number; itsmActivityTimeoutMs: number };
}

/** What a remediation workflow needs to know of its row; `closed: null` = gone or superseded. */
export interface RemediationState {
  type: RemediationType | null;
  closed: ClosedStatus | null;
  status: string | null;
  ticket: string | null;
}

const GONE: RemediationState = { type: null, closed: null, status: null, ticket: null };

function stateOf(row: RemediationRow | undefined, attempt: number): RemediationState {
  if (!row || row.attempt !== attempt) return GONE;
  return { type: row.type, closed: row.closed_status, status: row.status, ticket: row.external_number };
}

function describeTicket(row: RemediationRow, campaignNumber: string) {
  const account = row.kind === 'account';
  const verb = account
    ? row.action === 'revoke'
      ? 'Disable or delete the account'
      : 'Change the end date of the account'
    : row.action === 'revoke'
      ? 'Remove access'
      : 'Change the end date of access';
  return {
    correlationId: correlationId(row),
    summary: `${verb}: ${row.label}`.slice(0, 160),
    description: [
      `Access certification campaign ${campaignNumber} decided: ${row.action}.`,
      `${account ? 'Account' : 'Access'}: ${row.label}`,
      `Identity: ${row.identity_key ?? 'none (orphan account)'}`,
      `Application: ${row.application_key}`,
      row.permission_key ? `Permission: ${row.permission_key}` : '',
      row.account_key ? `Account: ${row.account_key}` : '',
      row.details?.endDate ? `New end date: ${row.details.endDate}` : '',
      `Recert remediation ${row.id}, attempt ${row.attempt}.`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

export function createRemediationActivities({
  db,
  campaigns,
  remediations,
  itsm,
  notifier,
  temporal,
  taskQueue,
  polling,
}: RemediationActivityDeps) {
  const adapterFor = (row: RemediationRow) => {
    const adapter = row.itsm_instance ? itsm.get(row.itsm_instance) : undefined;
    // Retried with backoff: configuring the instance again lets the remediation carry on.
    if (!adapter) throw new Error(`ITSM instance "${row.itsm_instance}" is not configured on this worker`);
    return adapter;
  };
  // A conditional write that matched nothing lost a race (closed, reopened, deleted): read what is there.
  const writtenOrCurrent = async (written: RemediationRow | undefined, id: string) =>
    written ?? (await db.run((sql) => remediations.find(sql, id)));

  return {
    /** One remediation per `revoke`/`update` item; a retry creates nothing twice. */
    async createRemediations(input: { campaignId: string } & Actor): Promise<number> {
      return db.transaction(async (sql) => {
        const campaign = await campaigns.findById(sql, input.campaignId);
        if (!campaign) return 0;
        const { remediation } = readOptions(campaign.options);
        return remediations.createForCampaign(
          sql,
          input.campaignId,
          { connector: remediation.connector, itsmInstance: remediation.itsmInstance },
          input,
        );
      });
    },

    /** Starts the workflows of one page of ready remediations (keyset on the id). */
    async startRemediations(input: {
      scope: LaunchScope;
      afterId: string;
      limit: number;
    }): Promise<{ started: number; nextAfterId: string | null }> {
      const page = await db.run((sql) =>
        remediations.readyPage(sql, input.scope, input.afterId, input.limit),
      );
      await inChunks(page, async (r) => {
        try {
          await temporal.workflow.start<typeof remediationWorkflow>('remediationWorkflow', {
            workflowId: remediationWorkflowId(r.id, r.attempt),
            taskQueue,
            args: [{ remediationId: r.id, attempt: r.attempt, ...polling }],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            staticSummary: `Remediation ${r.id} (${r.type}) · ${r.label}`.slice(0, 200),
            // Operators find a campaign's remediations in the Temporal UI with RecertCampaignId = '…'.
            typedSearchAttributes: [{ key: CampaignIdKey, value: r.campaign_id }],
          });
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
      });
      return {
        started: page.length,
        nextAfterId: page.length === input.limit ? page[page.length - 1].id : null,
      };
    },

    /** One mail per manual-task assignee: how many tasks wait for them. */
    async notifyRemediationAssignees({ scope }: { scope: LaunchScope }): Promise<number> {
      const groups = await db.run((sql) => remediations.openTasksByAssignee(sql, scope));
      const occurrence = 'campaignId' in scope ? 'apply' : `reopened-import-${scope.importId}`;
      const byCampaign = new Map<string, { assigneeKey: string; count: number }[]>();
      for (const g of groups) {
        const list = byCampaign.get(g.campaign_id) ?? [];
        list.push({ assigneeKey: g.assignee_key, count: Number(g.n) });
        byCampaign.set(g.campaign_id, list);
      }
      let sent = 0;
      for (const [campaignId, tasks] of byCampaign) {
        const outcomes = await notifier.notifyRemediationTasks(campaignId, occurrence, tasks);
        sent += outcomes.filter((o) => o === 'sent').length;
      }
      return sent;
    },

    /**
     * Opens the task, order or ticket of this attempt. For a ticket: the one carrying this attempt's
     * correlation id is looked up first, so a worker that died after the ITSM created it, or an answer
     * lost to a timeout, never leads to a second ticket.
     */
    async openRemediation(ref: { remediationId: string; attempt: number }): Promise<RemediationState> {
      const row = await db.run((sql) => remediations.find(sql, ref.remediationId));
      if (!row || row.attempt !== ref.attempt || row.closed_status > 0) return stateOf(row, ref.attempt);
      if (row.type !== 'itsm') {
        if (row.closed_status === 0) return stateOf(row, ref.attempt);
        const opened = await db.run((sql) =>
          remediations.open(
            sql,
            row.id,
            row.attempt,
            row.type === 'provisioning'
              ? { status: 'Provisioning order pending', orderStatus: 'pending' }
              : { status: 'Open', orderStatus: null },
          ),
        );
        return stateOf(await writtenOrCurrent(opened, row.id), ref.attempt);
      }
      if (row.external_id) return stateOf(row, ref.attempt);
      const adapter = adapterFor(row);
      const campaign = await db.run((sql) => campaigns.findById(sql, row.campaign_id));
      const wanted = describeTicket(row, campaign?.number ?? row.campaign_id);
      const ticket =
        (await adapter.findByCorrelation(wanted.correlationId)) ?? (await adapter.create(wanted));
      const recorded = await db.transaction((sql) =>
        remediations.recordTicket(sql, row.id, row.attempt, ticket),
      );
      return stateOf(await writtenOrCurrent(recorded, row.id), ref.attempt);
    },

    /** Reads the ticket and records its state; an ITSM error fails the attempt, which is retried. */
    async pollTicket(ref: { remediationId: string; attempt: number }): Promise<RemediationState> {
      const row = await db.run((sql) => remediations.find(sql, ref.remediationId));
      if (!row || row.attempt !== ref.attempt || row.closed_status !== 0 || !row.external_id) {
        return stateOf(row, ref.attempt);
      }
      const ticket = await adapterFor(row).get(row.external_id);
      const recorded = await db.transaction((sql) =>
        remediations.recordPoll(sql, row.id, row.attempt, ticket),
      );
      return stateOf(await writtenOrCurrent(recorded, row.id), ref.attempt);
    },

    async remediationState(ref: { remediationId: string; attempt: number }): Promise<RemediationState> {
      return stateOf(await db.run((sql) => remediations.find(sql, ref.remediationId)), ref.attempt);
    },
  };
}
