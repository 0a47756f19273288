import type { ConfirmRequest, ConfirmResult } from '../workflows/reviewer.contract';
import type { DecisionRecorder } from '../src/reviews/decision-recorder';

export interface ReviewerActivityDeps {
  recorder: DecisionRecorder;
}

export function createReviewerActivities({ recorder }: ReviewerActivityDeps) {
  return {
    async confirmDecisions(
      input: ConfirmRequest & { campaignId: string; reviewerKey: string },
    ): Promise<ConfirmResult> {
      const result = await recorder.confirm(
        input.campaignId,
        input.reviewerKey,
        { decisions: input.decisions, drafts: input.drafts },
        { actor: input.reviewerKey, via: input.via, requestId: input.requestId },
      );
      // Echoed so that a retried Idempotency-Key with another body can be told apart (see ReviewsService).
      return { ...result, requestHash: input.requestHash };
    },
  };
}
