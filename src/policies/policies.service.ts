import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { PolicyRunMode, PolicyRunResult } from '../../workflows/policy.contract';
import { AuditRepository } from '../audit';
import { actorOf, Principal } from '../auth/roles';
import { Keyset, keysetPage, Page } from '../common/cursor';
import { conflict, DomainError, FieldError, invalid, invalidFields, notFound } from '../common/domain-error';
import { currentRequestId } from '../common/request-context';
import { findUnstorable } from '../common/storable-text';
import { toFieldErrors } from '../common/zod-validation.pipe';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { reminderPlanErrors } from '../domain/campaign-options';
import { Database, Sql } from '../database/database';
import { LedgerLookupRepository } from '../ledger';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { z } from 'zod';
import { PolicySchedules, ScheduleState } from './policy-schedules';
import { scopeCondition } from '../domain/scope/scope.sql';
import { policyFromXml, policyToXml } from './policy-xml';
import { PolicyRepository, ScopeSample, scopeOf } from './policy.repository';
import { ListPoliciesQuery, PolicyInput, policySchema, PolicyUpdate, ScopePreview } from './policy.schema';
import { PolicyRow, PolicyView, toPolicyInput, toPolicyView } from './policy.types';

export type PolicyWithSchedules = PolicyView & { schedules: ScheduleState[] | null };

const byId: Keyset<z.ZodObject<{ id: z.ZodString }>, { id: string }> = {
  cursor: z.object({ id: z.string().max(200) }),
  of: (row) => ({ id: row.id }),
};
const SAMPLE = 20;

const sampleView = (s: ScopeSample) => ({
  assignmentKey: s.assignment_key,
  identityKey: s.identity_key,
  permissionKey: s.permission_key,
  applicationKey: s.application_key,
});

@Injectable()
export class PoliciesService {
  private readonly logger = new Logger(PoliciesService.name);
  private readonly schedules: PolicySchedules;
  private readonly minReminderMs: number;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(TEMPORAL_CLIENT) temporal: Client,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedules = new PolicySchedules(temporal, config.temporal.taskQueue, config.policySweepEveryMs);
    this.minReminderMs = config.limits.minReminderMs;
  }

  async create(input: PolicyInput, principal: Principal): Promise<PolicyView> {
    const row = await this.db.transaction(async (sql) => {
      await this.check(sql, input);
      if (input.active) await this.refuseOverlap(sql, input);
      const created = await this.policies.insert(sql, input, principal.sub);
      if (!created) {
        throw conflict(
          'policy-exists',
          'Policy already exists',
          `A policy with id "${input.id}" already exists.`,
        );
      }
      await this.syncSchedules(created);
      await this.record(sql, principal, 'policy.created', created.id, undefined, toPolicyView(created));
      return created;
    });
    return toPolicyView(row);
  }

  async update(id: string, body: PolicyUpdate, principal: Principal): Promise<PolicyView> {
    if (body.id !== undefined && body.id !== id) {
      throw invalid('id: not modifiable', [
        { field: 'id', message: `not modifiable (the policy is "${id}")` },
      ]);
    }
    const input: PolicyInput = { ...body, id };
    const row = await this.db.transaction(async (sql) => {
      const before = await this.policies.findForUpdate(sql, id);
      if (!before) throw notFound('Policy', `No policy ${id}.`);
      await this.check(sql, input);
      if (input.active) await this.refuseOverlap(sql, input);
      const after = (await this.policies.update(sql, input))!;
      await this.syncSchedules(after);
      await this.record(sql, principal, 'policy.updated', id, toPolicyView(before), toPolicyView(after));
      return after;
    });
    return toPolicyView(row);
  }

  /** Activation is refused (409) when the policy would select an assignment another active one selects. */
  async setActive(id: string, active: boolean, principal: Principal): Promise<PolicyView> {
    const row = await this.db.transaction(async (sql) => {
      const before = await this.policies.findForUpdate(sql, id);
      if (!before) throw notFound('Policy', `No policy ${id}.`);
      if (active && !before.active) await this.refuseOverlap(sql, toPolicyInput(before));
      const after = (await this.policies.setActive(sql, id, active))!;
      await this.syncSchedules(after);
      if (before.active !== active) {
        await this.record(
          sql,
          principal,
          active ? 'policy.activated' : 'policy.deactivated',
          id,
          { active: before.active },
          { active },
        );
      }
      return after;
    });
    return toPolicyView(row);
  }

  async delete(id: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (sql) => {
      const gone = await this.policies.delete(sql, id);
      if (!gone) throw notFound('Policy', `No policy ${id}.`);
      await this.schedules.remove(id);
      await this.record(sql, principal, 'policy.deleted', id, toPolicyView(gone), undefined);
    });
  }

  async get(id: string): Promise<PolicyWithSchedules> {
    return this.withSchedules(toPolicyView(await this.require(id)));
  }

  async list(q: ListPoliciesQuery): Promise<Page<PolicyWithSchedules>> {
    const page = await this.db.run((sql) =>
      keysetPage(
        q,
        byId,
        (after, rows) => this.policies.list(sql, { ...q, afterId: after?.id, limit: rows }),
        (shown) => shown.map(toPolicyView),
      ),
    );
    let listed: Map<string, ScheduleState[]> | null;
    try {
      listed = await this.schedules.listed();
    } catch (err) {
      this.logger.warn(`schedules of policies not listed: ${(err as Error).message}`);
      listed = null;
    }
    return {
      ...page,
      items: page.items.map((p) => ({ ...p, schedules: listed && (listed.get(p.id) ?? []) })),
    };
  }

  /**
   * The policy with its schedules' next runs, read from Temporal; null when Temporal cannot be asked or
   * does not answer within a few seconds (the policy itself still shows: its rules live in PostgreSQL).
   */
  private async withSchedules(policy: PolicyView): Promise<PolicyWithSchedules> {
    try {
      return { ...policy, schedules: await this.schedules.describe(policy.id) };
    } catch (err) {
      this.logger.warn(`schedules of policy ${policy.id} not read: ${(err as Error).message}`);
      return { ...policy, schedules: null };
    }
  }

  /** How many assignments a scope selects, with a sample; nothing is written. */
  async preview(body: ScopePreview) {
    return this.db.run(async (sql) => {
      const certifiedBefore = body.recertificationPeriod
        ? await this.policies.certificationCutoff(sql, body.recertificationPeriod)
        : null;
      const scope = {
        policyId: '(preview)',
        identityScope: body.identityScope,
        roleAssignmentScope: body.roleAssignmentScope,
        certifiedBefore,
      };
      const [count, sample] = [
        await this.policies.count(sql, scope),
        await this.policies.sample(sql, scope, SAMPLE),
      ];
      return { assignments: count, sample: sample.map(sampleView) };
    });
  }

  /**
   * Launches one campaign of the policy now (campaign mode), or one sweep (on-the-fly mode), once per
   * `idempotencyKey` (else per request).
   */
  async run(
    id: string,
    mode: PolicyRunMode | undefined,
    idempotencyKey: string | undefined,
  ): Promise<PolicyRunResult & { workflowId: string }> {
    const policy = await this.require(id);
    if (!policy.active) {
      throw conflict(
        'policy-inactive',
        'Policy is not active',
        `Policy ${id} is deactivated; activate it to run it.`,
      );
    }
    const chosen =
      mode ?? (policy.campaign_execution_plan || !policy.recertification_period ? 'campaign' : 'sweep');
    if (chosen === 'sweep' && !policy.recertification_period) {
      throw invalid('mode: the policy has no recertificationPeriod', [
        { field: 'mode', message: 'a sweep needs the policy to have a recertificationPeriod' },
      ]);
    }
    const handle = await this.schedules.runNow(
      id,
      chosen,
      idempotencyKey ?? currentRequestId() ?? randomUUID(),
    );
    return { workflowId: handle.workflowId, ...(await handle.result()) };
  }

  async importPolicy(body: unknown, principal: Principal): Promise<{ created: boolean; policy: PolicyView }> {
    const raw = typeof body === 'string' ? policyFromXml(body) : body;
    // Character references in XML (`&#0;`) can produce text the body check never saw.
    const unstorable = findUnstorable(raw);
    if (unstorable) throw invalidFields([unstorable]);
    const parsed = policySchema.safeParse(raw);
    if (!parsed.success) {
      const errors = toFieldErrors(parsed.error).slice(0, 50);
      throw invalidFields(errors);
    }
    const exists = await this.db.run((sql) => this.policies.find(sql, parsed.data.id));
    if (exists) return { created: false, policy: await this.update(parsed.data.id, parsed.data, principal) };
    return { created: true, policy: await this.create(parsed.data, principal) };
  }

  async exportPolicy(id: string, format: 'json' | 'xml'): Promise<string | PolicyInput> {
    const input = toPolicyInput(await this.require(id));
    return format === 'xml' ? policyToXml(input) : input;
  }

  private async require(id: string): Promise<PolicyRow> {
    const row = await this.db.run((sql) => this.policies.find(sql, id));
    if (!row) throw notFound('Policy', `No policy ${id}.`);
    return row;
  }

  /** Expressions compile (unknown fields and bad values are 400s naming them); referenced identities exist. */
  private async check(sql: Sql, input: PolicyInput): Promise<void> {
    scopeCondition(scopeOf(rowLike(input)), []);
    const errors: FieldError[] = reminderPlanErrors(
      input.workflowStrategy.options,
      this.minReminderMs,
      'workflowStrategy.options',
    );
    const reviewer = input.workflowStrategy.reviewers.defaultReviewerKey;
    if (reviewer && (await this.lookup.activeIdentities(sql, [reviewer])).length === 0) {
      errors.push({
        field: 'workflowStrategy.reviewers.defaultReviewerKey',
        message: `"${reviewer}" is not an active identity`,
      });
    }
    if (errors.length > 0) throw invalidFields(errors);
  }

  private async refuseOverlap(sql: Sql, input: PolicyInput): Promise<void> {
    await this.policies.lockActivations(sql);
    const mine = scopeOf(rowLike(input));
    for (const other of await this.policies.othersActive(sql, input.id)) {
      const shared = await this.policies.shared(sql, mine, scopeOf(other), 5);
      if (shared.length > 0) {
        throw new DomainError(
          409,
          'policy-overlap',
          'Policies would overlap',
          `Policy ${input.id} selects assignments that active policy ${other.id} ("${other.name}") also selects, e.g. ${shared
            .map((s) => s.assignment_key)
            .join(', ')}. Make the scopes distinct or deactivate ${other.id}.`,
          [{ field: 'active', message: `overlaps active policy ${other.id}` }],
        );
      }
    }
  }

  /**
   * Runs inside the policy's transaction, before the audit entry (which takes the audit chain's lock until
   * commit, so no other writer waits on Temporal): a schedule Temporal refuses rolls the change back (a 400
   * when it refuses the execution plan, else a 503; nothing written); a commit failing after the schedule
   * changed is corrected by the next write.
   */
  private async syncSchedules(row: PolicyRow): Promise<void> {
    try {
      await this.schedules.sync(row);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      this.logger.error(`schedules of policy ${row.id} not synchronised: ${(err as Error).message}`);
      throw new DomainError(
        503,
        'orchestration-unavailable',
        'Policy schedule could not be written',
        `The Temporal schedule of policy ${row.id} could not be written; nothing was changed. Try again.`,
      );
    }
  }

  private async record(
    sql: Sql,
    principal: Principal,
    action: string,
    id: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record(sql, {
      ...actorOf(principal),
      action,
      objectType: 'policy',
      objectId: id,
      before,
      after,
    });
  }
}

function rowLike(p: PolicyInput): Pick<PolicyRow, 'id' | 'identity_scope' | 'role_assignment_scope'> {
  return { id: p.id, identity_scope: p.identityScope, role_assignment_scope: p.roleAssignmentScope };
}
