import { z } from 'zod';
import { runMain } from '@orchestrator/runtime';
import { BENCH_STEPS } from './bench-workflows';
import { bullmqFloor, postgresStepFloor } from './floors';
import { OrchestratorUnderTest } from './orchestrator-run';
import { median, ratio } from './stats';

const settingsSchema = z.object({
  BENCH_DATABASE_URL: z.string().default('postgres://root@127.0.0.1:5432/orchestrator_bench'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  BENCH_PORT: z.coerce.number().int().default(18080),
  BENCH_WORKFLOWS: z.coerce.number().int().min(1).default(400),
  BENCH_CONCURRENCY: z.coerce.number().int().min(1).default(32),
  BENCH_WORKERS: z.string().default('2'),
  BENCH_SERIAL_WORKFLOWS: z.coerce.number().int().min(0).default(30),
  BENCH_PROFILE_DIR: z.string().optional(),
  BENCH_REPEAT: z.coerce.number().int().min(1).default(5),
  BENCH_FLOORS: z.enum(['0', '1']).default('1'),
});

const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

/**
 * `npm run bench`: the floors (raw BullMQ chain, raw step-like PostgreSQL transaction), then the
 * orchestrator end to end (one API and N worker processes with default settings), one JSON line each.
 */
runMain(async () => {
  const s = settingsSchema.parse(process.env);
  const workerCounts = s.BENCH_WORKERS.split(',').map((n) => Number(n.trim()));

  const floors = s.BENCH_FLOORS === '1';
  const queueFloor = floors
    ? await bullmqFloor(s.REDIS_URL, s.BENCH_WORKFLOWS, BENCH_STEPS, s.BENCH_CONCURRENCY)
    : undefined;
  if (queueFloor) print(queueFloor);
  const dbFloor = floors
    ? await postgresStepFloor(s.BENCH_DATABASE_URL.replace(/\/[^/]*$/, '/postgres'), 8, 5)
    : undefined;
  if (dbFloor) print(dbFloor);

  for (const workers of workerCounts) {
    const orchestrator = new OrchestratorUnderTest({
      databaseUrl: s.BENCH_DATABASE_URL,
      redisUrl: s.REDIS_URL,
      port: s.BENCH_PORT,
      workers,
      warmUp: { workflows: s.BENCH_WORKFLOWS, concurrency: s.BENCH_CONCURRENCY },
      profileDir: s.BENCH_PROFILE_DIR,
      // Defaults unless the bench itself is run with these set (for tuning experiments).
      env: Object.fromEntries(
        ['WORKER_CONCURRENCY', 'DB_POOL_SIZE'].flatMap((name) =>
          process.env[name] ? [[name, process.env[name] as string]] : [],
        ),
      ),
    });
    try {
      await orchestrator.start();
      // The same measured run BENCH_REPEAT times on the same stack; the line reports the median run.
      const runs = [];
      for (let i = 0; i < s.BENCH_REPEAT; i++) {
        runs.push(await orchestrator.run({ workflows: s.BENCH_WORKFLOWS, concurrency: s.BENCH_CONCURRENCY }));
      }
      const throughput = median(runs, (run) => run.steps_per_s);
      print({
        config: 'orchestrator',
        api_processes: 1,
        worker_processes: workers,
        steps: BENCH_STEPS,
        concurrency: s.BENCH_CONCURRENCY,
        ...throughput,
        runs_steps_per_s: runs.map((run) => run.steps_per_s),
        peak_worker_mb: orchestrator.peakWorkerMemoryMb(),
        ratio_to_bullmq_floor: queueFloor ? ratio(throughput.steps_per_s, queueFloor.steps_per_s) : null,
        ratio_to_pg_floor: dbFloor ? ratio(throughput.steps_per_s, dbFloor.steps_per_s) : null,
      });
      if (s.BENCH_SERIAL_WORKFLOWS > 0) {
        const serial = await orchestrator.run({ workflows: s.BENCH_SERIAL_WORKFLOWS, concurrency: 1, serial: true });
        print({
          config: 'orchestrator-serial',
          api_processes: 1,
          worker_processes: workers,
          steps: BENCH_STEPS,
          concurrency: 1,
          ...serial,
          peak_worker_mb: orchestrator.peakWorkerMemoryMb(),
          ratio_step_p50_to_pg_floor_p50: dbFloor ? ratio(serial.step_p50_ms, Number(dbFloor.tx_p50_ms)) : null,
        });
      }
    } finally {
      await orchestrator.stop();
    }
  }
  process.exit(0);
});
