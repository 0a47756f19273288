import { DomainError } from '../common/domain-error';
import type { AppConfig } from '../config/config.schema';

/**
 * The demo is offered only where anyone may sign in as anyone anyway: on the embedded development
 * provider, outside production. Elsewhere its route answers as if it did not exist.
 */
export const demoOffered = (config: AppConfig) => config.oidc.embedded && config.env !== 'production';

export const demoNotOffered = () =>
  new DomainError(
    404,
    'demo-not-offered',
    'The demo organisation is not offered here',
    'The demo organisation loads only on the embedded development provider (no OIDC_ISSUER), outside production.',
  );

export const ledgerNotEmpty = () =>
  new DomainError(
    409,
    'demo-ledger-not-empty',
    'The ledger is not empty',
    'The demo organisation loads into an empty ledger only; start with a fresh DATA_DIR (or database) to see it.',
  );
