import { type AuthRole, envSchema } from './env-schema';
import { redactConfigValue, redactUrlPasswords } from './redact-secrets';
import { tracingConfig, type TracingConfig } from './telemetry-env';

export interface OrchestratorConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  publicUrl: string;
  workerConcurrency: number;
  /**
   * WORKER_CHAIN_STEPS: at most this many steps of one process a worker runs one after another for one job
   * (each in its own transaction) when the next step is due at once; 1: every step is a job of its own.
   */
  workerChainSteps: number;
  dbPoolSize: number;
  workflowModules: string[];
  logLevel: string;
  recoveryIntervalMs: number;
  shutdownTimeoutMs: number;
  /**
   * How long a worker may make no progress on a step (no statement on its transaction, no heartbeat)
   * before PostgreSQL ends its session and another worker takes the process (ENGINE.md 15.1).
   */
  stepLeaseMs: number;
  queuePrefix: string;
  /** Overrides of the built-in tasks' schedules, by task name: a cron pattern or `off`. */
  taskSchedules: Record<string, string>;
  auth: AuthConfig;
  /** Origins allowed by CORS; empty: CORS is off. */
  corsOrigins: string[];
  /** TRUST_PROXY: the proxies whose X-Forwarded-For names the client (a hop count or addresses); false: none. */
  trustProxy: false | number | string[];
  /** How often workers record their heartbeat and flush their metric counters (a worker is gone after 3 missed). */
  workerHeartbeatMs: number;
  tracing: TracingConfig;
}

/** Authentication settings (ENGINE.md section 10); the shape `@orchestrator/auth` takes. */
export interface AuthConfig {
  /** Development only: every request acts as admin. */
  disabled: boolean;
  adminApiKey: string | null;
  /** Null when OIDC_ISSUER is not set: JWTs are then refused. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** Null: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl: string | null;
  /** Dotted path of the claim that carries the roles, e.g. `realm_access.roles`. */
  rolesClaim: string;
  /** Claim value -> role. */
  roleMap: Record<string, AuthRole>;
  /** The public client the UI signs in with; not used to verify tokens. */
  clientId: string | null;
  /** What the UI asks for when it signs in (OIDC_SCOPE). */
  scope: string;
}

/** Thrown for invalid configuration; the message is one line naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses and validates the environment once; main.ts calls this and passes the result down. */
export function parseEnv(env: Record<string, string | undefined>): OrchestratorConfig {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // The value is shown to say what was wrong, but never a password, key or token (ENGINE.md 15.4).
    const got = redactConfigValue(name, env[name] ?? '');
    throw new ConfigError(
      redactUrlPasswords(`invalid configuration: ${name} ${issue?.message ?? 'is invalid'} (got "${got}")`),
    );
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerChainSteps: e.WORKER_CHAIN_STEPS,
    dbPoolSize: e.DB_POOL_SIZE,
    workflowModules: e.WORKFLOW_MODULES,
    logLevel: e.LOG_LEVEL,
    recoveryIntervalMs: e.RECOVERY_INTERVAL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    stepLeaseMs: e.STEP_LEASE_MS,
    queuePrefix: e.QUEUE_PREFIX,
    taskSchedules: e.TASK_SCHEDULES,
    auth: {
      disabled: e.AUTH_DISABLED,
      adminApiKey: e.ADMIN_API_KEY ?? null,
      oidc:
        e.OIDC_ISSUER === undefined
          ? null
          : {
              issuer: e.OIDC_ISSUER,
              audience: e.OIDC_AUDIENCE ?? '',
              jwksUrl: e.OIDC_JWKS_URL ?? null,
              rolesClaim: e.OIDC_ROLES_CLAIM,
              roleMap: e.OIDC_ROLE_MAP,
              clientId: e.OIDC_CLIENT_ID ?? null,
              scope: e.OIDC_SCOPE,
            },
    },
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    workerHeartbeatMs: e.WORKER_HEARTBEAT_MS,
    tracing: tracingConfig(e),
  };
}
