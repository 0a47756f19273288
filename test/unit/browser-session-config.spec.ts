import { safeReturnTo } from '../../src/auth/browser-sign-in.service';
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

  it('keeps paths of the site, with their query and fragment', () => {
    expect(safeReturnTo(undefined, site)).toBe('/');
    expect(safeReturnTo('/campaigns/7?tab=items#top', site)).toBe('/campaigns/7?tab=items#top');
    expect(safeReturnTo('/reviews/../campaigns', site)).toBe('/campaigns');
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'campaigns',
    '/\tevil',
    '/a\nb',
  ])('refuses %j', (value) => {
    expect(() => safeReturnTo(value, site)).toThrow(/returnTo must be a path on this site/);
  });
});
