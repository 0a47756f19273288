import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { AdapterFactory, ClientMetadata, KoaContextWithOIDC } from 'oidc-provider';
import { EMBEDDED } from '../config/oidc.config';
import type { DevAccountSource } from './dev-accounts';
import type { DevSecrets } from './dev-keys';
import { notAnActiveIdentity } from './sign-in-messages';
import { renderSignIn } from './sign-in.page';

const SCOPE = 'openid profile email';
/** How long a sign-in at the provider lasts (its session and grants), and the roles picked with it. */
const SIGN_IN_TTL_SECONDS = 14 * 24 * 3600;
/** How long the sign-in page waits for a pick; an ID token lives as long as an access token. */
const PAGE_TTL_SECONDS = 3600;
const MAX_FORM_BYTES = 4096;

export interface DevProviderOptions {
  /** The issuer URL, mount path included. */
  issuer: string;
  /** Audience of the access tokens it issues (Recert's OIDC_AUDIENCE). */
  audience: string;
  clients: ClientMetadata[];
  secrets: DevSecrets;
  accounts: DevAccountSource;
  /** Where the provider keeps its sessions, grants and pending sign-ins (oidc-provider's adapter). */
  state: AdapterFactory;
  /** Identity keys signed in with the admin or auditor role ticked by default. */
  devRoles: { admins: string[]; auditors: string[] };
  accessTokenTtlSeconds?: number;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * A development OpenID Provider (oidc-provider, certified) whose people are Recert's ledger identities:
 * Authorization Code with PKCE for browsers and command lines, client credentials for machines, JWT
 * access tokens for Recert's audience signed with the keys of its JWKS. Recert talks to it exactly as to
 * a production provider: discovery, JWKS, code flow.
 */
export async function createDevProvider(
  options: DevProviderOptions,
): Promise<{ provider: Provider; handler: NodeHandler }> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error(
      'The development OpenID Provider signs in anyone as anyone; it never runs with NODE_ENV=production.',
    );
  }
  const issuerPath = new URL(options.issuer).pathname.replace(/\/$/, '');
  // What each person picked on the sign-in page; read when their tokens are issued, also after a restart.
  const pickedRoles = options.state('RecertPickedGroups');
  const groupsOf = async (key: string) =>
    ((await pickedRoles.find(key))?.groups as string[] | undefined) ?? [];
  const claimsOf = async (key: string) => {
    const account = await options.accounts.find(key);
    if (!account) return undefined;
    return {
      sub: key,
      preferred_username: account.key,
      name: account.name,
      ...(account.email ? { email: account.email, email_verified: true } : {}),
      groups: await groupsOf(key),
    };
  };

  // Loaded only where the development provider runs: it is an ES module, and nothing else needs it.
  const { default: OidcProvider } = await import('oidc-provider');
  const provider = new OidcProvider(options.issuer, {
    adapter: options.state,
    clients: options.clients,
    jwks: { keys: options.secrets.keys as never },
    cookies: { keys: options.secrets.cookieKeys },
    pkce: { required: () => true, methods: ['S256'] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email', 'email_verified'],
    },
    // The ID token carries the profile even when an access token is issued beside it.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: SCOPE,
          audience: options.audience,
          accessTokenFormat: 'jwt',
          accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      const accountId = (token as { accountId?: string }).accountId;
      if (!accountId) return undefined;
      const { sub: _sub, ...claims } = (await claimsOf(accountId)) ?? {};
      return claims;
    },
    findAccount: async (_ctx, id) => {
      const claims = await claimsOf(id);
      return claims ? { accountId: id, claims: () => claims } : undefined;
    },
    // First-party clients only: everything asked for is granted, no consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPE);
      grant.addResourceScope(options.audience, SCOPE);
      await grant.save();
      session.ensureClientContainer(client.clientId);
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      ClientCredentials: 3600,
      IdToken: options.accessTokenTtlSeconds ?? 3600,
      Interaction: PAGE_TTL_SECONDS,
      Session: SIGN_IN_TTL_SECONDS,
      Grant: SIGN_IN_TTL_SECONDS,
    },
  });
  provider.on('server_error', (_ctx, err) => console.error('development OpenID Provider:', err));
  const oidc = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const url = new URL(req.url ?? '/', 'http://dev');
    const page = async (error?: string) => {
      const filter = url.searchParams.get('q') ?? '';
      const guide = await options.accounts.guide?.();
      const marked = (people: { key: string }[] | undefined, key: string) =>
        people?.some((g) => g.key === key) ?? false;
      res.writeHead(error ? 400 : 200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // No form-action: browsers apply it to the redirect that follows the form, to the client's callback.
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
      });
      res.end(
        renderSignIn({
          action: `${issuerPath}/interaction/${uid}`,
          clientId: String(details.params.client_id ?? ''),
          listed: options.accounts.listed,
          filter,
          accounts: options.accounts.listed ? await options.accounts.search(filter, 50) : [],
          defaultRoles: (key) => [
            ...(options.devRoles.admins.includes(key) || marked(guide?.administrators, key) ? ['admin'] : []),
            ...(options.devRoles.auditors.includes(key) || marked(guide?.auditors, key) ? ['auditor'] : []),
          ],
          guide,
          error,
        }),
      );
    };
    if (req.method !== 'POST') return page();
    const form = await readForm(req);
    const key = form.get('identity')?.trim() ?? '';
    const account = key ? await options.accounts.find(key) : undefined;
    if (!account) return page(key ? notAnActiveIdentity(key) : 'Pick an identity.');
    const roles = form.getAll('role');
    const groups = [
      ...(roles.includes('admin') ? [EMBEDDED.adminGroup] : []),
      ...(roles.includes('auditor') ? [EMBEDDED.auditorGroup] : []),
    ];
    await pickedRoles.upsert(account.key, { groups }, SIGN_IN_TTL_SECONDS);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.key } },
      { mergeWithLastSubmission: false },
    );
  };

  const handler: NodeHandler = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://dev').pathname;
    const match = /^\/interaction\/([\w-]+)$/.exec(
      path.startsWith(issuerPath) ? path.slice(issuerPath.length) : path,
    );
    if (!match) return void oidc(req, res);
    interaction(req, res, match[1]).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Sign-in failed: ${(err as Error).message}. Start again from Recert.`);
    });
  };
  return { provider, handler };
}
