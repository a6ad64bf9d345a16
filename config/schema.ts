import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Development-only secrets. Production refuses to start while any of these is in use. */
export const DEV_SECRETS = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-in-production-0000',
  MEILI_MASTER_KEY: 'dev-only-meili-master-key-0000',
  ADMIN_PASSWORD: 'admin-dev-password',
} as const;

const port = z.coerce.number().int().min(1).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: readonly string[]) =>
  z.url().refine((v) => protocols.some((p) => v.startsWith(`${p}://`)), {
    message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  });

/**
 * The whole environment the system reads, in one place. Every variable has a safe local default so a
 * fresh clone runs with no setup; production overrides the secrets (checked below).
 */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(8080),
    PUBLIC_BASE_URL: url(['http', 'https']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z.string().default('loopback'),

    MONGODB_URI: url(['mongodb', 'mongodb+srv']).default(
      'mongodb://127.0.0.1:27017/bekal_kerja?directConnection=true',
    ),
    MEILI_URL: url(['http', 'https']).default('http://127.0.0.1:7700'),
    MEILI_MASTER_KEY: z.string().min(16).default(DEV_SECRETS.MEILI_MASTER_KEY),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]*$/, 'only a-z, 0-9, _ and -')
      .default(''),
    REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/, 'only a-z, 0-9, _ and -')
      .default('bk'),
    SMTP_URL: url(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
    MAIL_SINK_HTTP_PORT: port.default(8025),
    MAIL_FROM: z.string().min(3).default('Bekal Kerja <noreply@bekalkerja.local>'),

    JWT_SECRET: z.string().min(32).default(DEV_SECRETS.JWT_SECRET),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(604800).default(43200),
    BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(12),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),

    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(8).optional(),
    DEFAULT_TIMEZONE: z
      .string()
      .default('Asia/Makassar')
      .refine((tz) => isValidTimeZone(tz), { message: 'unknown IANA time zone' }),

    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    /** How long a claimed send may stay unfinished before it is considered interrupted. */
    NOTIFY_SEND_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
    /** Test aid: pause between the SMTP server accepting a message and recording it (crash tests). */
    MAIL_TEST_PAUSE_AFTER_SEND_MS: z.coerce.number().int().min(0).max(600_000).default(0),
    ALLOW_TIME_TRAVEL: bool.optional(),

    LOCAL_DATA_DIR: z.string().default(path.resolve('.local')),
    LOCAL_CACHE_DIR: z.string().default(path.join(os.homedir(), '.cache', 'bekal-kerja')),
  })
  .transform((env) => ({
    ...env,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    // `asOf` time travel (sweeps, check-ins) is a demo and test aid; production never allows it.
    ALLOW_TIME_TRAVEL: env.NODE_ENV === 'production' ? false : (env.ALLOW_TIME_TRAVEL ?? true),
    MAIL_TEST_PAUSE_AFTER_SEND_MS: env.NODE_ENV === 'production' ? 0 : env.MAIL_TEST_PAUSE_AFTER_SEND_MS,
  }))
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of Object.keys(DEV_SECRETS) as (keyof typeof DEV_SECRETS)[]) {
      if (env[key] === DEV_SECRETS[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is the development default; set a real secret in production',
        });
      }
    }
    if (!env.PUBLIC_BASE_URL.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: 'must be the public https:// address in production (links in emails use it)',
      });
    }
  });

export type Env = z.input<typeof EnvSchema>;
export type Config = Readonly<z.output<typeof EnvSchema>>;

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A configuration problem list, one line per failing variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment into a frozen config, reporting every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset" so that `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return Object.freeze(parsed.data);
}
