import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { LedgerLookupRepository } from '../ledger';
import { AuthenticationFailed, notInLedger, providerUnavailable } from './auth.errors';
import { claimAt, clientIdOf, personRoles } from './claims';
import { OidcIssuer } from './oidc-issuer';
import type { Principal } from './roles';

/** Asymmetric algorithms only: `none` and HMAC (a shared secret, or a public key misused as one) never pass. */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

/** Which check a token failed, in words that reveal nothing of its content. */
function failedCheck(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'it has expired (exp)';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'it is not valid yet (nbf)';
    if (err.claim === 'iss') return 'it was not issued by the configured issuer (iss)';
    if (err.claim === 'aud') return 'it is not meant for this API (aud)';
    return `its "${err.claim}" claim is missing or not accepted`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return 'its signing algorithm is not accepted';
  if (err instanceof errors.JWKSNoMatchingKey) return "no key of the issuer's JWKS matches it (kid)";
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'its signature is not valid';
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) throw providerUnavailable();
  if (
    err instanceof errors.JWTInvalid ||
    err instanceof errors.JWSInvalid ||
    err instanceof errors.JOSENotSupported
  ) {
    return 'it is not a signed JWT';
  }
  throw err;
}

/**
 * Who a request comes from. Every credential is checked against the OpenID Provider (its JWKS for
 * bearer tokens), and every person against the identity ledger on every request: an identity made
 * inactive by an import loses access at once.
 */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OidcIssuer) private readonly issuer: OidcIssuer,
    @Inject(Database) private readonly db: Database,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
  ) {}

  async bearer(token: string): Promise<Principal> {
    const oidc = this.config.oidc;
    let keys;
    try {
      keys = await this.issuer.keys();
    } catch {
      throw providerUnavailable();
    }
    let claims: JWTPayload;
    try {
      claims = await this.verify(token, keys, oidc.audience);
    } catch (err) {
      throw new AuthenticationFailed(
        `The bearer token is not accepted: ${failedCheck(err)}.`,
        'invalid_token',
      );
    }
    const expiresAt = new Date(claims.exp! * 1000);
    const clientId = clientIdOf(claims);
    const machineRoles = clientId ? oidc.clientRoles[clientId] : undefined;
    if (clientId && machineRoles) {
      return {
        sub: clientId,
        kind: 'client',
        roles: [...machineRoles],
        displayName: clientId,
        clientId,
        expiresAt,
      };
    }
    return { ...(await this.person(claims)), clientId, expiresAt };
  }

  /**
   * Verifies an ID token from the provider's token endpoint with the same keys and checks as a bearer
   * token, for Recert's own client id.
   */
  async idToken(token: string): Promise<JWTPayload> {
    return this.verify(token, await this.issuer.keys(), this.config.oidc.clientId);
  }

  /** The issuer's signature (asymmetric only), `iss`, `aud`, `exp`/`nbf` with the configured skew, `sub`. */
  private async verify(token: string, keys: JWTVerifyGetKey, audience: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, keys, {
      issuer: this.config.oidc.issuer,
      audience,
      algorithms: ACCEPTED_ALGORITHMS,
      clockTolerance: this.config.oidc.clockSkewSeconds,
      requiredClaims: ['exp', 'sub'],
    });
    return payload;
  }

  /** The ledger identity the provider's claims name, with the roles its groups give. */
  async person(claims: JWTPayload): Promise<Omit<Principal, 'expiresAt'>> {
    const oidc = this.config.oidc;
    const value = claimAt(claims, oidc.identityClaim);
    if (typeof value !== 'string' || value === '') {
      throw notInLedger(`The sign-in carries no "${oidc.identityClaim}" claim, so it`);
    }
    const identity = await this.db.run((sql) => this.lookup.person(sql, oidc.identityMatch, value));
    if (!identity || identity.status !== 'active') {
      throw notInLedger(`"${value}" (claim ${oidc.identityClaim}, matched by ${oidc.identityMatch})`);
    }
    return {
      sub: identity.key,
      kind: 'person',
      roles: personRoles(claims, oidc),
      displayName: identity.display_name,
    };
  }
}
