import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { toNonRetryableFailure } from './failure-codec';

/**
 * Every activity (local ones too) fails at once, without retries, on an error that trying again cannot
 * fix — otherwise one bad character loops a reviewer's task for ever (issue 10).
 */
export class ActivityFailuresInterceptor implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>) {
    try {
      return await next(input);
    } catch (err) {
      throw toNonRetryableFailure(err) ?? err;
    }
  }
}
