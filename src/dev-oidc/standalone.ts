import { z } from 'zod';
import { commaList, jsonText } from '../config/env-fields';
import { AnyAccount } from './dev-accounts';
import { createDevProvider, type NodeHandler } from './dev-oidc-provider';
import { listen } from './dev-oidc.server';
import { loadDevSecrets } from './dev-keys';
import { memoryState } from './dev-oidc-state';

const env = z
  .object({
    NODE_ENV: z.string().optional(),
    DEV_OIDC_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** Defaults to http://127.0.0.1:<port>. */
    DEV_OIDC_ISSUER: z.url().optional(),
    DEV_OIDC_AUDIENCE: z.string().min(1).default('recert'),
    /** The clients, as oidc-provider client metadata (client_id, client_secret, redirect_uris, grant_types…). */
    DEV_OIDC_CLIENTS: jsonText('a JSON array of client metadata').pipe(
      z.array(z.looseObject({ client_id: z.string().min(1) })),
    ),
    DEV_OIDC_SECRETS_FILE: z.string().min(1),
    DEV_OIDC_ACCESS_TOKEN_TTL: z.coerce.number().int().min(1).default(3600),
    RECERT_DEV_ADMINS: commaList,
    RECERT_DEV_AUDITORS: commaList,
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['NODE_ENV'],
        message: 'the development OpenID Provider never runs in production',
      });
    }
  });

/**
 * A development OpenID Provider on its own port: the issuer tests start, configured in Recert the way a
 * production issuer is. Anyone signs in as any key; Recert decides whether the key names an identity.
 */
async function main(): Promise<void> {
  const parsed = env.safeParse(process.env);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    process.exit(2);
  }
  const e = parsed.data;
  const secrets = await loadDevSecrets(
    e.DEV_OIDC_SECRETS_FILE,
    e.DEV_OIDC_CLIENTS.map((c) => c.client_id),
  );
  // The port must be known before the issuer URL: bind first when it is chosen by the system.
  let issuer = e.DEV_OIDC_ISSUER;
  let handle: NodeHandler = (_req, res) => res.writeHead(503).end();
  const server = await listen((req, res) => handle(req, res), e.DEV_OIDC_PORT);
  issuer ??= `http://127.0.0.1:${server.port}`;
  handle = (
    await createDevProvider({
      issuer,
      audience: e.DEV_OIDC_AUDIENCE,
      clients: e.DEV_OIDC_CLIENTS,
      secrets,
      accounts: new AnyAccount(),
      state: await memoryState(),
      devRoles: { admins: e.RECERT_DEV_ADMINS, auditors: e.RECERT_DEV_AUDITORS },
      accessTokenTtlSeconds: e.DEV_OIDC_ACCESS_TOKEN_TTL,
    })
  ).handler;
  // One line the parent process reads to learn where the issuer is.
  console.log(JSON.stringify({ issuer, port: server.port }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
