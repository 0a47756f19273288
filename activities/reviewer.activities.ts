import type { ConfirmRequest, ConfirmResult } from '../workflows/reviewer.contract';
import type { DecisionRecorder } from '../src/reviews/decision-recorder';
import { refusingAsFailure } from './failures';

export interface ReviewerActivityDeps {
  recorder: DecisionRecorder;
}

export function createReviewerActivities({ recorder }: ReviewerActivityDeps) {
  return {
    async confirmDecisions(
      input: ConfirmRequest & { campaignId: string; reviewerKey: string },
    ): Promise<ConfirmResult> {
      return refusingAsFailure(() =>
        recorder.confirm(
          input.campaignId,
          input.reviewerKey,
          { decisions: input.decisions, drafts: input.drafts },
          input.requestId ?? null,
        ),
      );
    },
  };
}
