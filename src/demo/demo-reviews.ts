import type { Principal } from '../auth/roles';
import type { ReviewItemView } from '../campaigns';

/** What the demo's reviewers do with their items: the reviews service's calls, in the demo's words. */
export interface ReviewCalls {
  inbox(reviewer: Principal, campaignId: string): Promise<ReviewItemView[]>;
  decide(
    reviewer: Principal,
    campaignId: string,
    decisions: { itemId: string; decision: 'approve' | 'revoke'; comment?: string }[],
  ): Promise<unknown>;
  bulk(
    reviewer: Principal,
    campaignId: string,
    recommendation: 'recommended' | 'not_recommended',
    decision: 'approve' | 'revoke',
    comment?: string,
  ): Promise<unknown>;
  draft(
    reviewer: Principal,
    itemId: string,
    decision: 'approve' | 'revoke',
    comment?: string,
  ): Promise<unknown>;
}

const NOT_IN_JOB = 'Not needed in this job (role model)';

/** Last quarter: reviewers approve what the role model grants and revoke what nobody in the job holds. */
export async function reviewLastQuarter(calls: ReviewCalls, campaignId: string, reviewers: Principal[]) {
  for (const reviewer of reviewers) {
    await calls.bulk(reviewer, campaignId, 'recommended', 'approve');
    await calls.bulk(reviewer, campaignId, 'not_recommended', 'revoke', NOT_IN_JOB);
  }
}

/**
 * This quarter, under way: the demo reviewer approved some of the access their team's jobs grant, revoked
 * some they should not hold, and has drafts waiting; a few other reviewers approved what the role model
 * grants, and one of them has drafts too.
 */
export async function reviewThisQuarter(
  calls: ReviewCalls,
  campaignId: string,
  demoReviewer: Principal,
  others: Principal[],
) {
  const items = await calls.inbox(demoReviewer, campaignId);
  const recommended = items.filter((i) => i.recommendation === 'recommended' && !i.mover);
  const odd = items.filter((i) => i.recommendation === 'not_recommended' && !i.mover);
  await calls.decide(demoReviewer, campaignId, [
    ...recommended.slice(0, 5).map((i) => ({ itemId: i.id, decision: 'approve' as const })),
    ...odd.slice(0, 1).map((i) => ({ itemId: i.id, decision: 'revoke' as const, comment: NOT_IN_JOB })),
  ]);
  for (const item of recommended.slice(5, 8)) await calls.draft(demoReviewer, item.id, 'approve');
  for (const reviewer of others) {
    await calls.bulk(reviewer, campaignId, 'recommended', 'approve');
  }
  if (others.length > 0) {
    const left = (await calls.inbox(others[0], campaignId)).filter((i) => i.status === 'to_be_reviewed');
    for (const item of left.slice(0, 2)) await calls.draft(others[0], item.id, 'approve');
  }
}
