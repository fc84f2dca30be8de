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

  // Scale (`npm run bench seed`)
  BENCH_SCALE_DATABASE_URL: z.string().default('postgres://root@127.0.0.1:5432/orchestrator_bench_scale'),
  BENCH_SEED_PROCESSES: count(1_000_000),
  BENCH_SEED_STEPS: count(10_000_000),
  BENCH_SEED_SUBSCRIPTIONS: count(1_000, 0),
  BENCH_SEED_REUSE: flag.default(true),
  BENCH_SCALE_REQUESTS: count(50),
  BENCH_SCALE_QUERIES: z
    .string()
    .default(
      'list=/api/processes;' +
        'search=/api/processes?q=workflowName:{workflowName} status:failed;' +
        'filter=/api/processes?workflowName={workflowName}&status=failed;' +
        'detail=/api/processes/{detailId};' +
        'status-counts=/api/processes/status-counts',
    ),
  BENCH_SWEEPER_TURNS: count(10),
  BENCH_SWEEPER_BATCH: count(2000),
  BENCH_BACKLOG: count(100_000, 0),
  BENCH_BACKLOG_WORKFLOW: z.enum(['bench_one_step', 'bench_ten_steps']).default('bench_one_step'),
  BENCH_BACKLOG_WORKERS: count(2),
  BENCH_RSS_SAMPLE_MS: count(1000, 50),
});

export type BenchSettings = z.infer<typeof settingsSchema>;

/** Settings for the apps under test that the bench passes on when it is run with them (tuning experiments). */
export function appOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    ['WORKER_CONCURRENCY', 'WORKER_CHAIN_STEPS', 'DB_POOL_SIZE', 'RECOVERY_INTERVAL_MS', 'NODE_OPTIONS'].flatMap(
      (name) => (env[name] ? [[name, env[name] as string]] : []),
    ),
  );
}

export interface NamedQuery {
  name: string;
  path: string;
}

/** `name=path;name=path`: the first `=` of each entry ends the name. */
export function parseQueries(spec: string): NamedQuery[] {
  return spec
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      if (at <= 0) throw new Error(`BENCH_SCALE_QUERIES entry "${entry}" is not name=path`);
      return { name: entry.slice(0, at), path: entry.slice(at + 1) };
    });
}
