import { createHmac, createPublicKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { loadConfig } from '../src/config/config.schema';
import type { DevSecrets } from '../src/dev-oidc/dev-keys';
import { TestRecert } from './support/harness';
import { smallLedger } from './support/ledger-fixture';
import { startTestIssuer, TEST_AUDIENCE, type TestIssuer } from './support/test-issuer';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/**
 * Bearer tokens against a real OpenID Provider in its own process: Recert knows only its URL, and finds
 * the JWKS by discovery. Tokens a provider would never issue are signed here with its own private key.
 */
describe('OpenID Connect bearer tokens', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-oidc-'));
  const secretsFile = path.join(dir, 'issuer.json');
  let issuer: TestIssuer;
  let recert: TestRecert;

  const secrets = () => JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as DevSecrets;
  const rsaKey = () => secrets().keys.find((k) => k.alg === 'RS256')!;
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: issuer.issuer,
    aud: TEST_AUDIENCE,
    sub: 'mgr',
    preferred_username: 'mgr',
    iat: now(),
    exp: now() + 300,
    ...extra,
  });
  const sign = async (payload: Record<string, unknown>, jwk: JWK = rsaKey()) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .sign(await importJWK(jwk, 'RS256'));
  const me = (token: string) => recert.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
  const refused = async (token: string, reason: RegExp) => {
    const res = await me(token).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="recert", error="invalid_token"/);
    expect(res.body.detail).toMatch(reason);
    // Which check failed, never what the token said.
    expect(res.body.detail).not.toMatch(/mgr|recert-tests/);
    return res;
  };

  beforeAll(async () => {
    issuer = await startTestIssuer({ secretsFile });
    recert = await TestRecert.start({
      worker: false,
      env: { OIDC_ISSUER: issuer.issuer, OIDC_JWKS_MIN_REFRESH: 'PT1S' },
    });
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(async () => {
    await recert.close();
    await issuer.stop();
  });

  it('accepts a person signed in through the code flow: a reviewer, admin from the groups claim', async () => {
    const reviewer = await me(await recert.token('mgr', 'reviewer')).expect(200);
    expect(reviewer.body).toMatchObject({
      kind: 'person',
      subject: 'mgr',
      displayName: 'Mona Manager',
      roles: ['reviewer'],
    });
    expect(reviewer.body.clientId).toBe('recert-cli');
    const admin = await me(await recert.token('ceo', 'admin')).expect(200);
    expect(admin.body.roles).toEqual(['reviewer', 'admin']);
    const auditor = await me(await sign(claims({ groups: ['recert-auditors', 'unrelated'] }))).expect(200);
    expect(auditor.body.roles).toEqual(['reviewer', 'auditor']);
  });

  it('refuses expired, early, foreign-audience and foreign-issuer tokens, and tokens without exp', async () => {
    await refused(await sign(claims({ exp: now() - 3600 })), /expired \(exp\)/);
    await refused(await sign(claims({ nbf: now() + 3600 })), /not valid yet \(nbf\)/);
    await refused(await sign(claims({ aud: 'api://another-api' })), /not meant for this API \(aud\)/);
    await refused(await sign(claims({ iss: 'https://evil.example' })), /configured issuer \(iss\)/);
    const { exp: _exp, ...noExpiry } = claims();
    await refused(await sign(noExpiry), /"exp" claim/);
    // Within the clock skew (30 s by default), a token just expired still passes.
    await me(await sign(claims({ exp: now() - 5 }))).expect(200);
  });

  it('refuses alg none and an HMAC token signed with the public key (key confusion)', async () => {
    await refused(
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`,
      /algorithm is not accepted|not a signed JWT/,
    );
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = rsaKey();
    const pem = createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const header = b64({ alg: 'HS256', typ: 'JWT', kid: rsaKey().kid });
    const body = b64(claims());
    const mac = createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url');
    await refused(`${header}.${body}.${mac}`, /algorithm is not accepted/);
  });

  it('refuses a token signed by a key the issuer never published, and a garbled signature', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const stranger = { ...(await exportJWK(privateKey)), kid: 'stranger', alg: 'RS256' };
    await refused(await sign(claims(), stranger), /no key of the issuer's JWKS matches it \(kid\)/);
    const valid = await sign(claims());
    await refused(`${valid.slice(0, -6)}AAAAAA`, /signature is not valid/);
  });

  it('accepts tokens of a rotated key once it appears in the JWKS, without a restart', async () => {
    await me(await recert.token('mgr', 'reviewer')).expect(200);
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const rotated = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'rotated-1' };
    const s = secrets();
    fs.writeFileSync(secretsFile, JSON.stringify({ ...s, keys: [rotated, ...s.keys] }));
    await issuer.stop();
    issuer = await startTestIssuer({ secretsFile, port: issuer.port });
    await new Promise((r) => setTimeout(r, 1_100)); // OIDC_JWKS_MIN_REFRESH
    const token = await sign(claims(), rotated);
    await me(token).expect(200);
  });

  it('refuses a person who is not an active identity of the ledger, clearly', async () => {
    for (const who of ['ghost', 'gone']) {
      const res = await me(await sign(claims({ sub: who, preferred_username: who }))).expect(403);
      expect(res.body).toMatchObject({
        title: 'Not in the identity ledger',
        type: expect.stringContaining('not-in-ledger'),
      });
      expect(res.body.detail).toContain(`"${who}"`);
    }
  });

  it('gives machine clients the roles of OIDC_CLIENT_ROLES; a provisioner only reads pending orders', async () => {
    const job = recert.as('provisioning-job');
    const who = await job.get('/api/v1/me').expect(200);
    expect(who.body).toMatchObject({ kind: 'client', subject: 'provisioning-job', roles: ['provisioner'] });
    await job.get('/api/v1/provisioning-orders').expect(200);
    await job.get('/api/v1/provisioning-orders?status=executed').expect(403);
    await job.get('/api/v1/campaigns').expect(403);
    await job.get('/api/v1/reviews').expect(403);
    await job.post('/api/v1/ledger/imports', smallLedger()).expect(403);
  });

  it('has no shared-secret path in production, and refuses to start production without an issuer', async () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1/x' })).toThrow(
      /OIDC_ISSUER: is required when NODE_ENV=production/,
    );
    const production = await TestRecert.start({
      worker: false,
      env: { NODE_ENV: 'production', OIDC_ISSUER: issuer.issuer, LOG_LEVEL: 'silent' },
    });
    try {
      const header = b64({ alg: 'HS256', typ: 'JWT' });
      const body = b64(claims());
      const secret = 'a-shared-secret-of-at-least-32-characters';
      const mac = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
      const res = await production
        .http()
        .get('/api/v1/me')
        .set('authorization', `Bearer ${header}.${body}.${mac}`);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/algorithm is not accepted/);
    } finally {
      await production.close();
    }
  });
});
