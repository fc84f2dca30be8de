import { Client } from 'pg';
import { BENCH_ADMIN_API_KEY, BENCH_AUTHORIZATION } from '../bench-credentials';
import { parseEnv } from '../orchestrator-packages/config';
import { deleteRedisKeys, spawnApp, waitFor } from '../orchestrator-packages/testing';
import { onExit } from '../exit-cleanup';
import { databaseName, withDatabase } from '../local-services';
import { API_MAIN, BENCH_MODULE, resetDatabase } from '../orchestrator-run';
import { appOverrides, parseQueries, type BenchSettings } from '../settings';
import { enqueueBacklog, insertBacklog, removeBacklog } from './backlog';
import { drainBacklog } from './backlog-drain';
import { measureQueries } from './http-latency';
import {
  commonWorkflow,
  processWithTenSteps,
  seedDatabase,
  seedMarker,
  seedMarkerOf,
  type WorkflowSteps,
} from './seed-database';
import { measureSweeperTurns } from './sweeper-turns';

const QUEUE_PREFIX = '{bench-scale}';

type Print = (line: object) => void;

/**
 * `npm run bench seed`: a database of BENCH_SEED_PROCESSES processes and BENCH_SEED_STEPS step rows (built
 * once and reused while its size matches), then against one API over HTTP: the p95 of the list, search,
 * detail and status-count queries; the recovery sweeper's query turn, idle and with a backlog; and the
 * drain of a backlog of BENCH_BACKLOG runnable processes by BENCH_BACKLOG_WORKERS workers.
 */
export async function scaleBench(s: BenchSettings, print: Print): Promise<void> {
  const databaseUrl = s.BENCH_SCALE_DATABASE_URL;
  const database = databaseName(databaseUrl);
  const size = {
    processes: s.BENCH_SEED_PROCESSES,
    steps: s.BENCH_SEED_STEPS,
    subscriptions: s.BENCH_SEED_SUBSCRIPTIONS,
  };
  const admin = new Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  const reuse = s.BENCH_SEED_REUSE && (await seedMarkerOf(admin, database)) === seedMarker(size);
  await admin.end();
  if (!reuse) await resetDatabase(databaseUrl);
  await deleteRedisKeys(QUEUE_PREFIX);

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: s.REDIS_URL,
    QUEUE_PREFIX,
    WORKFLOW_MODULES: BENCH_MODULE,
    PORT: String(s.BENCH_PORT),
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY: BENCH_ADMIN_API_KEY,
    // Scheduled tasks would write their own processes during the drain and blur its write counts.
    TASK_SCHEDULES: 'task_clean_up_tasks=off;task_resume_workflows=off;task_timeout_callbacks=off',
    ...appOverrides(process.env),
  };
  const baseUrl = `http://127.0.0.1:${s.BENCH_PORT}`;
  const api = spawnApp(API_MAIN, env);
  const killOnExit = onExit(() => api.child.kill('SIGKILL'));
  const db = new Client({ connectionString: databaseUrl });
  try {
    await waitFor(async () => (await fetch(`${baseUrl}/health/ready`)).status === 200, {
      timeoutMs: 120000,
      intervalMs: 200,
      what: `the API to be ready (${api.output()})`,
    });
    await db.connect();
    const seedStarted = performance.now();
    if (reuse) await removeBacklog(db);
    else
      await seedDatabase(db, database, size, await workflowSteps(baseUrl), (line) => process.stderr.write(`${line}\n`));
    print({
      config: 'scale-seed',
      reused: reuse,
      ...(await seedFigures(db, databaseUrl)),
      seconds: reuse ? 0 : seconds(seedStarted),
    });

    const detailId = await processWithTenSteps(db);
    const workflowName = (await commonWorkflow(db)) ?? 'modify_node';
    const queries = await measureQueries(
      baseUrl,
      parseQueries(s.BENCH_SCALE_QUERIES),
      { detailId: detailId ?? 'no-process-with-ten-steps', workflowName },
      s.BENCH_SCALE_REQUESTS,
    );
    print({ config: 'scale-http', requests_each: s.BENCH_SCALE_REQUESTS, queries });

    const staleAfterMs = parseEnv(env).recoveryIntervalMs;
    const sweeper = { databaseUrl, staleAfterMs, batch: s.BENCH_SWEEPER_BATCH, turns: s.BENCH_SWEEPER_TURNS };
    const idle = await measureSweeperTurns(sweeper);
    if (s.BENCH_BACKLOG === 0) {
      print({ config: 'scale-sweeper', stale_after_ms: staleAfterMs, batch: s.BENCH_SWEEPER_BATCH, idle });
      return;
    }
    const enqueueStarted = performance.now();
    const ids = await insertBacklog(databaseUrl, s.BENCH_BACKLOG_WORKFLOW, s.BENCH_BACKLOG, 2 * staleAfterMs);
    await enqueueBacklog(s.REDIS_URL, QUEUE_PREFIX, ids);
    const enqueueSeconds = seconds(enqueueStarted);
    const withBacklog = await measureSweeperTurns({ ...sweeper, turns: Math.min(3, s.BENCH_SWEEPER_TURNS) });
    print({
      config: 'scale-sweeper',
      stale_after_ms: staleAfterMs,
      batch: s.BENCH_SWEEPER_BATCH,
      idle,
      with_backlog: withBacklog,
    });

    const drain = await drainBacklog(db, {
      workers: s.BENCH_BACKLOG_WORKERS,
      env,
      rssSampleMs: s.BENCH_RSS_SAMPLE_MS,
      processes: ids.length,
    });
    // The drained processes' old index entries stay until a vacuum: the idle turn right after a burst.
    const afterDrain = await measureSweeperTurns(sweeper);
    print({
      config: 'scale-backlog',
      workflow: s.BENCH_BACKLOG_WORKFLOW,
      insert_and_enqueue_s: enqueueSeconds,
      ...drain,
      target_rss_mb: 200,
      sweeper_idle_after_drain: {
        turn_p50_ms: afterDrain.turn_p50_ms,
        turn_p95_ms: afterDrain.turn_p95_ms,
        candidates: afterDrain.candidates,
      },
    });
  } finally {
    await db.end().catch(() => undefined);
    api.child.kill('SIGTERM');
    await api.exited;
    killOnExit();
  }
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

async function workflowSteps(baseUrl: string): Promise<WorkflowSteps[]> {
  const response = await fetch(`${baseUrl}/api/workflows`, { headers: BENCH_AUTHORIZATION });
  if (response.status !== 200) throw new Error(`GET /api/workflows answered ${response.status}`);
  return ((await response.json()) as { name: string; steps: string[] }[]).map(({ name, steps }) => ({ name, steps }));
}

async function seedFigures(db: Client, databaseUrl: string) {
  const { rows } = await db.query<{ processes: number; steps: number; subscriptions: number; mb: string }>(
    `SELECT (SELECT count(*)::int FROM processes) AS processes, (SELECT count(*)::int FROM process_steps) AS steps,
            (SELECT count(*)::int FROM subscriptions) AS subscriptions, pg_database_size($1) / 1048576 AS mb`,
    [databaseName(databaseUrl)],
  );
  const row = rows[0];
  return {
    processes: row?.processes ?? 0,
    step_rows: row?.steps ?? 0,
    subscriptions: row?.subscriptions ?? 0,
    database_mb: Number(row?.mb ?? 0),
  };
}
