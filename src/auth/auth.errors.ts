import { DomainError } from '../common/domain-error';

/** 401, with the RFC 6750 challenge a bearer client expects. */
export class AuthenticationFailed extends DomainError {
  constructor(
    detail: string,
    readonly bearerError?: 'invalid_token' | 'invalid_request',
  ) {
    super(401, 'unauthorized', 'Authentication required', detail);
  }

  get challenge(): string {
    return this.bearerError
      ? `Bearer realm="recert", error="${this.bearerError}", error_description="${this.message.replace(/["\\]/g, '')}"`
      : 'Bearer realm="recert"';
  }
}

export const notInLedger = (what: string) =>
  new DomainError(
    403,
    'not-in-ledger',
    'Not in the identity ledger',
    `${what} does not name an active identity of the identity ledger; ask an administrator to import it.`,
  );

export const providerUnavailable = () =>
  new DomainError(
    503,
    'identity-provider-unavailable',
    'Identity provider unavailable',
    'The OpenID Provider could not be reached; try again shortly.',
  );
