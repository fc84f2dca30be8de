import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const positiveInt = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const url = (protocols: string[], fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

/** Every environment variable the orchestrator reads, with its default (ENGINE.md section 7). */
export const envSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://root@127.0.0.1:5432/orchestrator'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  PORT: positiveInt(8080).pipe(z.number().max(65535)),
  PUBLIC_URL: z.string().trim().optional(),
  WORKER_CONCURRENCY: positiveInt(8),
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
  QUEUE_PREFIX: z
    .string()
    .trim()
    .min(1)
    .default('{orchestrator}')
    .refine((value) => !value.includes(':'), 'must not contain ":"'),
});

export type Env = z.infer<typeof envSchema>;
