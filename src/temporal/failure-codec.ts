import {
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { DomainError, FieldError } from '../common/domain-error';
import { databaseFailureKind } from '../database/pg-errors';

interface FailureDetail {
  status: number;
  title: string;
  errors: FieldError[];
}

const badData = (err: unknown) =>
  new DomainError(
    400,
    'invalid-data',
    'Value cannot be stored',
    'A value of the request cannot be stored; check the text fields for characters PostgreSQL refuses.',
    [{ field: '(body)', message: String((err as { message?: unknown }).message ?? err).slice(0, 200) }],
  );

const constraintBroken = () =>
  new DomainError(
    409,
    'constraint',
    'Request conflicts with stored data',
    'The request conflicts with stored data.',
  );

/**
 * Errors an activity raises that trying again cannot fix: a business refusal, or data PostgreSQL refuses
 * (SQLSTATE classes 22 and 23). They cross Temporal as non-retryable failures whose type is the problem
 * code and whose details rebuild the same problem+json on the API side; anything else stays retryable.
 */
export function toNonRetryableFailure(err: unknown): ApplicationFailure | undefined {
  const kind = databaseFailureKind(err);
  const refusal =
    err instanceof DomainError
      ? err
      : kind === 'bad-data'
        ? badData(err)
        : kind === 'constraint'
          ? constraintBroken()
          : undefined;
  if (!refusal) return undefined;
  const detail: FailureDetail = {
    status: refusal.status,
    title: refusal.title,
    errors: refusal.errors ?? [],
  };
  return ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    nonRetryable: true,
    details: [detail],
    // An expected refusal (a reviewer's unknown item, a value PostgreSQL refuses) is the caller's 4xx, not
    // the worker's problem: the SDK then logs it at DEBUG instead of a WARN with a stack trace.
    ...(refusal.status < 500 ? { category: ApplicationFailureCategory.BENIGN } : {}),
  });
}

/**
 * Refusals workflow code raises by failure type alone (workflows know no HTTP): the problem each becomes.
 * The types are `FailureType.InvalidTransition` (workflows/campaign.contract.ts) and those of the reviewer
 * task's validators (workflows/reviewer.workflow.ts).
 */
const WORKFLOW_REFUSALS: Record<string, Omit<FailureDetail, 'errors'> & { code: string }> = {
  InvalidTransition: { status: 409, code: 'campaign-state', title: 'Campaign state forbids this' },
  'campaign-not-active': { status: 409, code: 'campaign-not-active', title: 'Campaign accepts no decisions' },
  validation: { status: 400, code: 'validation', title: 'Request is invalid' },
};

/** The refusal a workflow or activity sent back through an Update, as the problem the caller sees. */
export function domainErrorOf(err: unknown): DomainError | undefined {
  const failure = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  if (!(failure instanceof ApplicationFailure) || !failure.type) return undefined;
  const detail = failure.details?.[0] as Partial<FailureDetail> | undefined;
  if (detail?.status) {
    return new DomainError(
      detail.status,
      failure.type,
      detail.title ?? 'Refused',
      failure.message,
      detail.errors,
    );
  }
  const known = WORKFLOW_REFUSALS[failure.type];
  return known && new DomainError(known.status, known.code, known.title, failure.message);
}

const UNAVAILABLE_GRPC = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/** Temporal could not be reached (or did not answer in time): the request may succeed later. */
export function isTemporalUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const grpc = err instanceof ServiceError ? err.cause : err;
  return isGrpcServiceError(grpc) && UNAVAILABLE_GRPC.has(grpc.code);
}
