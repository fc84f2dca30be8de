import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { quoteIdentifier } from '@orchestrator/db';
import { deleteRedisKeys, spawnApp, waitFor, type SpawnedApp } from '@orchestrator/testing';
import { BENCH_STEPS } from './bench-workflows';
import { percentile } from './stats';

export interface BenchSettings {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  workers: number;
  /** Extra environment for API and workers (defaults apply otherwise). */
  env?: Record<string, string>;
  /** The unmeasured run that warms the stack up. */
  warmUp: RunSpec;
  /** Write V8 CPU profiles of the workers here (BENCH_PROFILE_DIR). */
  profileDir?: string;
}

export interface RunSpec {
  workflows: number;
  /** HTTP start requests in flight at once; `serial` waits for each workflow to complete first. */
  concurrency: number;
  serial?: boolean;
}

const BENCH_MODULE = 'apps/cli/src/bench/bench-workflows.ts';
const QUEUE_PREFIX = '{bench}';

/** One API process and N worker processes with default settings, on a fresh database. */
export class OrchestratorUnderTest {
  private readonly apps: SpawnedApp[] = [];
  private workerApps: SpawnedApp[] = [];
  private db!: Client;
  readonly baseUrl: string;

  constructor(private readonly settings: BenchSettings) {
    this.baseUrl = `http://127.0.0.1:${settings.port}`;
  }

  async start(): Promise<void> {
    await resetDatabase(this.settings.databaseUrl);
    await deleteRedisKeys(QUEUE_PREFIX);
    const env = {
      DATABASE_URL: this.settings.databaseUrl,
      REDIS_URL: this.settings.redisUrl,
      QUEUE_PREFIX,
      WORKFLOW_MODULES: BENCH_MODULE,
      PORT: String(this.settings.port),
      LOG_LEVEL: 'warn',
      ...this.settings.env,
    };
    const api = spawnApp('apps/api/src/main.ts', env);
    this.apps.push(api);
    await waitFor(async () => (await fetch(`${this.baseUrl}/health/ready`)).status === 200, {
      timeoutMs: 60000,
      intervalMs: 200,
      what: `the API to be ready (${api.output()})`,
    });
    const profile = this.settings.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${this.settings.profileDir}`] : [];
    this.workerApps = Array.from({ length: this.settings.workers }, () =>
      spawnApp('apps/worker/src/main.ts', env, profile),
    );
    this.apps.push(...this.workerApps);
    this.db = new Client({ connectionString: this.settings.databaseUrl });
    await this.db.connect();
    // One unmeasured run in the shape of the measured ones: every pooled connection opened and its
    // statements prepared, the JIT warm. What is measured is a running orchestrator, not its first seconds.
    await this.run(this.settings.warmUp);
  }

  /** Starts `workflows` over HTTP and measures until every one has completed. */
  async run(spec: RunSpec) {
    const sentAt = new Map<string, number>();
    const t0 = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < spec.workflows) {
        next += 1;
        const sent = Date.now();
        const response = await fetch(`${this.baseUrl}/api/processes/bench_ten_steps`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ n: 0 }),
        });
        if (response.status !== 201) throw new Error(`start answered ${response.status}: ${await response.text()}`);
        const { id } = (await response.json()) as { id: string };
        sentAt.set(id, sent);
        if (spec.serial) await this.waitForCompletion(2);
      }
    };
    await Promise.all(Array.from({ length: spec.concurrency }, lane));
    await this.waitForCompletion(spec.serial ? 2 : 100);
    return this.measure(sentAt, t0);
  }

  peakWorkerMemoryMb(): number {
    const peaks = this.workerApps.map((app) => {
      const status = readFileSync(`/proc/${app.child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    });
    return Math.round(Math.max(...peaks));
  }

  async stop(): Promise<void> {
    for (const app of this.apps) app.child.kill('SIGTERM');
    await Promise.all(this.apps.map((app) => app.exited));
    await this.db?.end();
  }

  private async waitForCompletion(intervalMs: number): Promise<void> {
    // Every process in the benchmark database is a benchmark process, and earlier runs have completed:
    // counting the unfinished ones through the status index keeps the poll cheap next to the work measured.
    await waitFor(
      async () => {
        const { rows } = await this.db.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM processes WHERE status <> 'completed' GROUP BY status`,
        );
        const stuck = rows.find((row) => row.status === 'failed' || row.status === 'aborted');
        if (stuck) throw new Error(`${stuck.n} benchmark processes did not complete: ${stuck.status}`);
        return rows.length === 0;
      },
      { timeoutMs: 600000, intervalMs, what: 'the benchmark workflows to complete' },
    );
  }

  private async measure(sentAt: Map<string, number>, t0: number) {
    const { rows } = await this.db.query<{ process_id: string; name: string; started_at: Date; completed_at: Date }>(
      `SELECT process_id, name, started_at, completed_at FROM process_steps
        WHERE process_id = ANY($1::uuid[]) ORDER BY process_id, seq`,
      [[...sentAt.keys()]],
    );
    const byProcess = new Map<string, typeof rows>();
    for (const row of rows) byProcess.set(row.process_id, [...(byProcess.get(row.process_id) ?? []), row]);
    const processLatency: number[] = [];
    const startLatency: number[] = [];
    const stepLatency: number[] = [];
    let lastCompletion = t0;
    for (const [id, steps] of byProcess) {
      const sent = sentAt.get(id) ?? t0;
      const start = steps[0];
      const done = steps[steps.length - 1];
      if (!start || !done) continue;
      startLatency.push(start.started_at.getTime() - sent);
      processLatency.push(done.completed_at.getTime() - sent);
      lastCompletion = Math.max(lastCompletion, done.completed_at.getTime());
      // Step-to-step latency of the user steps: queue hop plus one step transaction.
      for (let i = 1; i < steps.length; i++) {
        const current = steps[i];
        const previous = steps[i - 1];
        if (current && previous && current.name !== 'Done')
          stepLatency.push(current.completed_at.getTime() - previous.completed_at.getTime());
      }
    }
    const seconds = (lastCompletion - t0) / 1000;
    return {
      workflows: sentAt.size,
      steps_per_s: Math.round((sentAt.size * BENCH_STEPS) / seconds),
      wall_s: Math.round(seconds * 100) / 100,
      process_p50_ms: percentile(processLatency, 0.5),
      process_p99_ms: percentile(processLatency, 0.99),
      start_p50_ms: percentile(startLatency, 0.5),
      start_p99_ms: percentile(startLatency, 0.99),
      step_p50_ms: percentile(stepLatency, 0.5),
      step_p99_ms: percentile(stepLatency, 0.99),
    };
  }
}

async function resetDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  await admin.end();
}
