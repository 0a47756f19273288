import { createCampaignActivities, type CampaignActivityDeps } from './campaign.activities';
import { createNotificationActivities, type NotificationActivityDeps } from './notification.activities';
import { createPolicyActivities, type PolicyActivityDeps } from './policy.activities';
import { createRemediationActivities, type RemediationActivityDeps } from './remediation.activities';
import { createReviewerActivities, type ReviewerActivityDeps } from './reviewer.activities';

export type ActivityDeps = CampaignActivityDeps &
  ReviewerActivityDeps &
  NotificationActivityDeps &
  RemediationActivityDeps &
  PolicyActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCampaignActivities(deps),
    ...createReviewerActivities(deps),
    ...createNotificationActivities(deps),
    ...createRemediationActivities(deps),
    ...createPolicyActivities(deps),
  };
}

export type RecertActivities = ReturnType<typeof createActivities>;
