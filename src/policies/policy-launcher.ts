import { Inject, Injectable } from '@nestjs/common';
import type { PolicyRunMode, PolicyRunResult } from '../../workflows/policy.contract';
import { CampaignLauncher } from '../campaigns';
import { parseIsoDuration } from '../common/iso-duration';
import { Database } from '../database/database';
import { PolicyRepository, scopeOf } from './policy.repository';
import type { PolicyRow } from './policy.types';

const DAY_MS = 86_400_000;

/**
 * Launches the campaign of one policy occurrence: its scope (campaign mode), or only what is due for
 * recertification (on-the-fly sweep); nothing when the scope selects nothing. The run key is the
 * campaign's idempotency key, so a retried launch finds the campaign it already created.
 */
@Injectable()
export class PolicyLauncher {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(CampaignLauncher) private readonly campaigns: CampaignLauncher,
  ) {}

  async launch(policyId: string, mode: PolicyRunMode, runKey: string): Promise<PolicyRunResult> {
    const found = await this.db.run(async (sql) => {
      const policy = await this.policies.find(sql, policyId);
      if (!policy?.active) return undefined;
      const certifiedBefore =
        mode === 'sweep' && policy.recertification_period
          ? await this.policies.certificationCutoff(sql, policy.recertification_period)
          : null;
      const scope = scopeOf(policy, certifiedBefore);
      return { policy, scope, items: await this.policies.count(sql, scope) };
    });
    if (!found || found.items === 0) return { campaignId: null, items: 0 };
    const { policy, scope, items } = found;
    const ws = policy.workflow_strategy;
    const { row } = await this.campaigns.launch(
      {
        title: title(policy, mode),
        description: policy.description,
        dueAt: new Date(Date.now() + (parseIsoDuration(ws.dueIn) ?? 30 * DAY_MS)).toISOString(),
        type: 'right',
        scope: { policy: scope },
        reviewers: ws.reviewers,
        onDueDate: ws.onDueDate,
        priority: ws.priority,
        options: ws.options,
        policyId: policy.id,
      },
      { actor: policy.owner_key },
      `policy-run:${runKey}`,
    );
    return { campaignId: row.id, items };
  }
}

function title(policy: PolicyRow, mode: PolicyRunMode): string {
  const day = new Date().toISOString().slice(0, 10);
  return `${policy.name.trim()} — ${mode === 'sweep' ? 'recertification due' : 'campaign'} ${day}`.slice(
    0,
    200,
  );
}
