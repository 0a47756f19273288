import { createCampaignActivities, type CampaignActivityDeps } from './campaign.activities';

export type ActivityDeps = CampaignActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return { ...createCampaignActivities(deps) };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
