import { Inject, Injectable } from '@nestjs/common';
import type { JWTPayload } from 'jose';
import * as client from 'openid-client';
import { DomainError, invalid } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { providerUnavailable } from './auth.errors';
import { Authenticator } from './authenticator';
import { claimAt } from './claims';
import { OidcIssuer } from './oidc-issuer';
import type { Principal } from './roles';
import { SessionRepository } from './session.repository';
import { SessionsService } from './sessions.service';

/** How long a browser may spend at the provider between leaving and coming back. */
export const SIGN_IN_WINDOW_MS = 10 * 60_000;

const signInFailed = (detail: string) =>
  new DomainError(400, 'sign-in-failed', 'Sign-in failed', `${detail} Start again at /auth/login.`);

/** The provider's error code, kept to its token characters: it arrives in the URL, from anyone. */
const errorCode = (value: unknown) =>
  String(value)
    .replace(/[^\w.-]/g, '')
    .slice(0, 60) || 'unknown';

/** Longer than any page of the web app needs; the target is stored, then sent back in a header. */
export const RETURN_TO_MAX_LENGTH = 2048;

/**
 * Where the browser goes after signing in: a path of this site, in the form the browser itself will
 * resolve it to. The check is made on that form, not on the text received: dot segments, encoded ones
 * included, are resolved first, so `/.//evil.test` or `/%2e//evil.test` would become `//evil.test`,
 * another host. Anything that is not, once resolved, a path starting with one `/` is refused, and so are
 * backslashes and control characters, which parsers disagree on.
 */
export function safeReturnTo(value: unknown, publicUrl: string): string {
  if (value === undefined || value === '') return '/';
  const refused = () =>
    invalid(
      `returnTo must be a path on this site such as /campaigns (at most ${RETURN_TO_MAX_LENGTH} characters).`,
      [{ field: 'returnTo', message: 'not a path on this site' }],
    );
  if (
    typeof value !== 'string' ||
    value.length > RETURN_TO_MAX_LENGTH ||
    !value.startsWith('/') ||
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    /[\\\u0000-\u001f\u007f-\u009f]/.test(value)
  ) {
    throw refused();
  }
  const site = new URL(publicUrl);
  const url = new URL(value, site);
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== site.origin || !/^\/(?![/\\])/.test(target) || target.length > RETURN_TO_MAX_LENGTH) {
    throw refused();
  }
  return target;
}

/**
 * The stored target, checked again on the way out: an attempt begun by an earlier version may hold one
 * that leaves the site (`//evil.test`); the browser then goes home instead.
 */
function storedReturnTo(stored: string, publicUrl: string): string {
  try {
    return safeReturnTo(stored, publicUrl);
  } catch {
    return '/';
  }
}

/**
 * The browser's sign-in, run by the server (backend-for-frontend): Authorization Code with PKCE, state
 * and nonce, the tokens kept server-side. The browser ends up holding only a session cookie.
 */
@Injectable()
export class BrowserSignIn {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OidcIssuer) private readonly issuer: OidcIssuer,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(Database) private readonly db: Database,
    @Inject(SessionRepository) private readonly attempts: SessionRepository,
    @Inject(SessionsService) private readonly sessions: SessionsService,
  ) {}

  private async configuration(): Promise<client.Configuration> {
    try {
      return await this.issuer.configuration();
    } catch {
      throw providerUnavailable();
    }
  }

  /** Starts a sign-in: the provider's authorization URL, and the state the browser must come back with. */
  async begin(returnTo: unknown): Promise<{ authorizationUrl: URL; state: string }> {
    const target = safeReturnTo(returnTo, this.config.publicUrl);
    const configuration = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.db.run((sql) =>
      this.attempts.addAttempt(
        sql,
        { state, nonce, code_verifier: verifier, return_to: target },
        SIGN_IN_WINDOW_MS,
      ),
    );
    const authorizationUrl = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.oidc.session.redirectUri,
      scope: this.config.oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl, state };
  }

  /**
   * The browser is back from the provider: checks state (against the browser's own cookie and the
   * stored attempt), redeems the code with the PKCE verifier, checks the ID token (signature, issuer,
   * audience, nonce) and opens a session for the ledger identity it names.
   */
  async complete(
    query: URLSearchParams,
    browserState: string | undefined,
    userAgent: string | null,
  ): Promise<{ token: string; returnTo: string; expiresAt: Date }> {
    const state = query.get('state');
    if (!state || !browserState || state !== browserState) {
      throw signInFailed('This sign-in was not started by this browser (state does not match).');
    }
    const attempt = await this.db.run((sql) => this.attempts.takeAttempt(sql, state, SIGN_IN_WINDOW_MS));
    if (!attempt) throw signInFailed('This sign-in has expired or was already used.');
    if (query.has('error')) {
      throw signInFailed(`The identity provider refused the sign-in (${errorCode(query.get('error'))}).`);
    }
    const configuration = await this.configuration();
    const callbackUrl = new URL(this.config.oidc.session.redirectUri);
    callbackUrl.search = query.toString();
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (err instanceof client.ResponseBodyError || err instanceof client.AuthorizationResponseError) {
        throw signInFailed(`The identity provider refused the code (${errorCode(err.error)}).`);
      }
      if (err instanceof client.ClientError) {
        // oauth4webapi's own message names the check (e.g. the ID token's "nonce" claim), never the values.
        const check = err.cause instanceof Error ? err.cause.message : err.message;
        throw signInFailed(`The identity provider's answer failed a check: ${check}.`);
      }
      throw providerUnavailable();
    }
    const idToken = tokens.id_token!;
    let claims: JWTPayload;
    try {
      claims = await this.authenticator.idToken(idToken);
    } catch {
      throw signInFailed("The identity provider's ID token is not valid.");
    }
    claims = await this.withUserInfo(configuration, claims, tokens.access_token);
    const person = await this.authenticator.person(claims);
    const { token, session } = await this.sessions.start(person, idToken, userAgent);
    return {
      token,
      returnTo: storedReturnTo(attempt.return_to, this.config.publicUrl),
      expiresAt: session.expires_at,
    };
  }

  /**
   * Providers that keep the profile out of the ID token (OpenID Connect's default for the code flow)
   * give it at the userinfo endpoint, for the same subject.
   */
  private async withUserInfo(
    configuration: client.Configuration,
    claims: JWTPayload,
    accessToken: string,
  ): Promise<JWTPayload> {
    const oidc = this.config.oidc;
    const missing = [oidc.identityClaim, oidc.rolesClaim].some((c) => claimAt(claims, c) === undefined);
    if (!missing || !configuration.serverMetadata().userinfo_endpoint) return claims;
    try {
      const info = await client.fetchUserInfo(configuration, accessToken, claims.sub!);
      return { ...info, ...claims };
    } catch {
      throw providerUnavailable();
    }
  }

  /**
   * Ends the caller's session; where the browser goes next: the provider's end-session endpoint (to sign
   * out there too) when it has one, else the home page.
   */
  async end(principal: Principal | undefined): Promise<string> {
    const ended = principal ? await this.sessions.signOut(principal) : undefined;
    const home = this.config.oidc.session.postLogoutRedirectUri;
    if (!ended) return home;
    const configuration = await this.issuer.configuration().catch(() => undefined);
    if (!configuration?.serverMetadata().end_session_endpoint) return home;
    return client
      .buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: home,
        ...(ended.id_token ? { id_token_hint: ended.id_token } : {}),
      })
      .toString();
  }
}
