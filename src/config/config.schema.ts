import * as path from 'node:path';
import { z } from 'zod';
import { duration, optionalText } from './env-fields';
import { itsmInstancesEnv, type ItsmInstance } from './itsm.config';
import { oidcEnv, oidcIssues, toOidcConfig, type OidcConfig } from './oidc.config';
import { projectRoot } from './project-root';
import { temporalCliBaseUrl } from '../embedded/temporal-cli-release';

const port = z.coerce.number().int().min(1).max(65535);
const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb|gb)$/i, { message: 'must be a size such as 512kb, 1mb or 200mb' });
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const inBytes = (size: string) => {
  const [, n, unit] = /^(\d+)([a-z]+)$/i.exec(size)!;
  return Number(n) * UNITS[unit.toLowerCase()];
};

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3000),
    DATA_DIR: z.string().default(path.join(projectRoot(), '.data')),
    DATABASE_URL: optionalText.pipe(z.url().optional()),
    EMBEDDED_PG_PORT: port.default(5488),
    TEMPORAL_ADDRESS: optionalText,
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('recert'),
    TEMPORAL_TLS_CERT_PATH: optionalText,
    TEMPORAL_TLS_KEY_PATH: optionalText,
    TEMPORAL_TLS_CA_PATH: optionalText,
    TEMPORAL_TLS_SERVER_NAME: optionalText,
    TEMPORAL_API_KEY: optionalText,
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TEMPORAL_CLI_PATH: optionalText,
    RECERT_TEMPORAL_CLI_BASE_URL: temporalCliBaseUrl,
    TEMPORAL_UI_URL: optionalText.pipe(z.url().optional()),
    SMTP_URL: optionalText.pipe(z.url().optional()),
    MAIL_FROM: z.string().min(3).default('Recert <recert@localhost>'),
    PUBLIC_URL: optionalText.pipe(z.url().optional()),
    RECERT_FANOUT_BATCH: z.coerce.number().int().min(1).max(500).default(500),
    RECERT_ITSM_INSTANCES: itsmInstancesEnv,
    RECERT_ITSM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    RECERT_ITSM_POLL_FIRST: duration.prefault('PT1M'),
    RECERT_ITSM_POLL_MAX: duration.prefault('PT1H'),
    RECERT_POLICY_SWEEP_EVERY: duration.prefault('P1D'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    RECERT_BODY_LIMIT: byteSize.default('1mb'),
    RECERT_IMPORT_BODY_LIMIT: byteSize.default('200mb'),
    RECERT_IMPORT_FILE_LIMIT: byteSize.default('5gb').transform(inBytes),
    RECERT_OFFLINE_UPLOAD_LIMIT: byteSize.default('20mb').transform(inBytes),
    RECERT_IMPORT_MERGE_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
    RECERT_IMPORTS_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(2),
    RECERT_MIN_REMINDER_INTERVAL: duration.prefault('PT1H'),
    RECERT_MAIL_DAILY_CAP: z.coerce.number().int().min(1).max(1000).default(10),
    RECERT_DEMO: z
      .enum(['', '0', '1', 'false', 'true'], {
        message: 'must be 1 (load the demo organisation at start) or 0',
      })
      .default('')
      .transform((v) => v === '1' || v === 'true'),
    METRICS_PORT: optionalText.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).optional()),
    METRICS_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^[\w.~+/-]{16,}=*$/, {
          message: 'must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (e.g. openssl rand -hex 32)',
        })
        .optional(),
    ),
    ...oidcEnv,
  })
  .superRefine((env, ctx) => {
    for (const issue of oidcIssues(env))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH'],
        message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together',
      });
    }
    for (const issue of demoIssues(env))
      ctx.addIssue({ code: 'custom', path: ['RECERT_DEMO'], message: issue });
    if (env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT' });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** The demo organisation loads only where anyone may sign in as anyone: the embedded development provider. */
function demoIssues(env: { RECERT_DEMO: boolean; NODE_ENV: string; OIDC_ISSUER?: string }): string[] {
  if (!env.RECERT_DEMO) return [];
  const why =
    'the demo organisation (RECERT_DEMO=1, npm start -- --demo) loads only on the embedded development provider';
  return [
    ...(env.NODE_ENV === 'production' ? [`cannot be set with NODE_ENV=production: ${why}`] : []),
    ...(env.OIDC_ISSUER ? [`cannot be set with OIDC_ISSUER: ${why} (unset OIDC_ISSUER)`] : []),
  ];
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  dataDir: string;
  database: { url?: string; embeddedPort: number };
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    tls?: { certPath?: string; keyPath?: string; caPath?: string; serverName?: string };
    apiKey?: string;
    devPort: number;
    uiPort: number;
    cliPath?: string;
    /** Where the Temporal CLI release is downloaded from when it is not found. */
    cliBaseUrl: string;
    /** The Temporal Web UI, for links to workflows; null when unknown. */
    uiUrl: string | null;
  };
  /** Sign-in: the OpenID Provider, how its claims name identities and roles, browser sessions. */
  oidc: OidcConfig;
  mail: {
    /** SMTP server (smtp:// or smtps://, credentials in the URL); unset = the outbox folder. */
    smtpUrl?: string;
    from: string;
    outboxDir: string;
  };
  /** Where people reach the API; links in mail start with it. */
  publicUrl: string;
  /** Reviewer tasks a campaign starts per activity; ≤ 500 keeps well under Temporal's pending limits. */
  fanOutBatch: number;
  remediation: {
    itsm: ItsmInstance[];
    /** Deadline of one HTTP call to an ITSM. */
    timeoutMs: number;
    /** A ticket is first read this long after it is opened; the wait doubles up to `pollMaxMs`. */
    pollFirstMs: number;
    pollMaxMs: number;
  };
  /** `atStart`: load the demo organisation at start when the ledger is empty (RECERT_DEMO, `--demo`). */
  demo: { atStart: boolean };
  /** How often an on-the-fly policy's schedule sweeps for assignments due for recertification. */
  policySweepEveryMs: number;
  /**
   * Prometheus metrics of the API: on a listener of their own when `port` is set (and then not on the
   * public port); else on the public port (`public`) when `token` is set or outside production. With a
   * `token`, every scrape must send it as a bearer token, wherever metrics are served.
   */
  metrics: { port: number | null; token: string | null; public: boolean };
  /** JSON lines in production, readable lines in development (LOG_FORMAT overrides). */
  logging: { level: string; format: 'json' | 'pretty' };
  limits: {
    /** Largest request body, except ledger imports. */
    body: string;
    /** Largest JSON ledger import (parsed whole). */
    importBody: string;
    /** Largest CSV or NDJSON ledger import in bytes (streamed, never held whole). */
    importFile: number;
    /** Rows of a one-collection ledger file merged at a time while the rest of it streams in. */
    importMergeRows: number;
    /**
     * Largest offline-review spreadsheet a reviewer uploads (XLSX or CSV), in bytes; a reviewer's own
     * bound, from their item count, is usually far smaller.
     */
    offlineUpload: number;
    /** Ledger imports parsed at the same time; more are refused with 429 before their body is read. */
    importsInFlight: number;
    /** Shortest repeat interval of a reminder plan. */
    minReminderMs: number;
    /** Reminders, escalations and closing-soon notices one person receives in 24 hours, at most. */
    mailDailyCap: number;
  };
}

export function toConfig(env: Env): AppConfig {
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const wantsTls = Boolean(env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_TLS_CA_PATH || env.TEMPORAL_API_KEY);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    dataDir: path.resolve(env.DATA_DIR),
    database: { url: env.DATABASE_URL, embeddedPort: env.EMBEDDED_PG_PORT },
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      tls: wantsTls
        ? {
            certPath: env.TEMPORAL_TLS_CERT_PATH,
            keyPath: env.TEMPORAL_TLS_KEY_PATH,
            caPath: env.TEMPORAL_TLS_CA_PATH,
            serverName: env.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      apiKey: env.TEMPORAL_API_KEY,
      devPort: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      cliPath: env.TEMPORAL_CLI_PATH,
      cliBaseUrl: env.RECERT_TEMPORAL_CLI_BASE_URL,
      // The console links each campaign to its workflow; the embedded dev server's UI unless told otherwise.
      uiUrl:
        (
          env.TEMPORAL_UI_URL ?? (env.TEMPORAL_ADDRESS ? null : `http://localhost:${env.TEMPORAL_UI_PORT}`)
        )?.replace(/\/+$/, '') ?? null,
    },
    fanOutBatch: env.RECERT_FANOUT_BATCH,
    remediation: {
      itsm: env.RECERT_ITSM_INSTANCES,
      timeoutMs: env.RECERT_ITSM_TIMEOUT_MS,
      pollFirstMs: env.RECERT_ITSM_POLL_FIRST,
      pollMaxMs: Math.max(env.RECERT_ITSM_POLL_MAX, env.RECERT_ITSM_POLL_FIRST),
    },
    policySweepEveryMs: env.RECERT_POLICY_SWEEP_EVERY,
    demo: { atStart: env.RECERT_DEMO },
    metrics: {
      port: env.METRICS_PORT ?? null,
      token: env.METRICS_TOKEN ?? null,
      public:
        env.METRICS_PORT === undefined && (env.METRICS_TOKEN !== undefined || env.NODE_ENV !== 'production'),
    },
    logging: {
      level: env.LOG_LEVEL,
      format: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty'),
    },
    limits: {
      body: env.RECERT_BODY_LIMIT,
      importBody: env.RECERT_IMPORT_BODY_LIMIT,
      importFile: env.RECERT_IMPORT_FILE_LIMIT,
      offlineUpload: env.RECERT_OFFLINE_UPLOAD_LIMIT,
      importMergeRows: env.RECERT_IMPORT_MERGE_ROWS,
      importsInFlight: env.RECERT_IMPORTS_IN_FLIGHT,
      minReminderMs: env.RECERT_MIN_REMINDER_INTERVAL,
      mailDailyCap: env.RECERT_MAIL_DAILY_CAP,
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      outboxDir: path.join(path.resolve(env.DATA_DIR), 'outbox'),
    },
    publicUrl,
    oidc: toOidcConfig(env, publicUrl),
  };
}

export class ConfigError extends Error {}

/** Validates the environment once; the message names every variable at fault. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}
