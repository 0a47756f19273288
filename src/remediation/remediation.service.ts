import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { applyDecisionsUpdate } from '../../workflows/campaign.contract';
import { remediationClosedSignal, remediationWorkflowId } from '../../workflows/remediation.contract';
import { actorOf, Principal } from '../auth/roles';
import { readOptions } from '../domain/campaign-options';
import { campaignStateConflict } from '../campaigns';
import { CampaignsService } from '../campaigns';
import { bySerialId, keysetPage, Page } from '../common/cursor';
import { conflict, DomainError, notFound } from '../common/domain-error';
import { Database } from '../database/database';
import { domainErrorOf } from '../temporal/failure-codec';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { RemediationRepository } from './remediation.repository';
import { CloseRemediation, ListOrdersQuery, ListRemediationsQuery, OrderResult } from './remediation.schema';
import { RemediationRow } from '../domain/remediation.types';
import { RemediationView, toProvisioningOrderView, toRemediationView } from './remediation.view';

const SAMPLE = 20;

const notOpen = (r: RemediationRow) =>
  conflict(
    'remediation-state',
    'Remediation state forbids this',
    `Remediation ${r.id} is not open (closed status ${r.closed_status}, ${r.status}).`,
  );

@Injectable()
export class RemediationService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(RemediationRepository) private readonly remediations: RemediationRepository,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /**
   * Seed 000's "Apply Decisions" for a campaign whose remediations wait for an administrator: without
   * `confirm`, what would be created; with it, the remediations are created and launched.
   */
  async applyDecisions(campaignId: string, confirm: boolean, principal: Principal) {
    const campaign = await this.campaigns.require(campaignId);
    const { remediation } = readOptions(campaign.options);
    if (remediation.applyDecisions !== 'manual') {
      throw campaignStateConflict(
        `Campaign ${campaign.number} applies its decisions itself when it is finalized.`,
      );
    }
    if (campaign.decisions_applied_at) {
      throw campaignStateConflict(
        `The decisions of campaign ${campaign.number} were applied on ${campaign.decisions_applied_at.toISOString()}.`,
      );
    }
    if (campaign.status !== 'closed') {
      throw campaignStateConflict(
        `Campaign ${campaign.number} is ${campaign.status}; decisions are applied once it is closed.`,
      );
    }
    if (!confirm) {
      const preview = await this.db.run((sql) =>
        this.remediations.preview(
          sql,
          campaignId,
          { connector: remediation.connector, itsmInstance: remediation.itsmInstance },
          SAMPLE,
        ),
      );
      const byType: Record<string, Record<string, number>> = {};
      for (const r of preview.byType) (byType[r.type] ??= {})[r.action] = Number(r.n);
      return {
        campaignId,
        applied: false,
        remediations: preview.byType.reduce((n, r) => n + Number(r.n), 0),
        byType,
        sample: preview.sample.map((r) => ({
          itemId: String(r.item_id),
          action: r.action,
          label: r.label,
          type: r.type,
          itsmInstance: r.itsm_instance,
          assigneeKey: r.assignee_key,
        })),
      };
    }
    try {
      const created = await this.temporal.workflow
        .getHandle(campaign.workflow_id)
        .executeUpdate(applyDecisionsUpdate, { args: [actorOf(principal)] });
      return { campaignId, applied: true, remediations: created };
    } catch (err) {
      const refusal = domainErrorOf(err);
      if (refusal) throw refusal;
      if (err instanceof WorkflowNotFoundError) {
        throw campaignStateConflict(
          `Campaign ${campaign.number} no longer waits for its decisions to be applied.`,
        );
      }
      throw err;
    }
  }

  async list(q: ListRemediationsQuery, principal: Principal): Promise<Page<RemediationView>> {
    const seesAll = principal.roles.includes('admin') || principal.roles.includes('auditor');
    return this.db.run((sql) =>
      keysetPage(
        q,
        bySerialId,
        (after, rows) =>
          this.remediations.list(sql, {
            ...q,
            // An assignee sees their own tasks and nothing else.
            assigneeKey: seesAll ? q.assigneeKey : principal.sub,
            afterId: after?.id,
            limit: rows,
          }),
        (shown) => shown.map(toRemediationView),
      ),
    );
  }

  /** One remediation, with the time and result of every read of its ticket. */
  async get(id: string, principal: Principal) {
    const row = await this.visible(id, principal);
    const polls = await this.db.run((sql) => this.remediations.polls(sql, id));
    return {
      ...toRemediationView(row),
      polls: polls.map((p) => ({
        attempt: p.attempt,
        at: p.polled_at.toISOString(),
        status: p.status,
        closedStatus: p.closed_status,
      })),
    };
  }

  /** An embedded task is closed by its assignee or an administrator. */
  async close(id: string, body: CloseRemediation, principal: Principal): Promise<RemediationView> {
    const row = await this.visible(id, principal);
    // Auditors see every task but change none: a task closed by someone else than its assignee would
    // record a revocation as settled without anyone having carried it out.
    if (!principal.roles.includes('admin') && row.assignee_key !== principal.sub) {
      throw new DomainError(
        403,
        'forbidden',
        'Forbidden',
        `Remediation ${id} is assigned to someone else: only its assignee or an administrator closes it.`,
      );
    }
    if (row.type !== 'embedded') {
      throw conflict(
        'remediation-type',
        'Not a manual task',
        `Remediation ${id} is ${row.type === 'itsm' ? 'an ITSM ticket: it closes with its ticket' : 'a provisioning order: its job reports the result'}.`,
      );
    }
    const closed = await this.db.transaction((sql) =>
      this.remediations.close(
        sql,
        id,
        {
          closed: body.outcome === 'done' ? 1 : 2,
          status: body.outcome === 'done' ? 'Done' : 'Cancelled',
          orderStatus: null,
          comment: body.comment ?? null,
        },
        actorOf(principal),
      ),
    );
    if (!closed) throw notOpen(row);
    await this.wake(closed);
    return toRemediationView(closed);
  }

  async orders(q: ListOrdersQuery, principal: Principal) {
    // The provisioning job sees the work waiting for it, not the history of every order.
    if (!principal.roles.includes('admin') && q.status !== 'pending') {
      throw new DomainError(
        403,
        'forbidden',
        'Forbidden',
        'A provisioner reads pending provisioning orders only.',
      );
    }
    return this.db.run((sql) =>
      keysetPage(
        q,
        bySerialId,
        (after, rows) => this.remediations.listOrders(sql, q.status, after?.id ?? null, rows),
        (shown) => shown.map(toProvisioningOrderView),
      ),
    );
  }

  /** The provisioning job reports an order executed (remediation done) or failed (closed, cancelled). */
  async orderResult(id: string, result: OrderResult, principal: Principal) {
    const row = await this.db.run((sql) => this.remediations.find(sql, id));
    if (!row || row.type !== 'provisioning')
      throw notFound('Provisioning order', `No provisioning order ${id}.`);
    const executed = result.status === 'executed';
    const closed = await this.db.transaction((sql) =>
      this.remediations.close(
        sql,
        id,
        {
          closed: executed ? 1 : 2,
          status: executed ? 'Provisioning order executed' : `Provisioning failed: ${result.message}`,
          orderStatus: result.status,
          comment: result.message ?? null,
        },
        actorOf(principal),
      ),
    );
    if (!closed) throw notOpen(row);
    await this.wake(closed);
    return toProvisioningOrderView(closed);
  }

  private async visible(id: string, principal: Principal): Promise<RemediationRow> {
    const row = await this.db.run((sql) => this.remediations.find(sql, id));
    const seesAll = principal.roles.includes('admin') || principal.roles.includes('auditor');
    if (!row || (!seesAll && row.assignee_key !== principal.sub)) {
      throw notFound('Remediation', `No remediation ${id}.`);
    }
    return row;
  }

  /** The workflow would notice within a day anyway; the signal makes it now. */
  private async wake(row: RemediationRow): Promise<void> {
    try {
      await this.temporal.workflow
        .getHandle(remediationWorkflowId(row.id, row.attempt))
        .signal(remediationClosedSignal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
}
