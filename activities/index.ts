import { createCampaignActivities, type CampaignActivityDeps } from './campaign.activities';
import { createNotificationActivities, type NotificationActivityDeps } from './notification.activities';
import { createReviewerActivities, type ReviewerActivityDeps } from './reviewer.activities';

export type ActivityDeps = CampaignActivityDeps & ReviewerActivityDeps & NotificationActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCampaignActivities(deps),
    ...createReviewerActivities(deps),
    ...createNotificationActivities(deps),
  };
}

export type RecertActivities = ReturnType<typeof createActivities>;
