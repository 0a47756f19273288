import { createCampaignActivities, type CampaignActivityDeps } from './campaign.activities';
import { createReviewerActivities, type ReviewerActivityDeps } from './reviewer.activities';

export type ActivityDeps = CampaignActivityDeps & ReviewerActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return { ...createCampaignActivities(deps), ...createReviewerActivities(deps) };
}

export type RecertActivities = ReturnType<typeof createActivities>;
