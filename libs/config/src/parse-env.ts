import { envSchema } from './env-schema';
import { redactConfigValue, redactUrlPasswords } from './redact-secrets';

export interface OrchestratorConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  publicUrl: string;
  workerConcurrency: number;
  dbPoolSize: number;
  workflowModules: string[];
  logLevel: string;
  recoveryIntervalMs: number;
  shutdownTimeoutMs: number;
  queuePrefix: string;
  /** Overrides of the built-in tasks' schedules, by task name: a cron pattern or `off`. */
  taskSchedules: Record<string, string>;
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
    dbPoolSize: e.DB_POOL_SIZE,
    workflowModules: e.WORKFLOW_MODULES,
    logLevel: e.LOG_LEVEL,
    recoveryIntervalMs: e.RECOVERY_INTERVAL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    queuePrefix: e.QUEUE_PREFIX,
    taskSchedules: e.TASK_SCHEDULES,
  };
}
