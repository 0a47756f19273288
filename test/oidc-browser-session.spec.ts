import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { returnToFamily, returnToViolation } from '../scripts/fuzz/return-to';
import { walkDevSignIn, type DevSignIn } from '../src/dev-oidc/scripted-sign-in';
import { TestRecert } from './support/harness';
import { smallLedger } from './support/ledger-fixture';

const SITE = 'http://localhost:3000';
const CALLBACK = `${SITE}/auth/callback`;

/** The Set-Cookie line for `name`, and its value. */
function setCookie(res: Response, name: string): { line: string; value: string } {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(lines)}`);
  return { line, value: decodeURIComponent(line.slice(name.length + 1).split(';')[0]) };
}

/**
 * The browser sign-in (backend-for-frontend) against the test issuer, a real OpenID Provider in its own
 * process: the browser is walked through its redirects and sign-in form like a user agent, and talks to
 * Recert with nothing but cookies.
 */
describe('Browser sign-in and sessions', () => {
  let recert: TestRecert;

  /** A browser's trip: /auth/login, the provider's form, back to /auth/callback. */
  async function startSignIn(who: DevSignIn, returnTo = '/api/v1/me') {
    const login = await recert
      .http()
      .get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
      .expect(303);
    const state = setCookie(login, 'recert_sign_in');
    const authorizationUrl = new URL(login.headers.location);
    const callback = await walkDevSignIn(authorizationUrl, CALLBACK, who);
    return { authorizationUrl, state, callback };
  }

  async function signIn(who: DevSignIn, returnTo = '/api/v1/me') {
    const { state, callback } = await startSignIn(who, returnTo);
    const back = await recert
      .http()
      .get(`${callback.pathname}${callback.search}`)
      .set('cookie', `recert_sign_in=${state.value}`)
      .expect(303);
    expect(back.headers.location).toBe(returnTo);
    const session = setCookie(back, 'recert_session');
    const me = await browser(session.value).get('/api/v1/me').expect(200);
    return { back, cookie: session.value, me: me.body, csrf: me.body.session.csrfToken as string };
  }

  /** Requests as a page of this site sends them: the session cookie, and for changes the Origin and token. */
  function browser(cookie: string, csrf?: string, origin = SITE) {
    const http = recert.http();
    const page = <T extends ReturnType<typeof http.get>>(req: T) => {
      req.set('cookie', `recert_session=${cookie}`);
      if (csrf !== undefined) req.set('origin', origin).set('x-csrf-token', csrf);
      return req;
    };
    return {
      get: (url: string) => page(http.get(url)),
      post: (url: string) => page(http.post(url)),
      delete: (url: string) => page(http.delete(url)),
    };
  }

  beforeAll(async () => {
    recert = await TestRecert.start({ worker: false });
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert.close());

  it('signs a person in with the code flow and PKCE; the browser holds only an HttpOnly, SameSite=Lax cookie', async () => {
    const { authorizationUrl } = await startSignIn({ identity: 'mgr' });
    expect(authorizationUrl.origin + authorizationUrl.pathname).toMatch(
      new RegExp(`^${recert.config.oidc.issuer}`),
    );
    const params = authorizationUrl.searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{40,}$/);
    expect(params.get('redirect_uri')).toBe(CALLBACK);

    const started = Date.now();
    const { back, cookie, me } = await signIn(
      { identity: 'ceo', roles: ['admin'] },
      '/campaigns?status=active',
    );
    const line = setCookie(back, 'recert_session').line;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Secure|Max-Age|Expires/); // plain http here; gone with the browser
    // Nothing of the provider's tokens reaches the browser.
    expect(JSON.stringify(back.headers)).not.toMatch(/eyJ/);
    expect(JSON.stringify(me)).not.toMatch(/eyJ/);
    expect(me).toMatchObject({
      kind: 'person',
      subject: 'ceo',
      displayName: 'Cleo CEO',
      roles: ['reviewer', 'admin'],
    });
    expect(me.clientId).toBeNull();
    const idleEnd = Date.parse(me.expiresAt) - started;
    expect(idleEnd).toBeGreaterThan(29 * 60_000);
    expect(idleEnd).toBeLessThan(31 * 60_000);
    // The server keeps the session; of the cookie's token, only a hash.
    const [row] = await recert.query<{ token_hash: string; subject: string; roles: string[] }>(
      `SELECT token_hash, subject, roles FROM browser_session WHERE id = $1`,
      [me.session.id],
    );
    expect(row).toEqual({
      token_hash: createHash('sha256').update(cookie).digest('hex'),
      subject: 'ceo',
      roles: ['reviewer', 'admin'],
    });
    const [started_] = await recert.query<{ actor: string; via: string }>(
      `SELECT actor, via FROM audit_event WHERE action = 'session.started' AND object_id = $1`,
      [me.session.id],
    );
    expect(started_).toEqual({ actor: 'ceo', via: `session:${me.session.id}` });
  });

  it('refuses a callback this browser did not start, a used or tampered attempt, and redirects off the site', async () => {
    const first = await startSignIn({ identity: 'mgr' });
    const path = `${first.callback.pathname}${first.callback.search}`;
    const noCookie = await recert.http().get(path).expect(400);
    expect(noCookie.body).toMatchObject({ title: 'Sign-in failed' });
    expect(noCookie.body.detail).toMatch(/not started by this browser \(state/);
    await recert.http().get(path).set('cookie', 'recert_sign_in=someone-elses-state').expect(400);
    // Once back, the attempt is used: the same callback again is refused (no replay).
    await recert.http().get(path).set('cookie', `recert_sign_in=${first.state.value}`).expect(303);
    const replay = await recert
      .http()
      .get(path)
      .set('cookie', `recert_sign_in=${first.state.value}`)
      .expect(400);
    expect(replay.body.detail).toMatch(/expired or was already used/);

    // The nonce and the PKCE verifier are checked: changed on the server's side, the sign-in fails.
    const second = await startSignIn({ identity: 'mgr' });
    await recert.query(`UPDATE sign_in_attempt SET nonce = 'not-the-nonce-that-was-sent' WHERE state = $1`, [
      second.state.value,
    ]);
    const badNonce = await recert
      .http()
      .get(`${second.callback.pathname}${second.callback.search}`)
      .set('cookie', `recert_sign_in=${second.state.value}`)
      .expect(400);
    expect(badNonce.body.detail).toMatch(/nonce/);
    const third = await startSignIn({ identity: 'mgr' });
    await recert.query(
      `UPDATE sign_in_attempt SET code_verifier = 'a-verifier-that-does-not-match-the-challenge-sent' WHERE state = $1`,
      [third.state.value],
    );
    const badVerifier = await recert
      .http()
      .get(`${third.callback.pathname}${third.callback.search}`)
      .set('cookie', `recert_sign_in=${third.state.value}`)
      .expect(400);
    expect(badVerifier.body.detail).toMatch(/refused the code \(invalid_grant\)/);

    for (const returnTo of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'campaigns',
      '/a\r\nb',
    ]) {
      const res = await recert
        .http()
        .get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
        .expect(400);
      expect(res.body.detail).toMatch(/returnTo must be a path on this site/);
    }
  });

  it('sends the browser back only to a path of this site, as the browser resolves it, whatever returnTo says', async () => {
    const followed: string[] = [];
    for (const returnTo of returnToFamily(SITE)) {
      const login = await recert.http().get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      if (login.status !== 303) {
        // Refused before anything is stored (431: longer than Node lets a request line be).
        expect({ returnTo, status: login.status, type: login.headers['content-type'] }).toEqual({
          returnTo,
          status: returnTo.length > 16_000 ? 431 : 400,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        continue;
      }
      const state = setCookie(login, 'recert_sign_in').value;
      const [attempt] = await recert.query<{ return_to: string }>(
        `SELECT return_to FROM sign_in_attempt WHERE state = $1`,
        [state],
      );
      const callback = await walkDevSignIn(new URL(login.headers.location), CALLBACK, { identity: 'mgr' });
      const back = await recert
        .http()
        .get(`${callback.pathname}${callback.search}`)
        .set('cookie', `recert_sign_in=${state}`)
        .expect(303);
      const location = back.headers.location;
      expect({ returnTo, location, violation: returnToViolation(location, SITE) }).toEqual({
        returnTo,
        location: attempt.return_to,
        violation: undefined,
      });
      followed.push(returnTo);
    }
    // Encoded slashes and backslashes are path segments of this site, never a host.
    expect(followed).toEqual(
      expect.arrayContaining(['/%2f/evil.test', '/%5cevil.test', '/?next=//evil.test']),
    );

    // An attempt stored by an earlier version with a target off the site sends the browser home instead.
    const earlier = await startSignIn({ identity: 'mgr' }, '/campaigns');
    await recert.query(`UPDATE sign_in_attempt SET return_to = '//evil.test/phish' WHERE state = $1`, [
      earlier.state.value,
    ]);
    const home = await recert
      .http()
      .get(`${earlier.callback.pathname}${earlier.callback.search}`)
      .set('cookie', `recert_sign_in=${earlier.state.value}`)
      .expect(303);
    expect(home.headers.location).toBe('/');
  });

  it('refuses a person who is not an active identity of the ledger at sign-in', async () => {
    for (const identity of ['ghost', 'gone']) {
      const { state, callback } = await startSignIn({ identity });
      const res = await recert
        .http()
        .get(`${callback.pathname}${callback.search}`)
        .set('cookie', `recert_sign_in=${state.value}`)
        .expect(403);
      expect(res.body.title).toBe('Not in the identity ledger');
      expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join()).not.toMatch(
        /recert_session=[^;]/,
      );
    }
  });

  it('refuses changes without the CSRF token or from another origin; bearer calls need neither', async () => {
    const { cookie, csrf } = await signIn({ identity: 'mgr' });
    const other = await signIn({ identity: 'mgr' });
    const target = `/api/v1/sessions/${other.me.session.id}`;

    const noToken = await browser(cookie).delete(target).set('origin', SITE).expect(403);
    expect(noToken.body).toMatchObject({ title: 'Cross-site request refused' });
    expect(noToken.body.detail).toMatch(/X-CSRF-Token/);
    await browser(cookie, 'a-guessed-token').delete(target).expect(403);
    const foreign = await browser(cookie, csrf, 'https://evil.example').delete(target).expect(403);
    expect(foreign.body.detail).toMatch(/evil\.example is not accepted/);
    const noOrigin = await browser(cookie).delete(target).set('x-csrf-token', csrf).expect(403);
    expect(noOrigin.body.detail).toMatch(/Origin header/);
    // Reads need no token; the session is untouched by the refusals.
    await browser(other.cookie).get('/api/v1/me').expect(200);

    const revocation = await browser(cookie, csrf).delete(target).expect(204);
    const ended = await browser(other.cookie).get('/api/v1/me').expect(401);
    expect(ended.body.detail).toMatch(/has ended \(revoked by its owner\)/);
    // A bearer token is not sent by browsers on their own: no CSRF check.
    const imported = await recert
      .as('root', 'admin')
      .post('/api/v1/ledger/imports', smallLedger())
      .expect(200);
    // Each audit entry names who, through which session or client, in which request.
    const entry = (action: string) =>
      recert.query<{ actor: string; via: string; request_id: string }>(
        `SELECT actor, via, request_id FROM audit_event WHERE action = $1 ORDER BY seq DESC LIMIT 1`,
        [action],
      );
    expect((await entry('session.revoked'))[0]).toEqual({
      actor: 'mgr',
      via: `session:${(await browser(cookie).get('/api/v1/me')).body.session.id}`,
      request_id: revocation.headers['x-request-id'],
    });
    expect((await entry('ledger.imported'))[0]).toEqual({
      actor: 'root',
      via: 'client:root',
      request_id: imported.headers['x-request-id'],
    });
  });

  it("logout ends the session and sends the browser to the provider's end-session endpoint", async () => {
    const { cookie, csrf, me } = await signIn({ identity: 'mgr' });
    await browser(cookie).post('/auth/logout').set('origin', SITE).expect(403);
    const out = await browser(cookie, csrf).post('/auth/logout').set('accept', 'text/html').expect(303);
    const next = new URL(out.headers.location);
    const discovery = await fetch(`${recert.config.oidc.issuer}/.well-known/openid-configuration`);
    const { end_session_endpoint } = (await discovery.json()) as { end_session_endpoint: string };
    expect(`${next.origin}${next.pathname}`).toBe(end_session_endpoint);
    expect(next.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(next.searchParams.get('post_logout_redirect_uri')).toBe(`${SITE}/`);
    expect(setCookie(out, 'recert_session').line).toMatch(/Expires=Thu, 01 Jan 1970/);
    const after = await browser(cookie).get('/api/v1/me').expect(401);
    expect(after.body.detail).toMatch(/has ended \(signed out\)/);
    const [entry] = await recert.query<{ via: string }>(
      `SELECT via FROM audit_event WHERE action = 'session.signed-out' AND object_id = $1`,
      [me.session.id],
    );
    expect(entry.via).toBe(`session:${me.session.id}`);
    // Signed out already: logging out again just goes home.
    const again = await browser(cookie).post('/auth/logout').set('accept', 'application/json').expect(200);
    expect(again.body).toEqual({ redirectTo: `${SITE}/` });
  });

  it('ends a session left idle past the idle timeout, or older than the absolute timeout', async () => {
    const idle = await signIn({ identity: 'mgr' });
    await recert.query(
      `UPDATE browser_session SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`,
      [idle.me.session.id],
    );
    const res = await browser(idle.cookie).get('/api/v1/me').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/after 30 minutes without use \(idle timeout\)/);
    // A browser opening a page is sent to sign in, and back to where it was.
    const page = await browser(idle.cookie)
      .get('/api/v1/reviews?x=1')
      .set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
      .expect(303);
    expect(page.headers.location).toBe(`/auth/login?returnTo=${encodeURIComponent('/api/v1/reviews?x=1')}`);

    // Used within the idle timeout, a session still ends 12 hours after sign-in.
    const old = await signIn({ identity: 'mgr' });
    await recert.query(`UPDATE browser_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      old.me.session.id,
    ]);
    const expired = await browser(old.cookie).get('/api/v1/me').expect(401);
    expect(expired.body.detail).toMatch(/has expired: a session lasts 720 minutes/);
    const ends = await recert.query<{ end_reason: string }>(
      `SELECT end_reason FROM browser_session WHERE id = ANY($1) ORDER BY end_reason`,
      [[idle.me.session.id, old.me.session.id]],
    );
    expect(ends.map((e) => e.end_reason)).toEqual(['expired', 'idle']);
  });

  it('lets an administrator see and revoke anyone’s session; the person is out at once', async () => {
    const person = await signIn({ identity: 'alice' });
    const admin = await signIn({ identity: 'ceo', roles: ['admin'] });
    const listed = await browser(admin.cookie).get('/api/v1/sessions?subject=alice').expect(200);
    expect(listed.body.map((s: { id: string }) => s.id)).toContain(person.me.session.id);
    // Not an administrator: one's own sessions only, and another's cannot be ended.
    const own = await browser(person.cookie).get('/api/v1/sessions?subject=ceo').expect(200);
    expect(own.body.every((s: { subject: string }) => s.subject === 'alice')).toBe(true);
    expect(own.body.find((s: { current: boolean }) => s.current).id).toBe(person.me.session.id);
    await browser(person.cookie, person.csrf).delete(`/api/v1/sessions/${admin.me.session.id}`).expect(404);

    await browser(admin.cookie, admin.csrf).delete(`/api/v1/sessions/${person.me.session.id}`).expect(204);
    const out = await browser(person.cookie).get('/api/v1/me').expect(401);
    expect(out.body.detail).toMatch(/has ended \(revoked by ceo\)/);
    await recert.as('root', 'admin').delete(`/api/v1/sessions/${admin.me.session.id}`).expect(204);
    await browser(admin.cookie).get('/api/v1/me').expect(401);
  });

  it('drops a signed-in person made inactive by a ledger import at their next request', async () => {
    const { cookie } = await signIn({ identity: 'bob' });
    const ledger = smallLedger();
    for (const i of ledger.identities) if (i.key === 'bob') i.status = 'inactive';
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', ledger).expect(200);
    const res = await browser(cookie).get('/api/v1/me').expect(403);
    expect(res.body.title).toBe('Not in the identity ledger');
  });
});
