import type { CampaignState } from '../../workflows/campaign.contract';
import { CampaignRepository } from '../../src/campaigns/campaign.repository';
import { ReviewItemRepository } from '../../src/campaigns/review-item.repository';
import type { CampaignRow, CampaignScope, CampaignType, ItemStatus } from '../../src/domain/campaign.types';
import type { ReviewItemRow } from '../../src/domain/review-item.types';
import type { ReviewerRule } from '../../src/domain/reviewer-rules';
import { ADMIN, IntegrationDb } from './integration-db';

export interface CampaignSpec {
  title?: string;
  type?: CampaignType;
  scope?: CampaignScope;
  strategy?: ReviewerRule[];
  defaultReviewerKey?: string | null;
  ownerKey?: string;
  fullReview?: boolean;
  priority?: number;
  dueAt?: string;
  /** Where the campaign is left once populated (`active` unless said). */
  status?: CampaignState;
}

const campaigns = new CampaignRepository();
const items = new ReviewItemRepository();

/** A campaign inserted and populated as the launch workflow's first activity does, without Temporal. */
export async function launchCampaign(it: IntegrationDb, spec: CampaignSpec = {}): Promise<CampaignRow> {
  return it.db.transaction(async (sql) => {
    const number = await campaigns.nextNumber(sql);
    const reviewers = {
      strategy: spec.strategy ?? ['linemanager'],
      defaultReviewerKey: spec.defaultReviewerKey === undefined ? 'dflt' : spec.defaultReviewerKey,
    };
    const row = await campaigns.insert(sql, {
      number,
      title: spec.title ?? `Campaign ${number}`,
      description: '',
      priority: spec.priority ?? 3,
      type: spec.type ?? 'right',
      ownerKey: spec.ownerKey ?? 'owner',
      dueAt: spec.dueAt ?? new Date(Date.now() + 5 * 86_400_000).toISOString(),
      scope: spec.scope ?? {},
      reviewers,
      onDueDate: 'not_reviewed',
      options: { fullReview: spec.fullReview ?? true },
      workflowId: `campaign-${number}`,
      idempotencyKey: null,
      requestHash: null,
      policyId: null,
    });
    await items.populate(
      sql,
      row.id,
      { type: row.type, scope: row.scope, ...reviewers, fullReview: spec.fullReview ?? true },
      90,
    );
    const status = spec.status ?? 'active';
    if (status !== 'init') await campaigns.setStatus(sql, row.id, status, ADMIN);
    return (await campaigns.findById(sql, row.id))!;
  });
}

export function itemsOf(it: IntegrationDb, campaignId: string): Promise<ReviewItemRow[]> {
  return it.query<ReviewItemRow>(`SELECT * FROM review_item WHERE campaign_id = $1 ORDER BY id`, [
    campaignId,
  ]);
}

/** Records reviewers' decisions (`status` per assignment key) as the decision recorder writes them. */
export async function decide(
  it: IntegrationDb,
  campaignId: string,
  byKey: Record<string, ItemStatus>,
  actor = 'reviewer',
): Promise<void> {
  const rows = (await itemsOf(it, campaignId)).filter((r) => r.assignment_key in byKey);
  await it.db.transaction((sql) =>
    items.applyDecisions(
      sql,
      campaignId,
      { actor },
      rows.map((r) => ({
        itemId: r.id,
        status: byKey[r.assignment_key],
        comment: null,
        details: null,
        responsible: null,
      })),
    ),
  );
}

export async function setStatus(it: IntegrationDb, campaignId: string, to: CampaignState): Promise<void> {
  await it.db.transaction((sql) => campaigns.setStatus(sql, campaignId, to, ADMIN));
}
