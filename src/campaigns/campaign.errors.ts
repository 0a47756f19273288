import { conflict } from '../common/domain-error';

/** The campaign's state forbids the action (paused, closed, …); the detail says which and why. */
export const campaignStateConflict = (detail: string) =>
  conflict('campaign-state', 'Campaign state forbids this', detail);
