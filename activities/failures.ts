import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../src/common/domain-error';

/**
 * Business refusals cross Temporal as non-retryable failures whose type is the problem code and whose
 * details carry what the API needs to rebuild the same problem+json.
 */
export async function refusingAsFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) {
      throw ApplicationFailure.create({
        type: err.code,
        message: err.message,
        nonRetryable: true,
        details: [{ status: err.status, title: err.title, errors: err.errors ?? [] }],
      });
    }
    throw err;
  }
}
