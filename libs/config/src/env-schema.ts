import { isIP } from 'node:net';
import { z } from 'zod';
import { parseRedisUrl, RedisUrlError } from './redis-url';
import { telemetryEnv } from './telemetry-env';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const positiveInt = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const isUrl = (protocols: string[]) => (value: string) => {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const urlMessage = (protocols: string[]) =>
  `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;

const url = (protocols: string[], fallback: string) =>
  z.string().trim().default(fallback).refine(isUrl(protocols), urlMessage(protocols));

function checkRedisUrl(value: string, context: z.RefinementCtx): void {
  try {
    parseRedisUrl(value);
  } catch (error) {
    if (!(error instanceof RedisUrlError)) throw error;
    context.addIssue({ code: 'custom', message: error.message });
  }
}

const httpUrl = z
  .string()
  .trim()
  .refine(isUrl(['http:', 'https:']), urlMessage(['http:', 'https:']));

/** Comma-separated entries, trimmed, empty ones dropped. */
const commaList = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

export const AUTH_ROLES = ['read', 'operate', 'admin'] as const;
export type AuthRole = (typeof AUTH_ROLES)[number];

const envVariables = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://root@127.0.0.1:5432/orchestrator'),
  REDIS_URL: z.string().trim().default('redis://127.0.0.1:6379').superRefine(checkRedisUrl),
  PORT: positiveInt(8080).pipe(z.number().max(65535)),
  // Callback URLs handed to external systems start with it, so it must be absolute.
  PUBLIC_URL: z
    .string()
    .trim()
    .refine(isUrl(['http:', 'https:']), urlMessage(['http:', 'https:']))
    .optional(),
  WORKER_CONCURRENCY: positiveInt(8),
  // At most this many steps of one process per job, each its own transaction (1: one job per step).
  WORKER_CHAIN_STEPS: positiveInt(100),
  DB_POOL_SIZE: positiveInt(10),
  WORKFLOW_MODULES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  RECOVERY_INTERVAL_MS: positiveInt(10000, 100),
  SHUTDOWN_TIMEOUT_MS: positiveInt(30000),
  // ENGINE.md 15.1: how long a worker may make no progress on a step before it loses the process.
  STEP_LEASE_MS: positiveInt(30000, 500).pipe(z.number().max(3_600_000)),
  // `name=cron;name=cron`, a cron pattern with an optional seconds field, or `name=off`.
  TASK_SCHEDULES: z
    .string()
    .default('')
    .transform((value, context) => {
      const schedules: Record<string, string> = {};
      for (const entry of value
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== '')) {
        const at = entry.indexOf('=');
        const name = entry.slice(0, at).trim();
        const pattern = entry.slice(at + 1).trim();
        if (at <= 0 || pattern === '') {
          context.addIssue({ code: 'custom', message: `expects name=cron entries separated by ";", got "${entry}"` });
          return z.NEVER;
        }
        schedules[name] = pattern;
      }
      return schedules;
    }),
  QUEUE_PREFIX: z
    .string()
    .trim()
    .min(1)
    .default('{orchestrator}')
    .refine((value) => !value.includes(':'), 'must not contain ":"'),
  ...authEnv(),
  ...telemetryEnv(),
});

/** Every environment variable the orchestrator reads, with its default (ENGINE.md section 7). */
export const envSchema = envVariables.superRefine(requireOidcIssuer);

export type Env = z.infer<typeof envSchema>;

/** Authentication (ENGINE.md section 10); requireOidcIssuer checks the variables together. */
function authEnv() {
  return {
    AUTH_DISABLED: z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true' || value === '1'),
    ADMIN_API_KEY: z
      .string()
      .trim()
      .refine(
        (value) => /^ork_[0-9A-Za-z]{32,}$/.test(value),
        'must be "ork_" followed by at least 32 letters and digits',
      )
      .optional(),
    OIDC_ISSUER: httpUrl.optional(),
    OIDC_AUDIENCE: z.string().trim().min(1, 'must not be empty').optional(),
    OIDC_JWKS_URL: httpUrl.optional(),
    OIDC_ROLES_CLAIM: z
      .string()
      .trim()
      .default('roles')
      .refine(
        (value) => value.split('.').every((part) => part !== ''),
        'must be a dotted claim path like realm_access.roles',
      ),
    OIDC_ROLE_MAP: z.string().default('read=read,operate=operate,admin=admin').transform(parseRoleMap),
    OIDC_CLIENT_ID: z.string().trim().min(1, 'must not be empty').optional(),
    OIDC_SCOPE: z.string().trim().min(1, 'must not be empty').default('openid profile email'),
    CORS_ORIGINS: z.string().default('').transform(parseOrigins),
    TRUST_PROXY: z.string().default('').transform(parseTrustProxy),
  };
}

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Which proxies in front of the API to believe about the client's address (X-Forwarded-For), for the
 * failed-authentication limit: the number of proxies, or their addresses (IP, CIDR, loopback, linklocal,
 * uniquelocal). Never "all": a client reaching the API directly could then name any address.
 */
function parseTrustProxy(value: string, context: z.RefinementCtx): false | number | string[] {
  const entries = commaList(value);
  if (entries.length === 0) return false;
  if (entries.length === 1 && /^\d+$/.test(entries[0] as string)) {
    const hops = Number(entries[0]);
    return hops === 0 ? false : hops;
  }
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const version = isIP(address);
    const bitsOk =
      bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32) && rest.length === 0);
    if (!PROXY_RANGES.has(entry) && (version === 0 || !bitsOk)) {
      context.addIssue({
        code: 'custom',
        message: `expects the number of proxies in front of the API or their addresses (IP, CIDR, loopback, linklocal, uniquelocal), got "${entry}"`,
      });
      return z.NEVER;
    }
  }
  return entries;
}

// `claimValue=role,...`; the last "=" separates, so a claim value may contain one.
function parseRoleMap(value: string, context: z.RefinementCtx): Record<string, AuthRole> {
  const map: Record<string, AuthRole> = {};
  for (const entry of commaList(value)) {
    const at = entry.lastIndexOf('=');
    const claimValue = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || claimValue === '' || !(AUTH_ROLES as readonly string[]).includes(role)) {
      context.addIssue({
        code: 'custom',
        message: `expects claimValue=role entries separated by "," with a role of ${AUTH_ROLES.join(', ')}, got "${entry}"`,
      });
      return z.NEVER;
    }
    map[claimValue] = role as AuthRole;
  }
  return map;
}

function parseOrigins(value: string, context: z.RefinementCtx): string[] {
  const origins: string[] = [];
  for (const entry of commaList(value)) {
    let origin: string | null = null;
    try {
      const { protocol, username, pathname, search, hash, origin: parsed } = new URL(entry);
      const bare = username === '' && pathname === '/' && search === '' && hash === '';
      if ((protocol === 'http:' || protocol === 'https:') && bare) origin = parsed;
    } catch {
      origin = null;
    }
    if (origin === null) {
      context.addIssue({
        code: 'custom',
        message: `expects origins like https://ui.example.net separated by ",", got "${entry}"`,
      });
      return z.NEVER;
    }
    origins.push(origin);
  }
  return origins;
}

const OIDC_DETAILS = ['OIDC_AUDIENCE', 'OIDC_JWKS_URL', 'OIDC_CLIENT_ID'] as const;

// A JWT setting without its issuer would silently refuse every token: say so at start-up instead.
function requireOidcIssuer(
  env: Partial<Record<(typeof OIDC_DETAILS)[number] | 'OIDC_ISSUER', unknown>>,
  context: z.RefinementCtx,
) {
  if (env.OIDC_ISSUER !== undefined && env.OIDC_AUDIENCE === undefined) {
    context.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'is required when OIDC_ISSUER is set' });
  }
  for (const name of OIDC_DETAILS) {
    if (env.OIDC_ISSUER === undefined && env[name] !== undefined) {
      context.addIssue({ code: 'custom', path: [name], message: 'is set but OIDC_ISSUER is not' });
    }
  }
}
