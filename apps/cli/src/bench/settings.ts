import { z } from 'zod';

const flag = z.enum(['0', '1']).transform((value) => value === '1');
const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

/** Every option of `npm run bench` (README.md next to this file describes each one). */
export const settingsSchema = z.object({
  BENCH_DATABASE_URL: z.string().default('postgres://root@127.0.0.1:5432/orchestrator_bench'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  BENCH_PORT: count(18080),
  BENCH_CPU_SAMPLE_MS: count(200, 20),

  // Throughput (`npm run bench`)
  BENCH_WORKFLOWS: count(400),
  BENCH_CONCURRENCY: count(32),
  BENCH_WORKERS: z
    .string()
    .default('2')
    .transform((list) => list.split(',').map((n) => Number(n.trim())))
    .pipe(z.array(z.number().int().min(1)).min(1)),
  BENCH_SERIAL_WORKFLOWS: count(30, 0),
  BENCH_PROFILE_DIR: z.string().optional(),
  BENCH_REPEAT: count(5),
  BENCH_FLOORS: flag.default(true),
  BENCH_DBOS: flag.default(false),
  BENCH_DBOS_DIR: z.string().default('/work/shared/bench'),
  BENCH_HOSTS: z.coerce.number().int().min(0).max(4).default(0),
});

export type BenchSettings = z.infer<typeof settingsSchema>;

/** Settings for the apps under test that the bench passes on when it is run with them (tuning experiments). */
export function appOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    ['WORKER_CONCURRENCY', 'DB_POOL_SIZE', 'RECOVERY_INTERVAL_MS'].flatMap((name) =>
      env[name] ? [[name, env[name] as string]] : [],
    ),
  );
}
