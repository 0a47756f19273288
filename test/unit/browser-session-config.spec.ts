import { returnToFamily, returnToViolation } from '../../scripts/fuzz/return-to';
import { RETURN_TO_MAX_LENGTH, safeReturnTo } from '../../src/auth/browser-sign-in.service';
import { loadConfig } from '../../src/config/config.schema';

describe('browser session configuration', () => {
  it('uses Secure, __Host- prefixed cookies when the site is served over HTTPS', () => {
    const https = loadConfig({ PUBLIC_URL: 'https://recert.example.com' }).oidc.session;
    expect(https).toMatchObject({
      secure: true,
      cookie: '__Host-recert_session',
      signInCookie: '__Host-recert_sign_in',
      redirectUri: 'https://recert.example.com/auth/callback',
      postLogoutRedirectUri: 'https://recert.example.com/',
    });
    const http = loadConfig({ PORT: '3100' }).oidc.session;
    expect(http).toMatchObject({
      secure: false,
      cookie: 'recert_session',
      redirectUri: 'http://localhost:3100/auth/callback',
    });
  });

  it('defaults to 30 minutes idle and 12 hours absolute, and names a bad timeout', () => {
    const session = loadConfig({}).oidc.session;
    expect(session.idleMs).toBe(30 * 60_000);
    expect(session.absoluteMs).toBe(12 * 3_600_000);
    expect(
      loadConfig({ RECERT_SESSION_IDLE: 'PT5M', RECERT_SESSION_ABSOLUTE: 'PT8H' }).oidc.session,
    ).toMatchObject({
      idleMs: 5 * 60_000,
      absoluteMs: 8 * 3_600_000,
    });
    expect(() => loadConfig({ RECERT_SESSION_IDLE: '30 minutes' })).toThrow(
      /RECERT_SESSION_IDLE: must be an ISO 8601/,
    );
  });
});

describe('safeReturnTo', () => {
  const site = 'https://recert.example.com';

  it('keeps paths of the site, with their query and fragment, in the form the browser resolves', () => {
    expect(safeReturnTo(undefined, site)).toBe('/');
    expect(safeReturnTo('/campaigns/7?tab=items#top', site)).toBe('/campaigns/7?tab=items#top');
    expect(safeReturnTo('/reviews/../campaigns', site)).toBe('/campaigns');
    expect(safeReturnTo('/reviews/%2e%2e/campaigns', site)).toBe('/campaigns');
    expect(safeReturnTo('/a/./b/../../campaigns?x=//y#//z', site)).toBe('/campaigns?x=//y#//z');
    // Encoded slashes and backslashes stay encoded: a path segment, never a host.
    expect(safeReturnTo('/%2f/evil.test', site)).toBe('/%2f/evil.test');
    expect(safeReturnTo('/%5cevil.test', site)).toBe('/%5cevil.test');
    expect(safeReturnTo('/%252e//x', site)).toBe('/%252e//x');
    expect(safeReturnTo('/\uff0f\uff0fevil.test', site)).toBe('/%EF%BC%8F%EF%BC%8Fevil.test');
    expect(safeReturnTo('/..', site)).toBe('/');
    expect(safeReturnTo(`/${'a'.repeat(RETURN_TO_MAX_LENGTH - 1)}`, site)).toHaveLength(RETURN_TO_MAX_LENGTH);
  });

  it.each([
    'https://evil.example/',
    'http://recert.example.com/campaigns',
    'https:evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'campaigns',
    ' /campaigns',
    '/\tevil',
    '/a\nb',
    '/\t/evil.example',
    '/\r\n/evil.example',
    '/.\t//evil.example',
    '/\u0085x',
    // Paths that only the parser turns into //evil.example: dot segments, plain, encoded or in excess.
    '/.//evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '/a/b/../..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/.%2e//evil.example',
    '/a/%2e%2e//evil.example',
  ])('refuses %j', (value) => {
    expect(() => safeReturnTo(value, site)).toThrow(/returnTo must be a path on this site/);
  });

  it('refuses what is not text, and what is too long before or after the parser encodes it', () => {
    for (const value of [
      ['/a', '/b'],
      { a: 1 },
      42,
      null,
      `/${'a'.repeat(RETURN_TO_MAX_LENGTH)}`,
      `/${'é'.repeat(RETURN_TO_MAX_LENGTH / 2)}`,
    ]) {
      expect(() => safeReturnTo(value, site)).toThrow(/returnTo must be a path on this site/);
    }
  });

  it("sends no member of the fuzz's family off the site, and keeps what it accepts as it is", () => {
    let accepted = 0;
    for (const value of returnToFamily(site)) {
      let target: string;
      try {
        target = safeReturnTo(value, site);
      } catch {
        continue;
      }
      accepted++;
      expect({ value, violation: returnToViolation(target, site) }).toEqual({ value, violation: undefined });
      // What the browser is sent to is already what it resolves: checked again, it does not change.
      expect(safeReturnTo(target, site)).toBe(target);
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
