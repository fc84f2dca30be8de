import { z } from 'zod';

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

/** Every environment variable the orchestrator reads, with its default (ENGINE.md section 7). */
export const envSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://root@127.0.0.1:5432/orchestrator'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  PORT: positiveInt(8080).pipe(z.number().max(65535)),
  // Callback URLs handed to external systems start with it, so it must be absolute.
  PUBLIC_URL: z
    .string()
    .trim()
    .refine(isUrl(['http:', 'https:']), urlMessage(['http:', 'https:']))
    .optional(),
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
});

export type Env = z.infer<typeof envSchema>;
