import { Client } from 'pg';
import { quoteIdentifier } from './orchestrator-packages/db';
import { deleteRedisKeys, spawnApp, waitFor, type SpawnedApp } from './orchestrator-packages/testing';
import { BENCH_ADMIN_API_KEY, BENCH_AUTHORIZATION } from './bench-credentials';
import { BENCH_STEPS } from './bench-workflows';
import { onExit } from './exit-cleanup';
import { CpuRecorder, msPerStep, type CpuComponent, type CpuSources } from './cpu-recorder';
import { backendPid, databaseName, findLocalServices, type LocalServices } from './local-services';
import { peakResidentMb } from './proc-files';
import { StartClient } from './start-client';
import { percentile } from './stats';

export interface StackSettings {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  workers: number;
  /** Extra environment for API and workers (defaults apply otherwise). */
  env?: Record<string, string>;
  /** The unmeasured run that warms the stack up. */
  warmUp: RunSpec;
  /** Write V8 CPU profiles of the API and the workers here (BENCH_PROFILE_DIR). */
  profileDir?: string;
  /** Starts worker `index` (default: a child process on this host, like spawnApp). */
  launchWorker?: (env: Record<string, string>, nodeArgs: string[], index: number) => SpawnedApp;
  /** Further processes whose CPU counts as part of the system measured (the netns forwarder). */
  cpuTrees?: Partial<Record<CpuComponent, number[]>>;
  cpuSampleMs: number;
}

export interface RunSpec {
  workflows: number;
  /** HTTP start requests in flight at once; `serial` waits for each workflow to complete first. */
  concurrency: number;
  serial?: boolean;
}

export const BENCH_MODULE = 'apps/cli/src/bench/bench-workflows.ts';
export const WORKER_MAIN = 'apps/worker/src/main.ts';
export const API_MAIN = 'apps/api/src/main.ts';
const QUEUE_PREFIX = '{bench}';

/** One API process and N worker processes with default settings, on a fresh database. */
export class OrchestratorUnderTest {
  private readonly apps: SpawnedApp[] = [];
  private workerApps: SpawnedApp[] = [];
  private killOnExit: () => void = () => undefined;
  private db!: Client;
  private services: LocalServices = { clusterName: '' };
  private pollingBackends: number[] = [];
  readonly baseUrl: string;

  constructor(private readonly settings: StackSettings) {
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
      ADMIN_API_KEY: BENCH_ADMIN_API_KEY,
      ...this.settings.env,
    };
    // Killed if the bench dies first, so that no stray worker takes the next run's jobs.
    this.killOnExit = onExit(() => this.apps.forEach((app) => app.child.kill('SIGKILL')));
    const profile = this.settings.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${this.settings.profileDir}`] : [];
    const api = spawnApp(API_MAIN, env, profile);
    this.apps.push(api);
    await waitFor(async () => (await fetch(`${this.baseUrl}/health/ready`)).status === 200, {
      timeoutMs: 60000,
      intervalMs: 200,
      what: `the API to be ready (${api.output()})`,
    });
    const launch = this.settings.launchWorker ?? ((workerEnv, nodeArgs) => spawnApp(WORKER_MAIN, workerEnv, nodeArgs));
    this.workerApps = Array.from({ length: this.settings.workers }, (_, index) => launch(env, profile, index));
    this.apps.push(...this.workerApps);
    this.db = new Client({ connectionString: this.settings.databaseUrl });
    await this.db.connect();
    this.services = await findLocalServices(this.db, this.settings.databaseUrl, this.settings.redisUrl);
    this.pollingBackends = [await backendPid(this.db)];
    // One unmeasured run in the shape of the measured ones: every pooled connection opened and its
    // statements prepared, the JIT warm. What is measured is a running orchestrator, not its first seconds.
    await this.run(this.settings.warmUp);
  }

  /** Starts `workflows` over HTTP and measures until every one has completed, and the CPU it took. */
  async run(spec: RunSpec) {
    const recorder = new CpuRecorder(this.cpuSources(), this.settings.cpuSampleMs);
    const cpuFrom = recorder.start();
    const sentAt = new Map<string, number>();
    const t0 = Date.now();
    let next = 0;
    const client = new StartClient(this.baseUrl, BENCH_AUTHORIZATION, spec.concurrency);
    const lane = async () => {
      while (next < spec.workflows) {
        next += 1;
        const sent = Date.now();
        const response = await client.post('/api/processes/bench_ten_steps', { n: 0 });
        if (response.status !== 201) throw new Error(`start answered ${response.status}: ${response.text}`);
        sentAt.set((response.json as { id: string }).id, sent);
        if (spec.serial) await this.waitForCompletion(2);
      }
    };
    try {
      await Promise.all(Array.from({ length: spec.concurrency }, lane));
    } finally {
      client.close();
    }
    await this.waitForCompletion(spec.serial ? 2 : 100);
    const cpuTo = recorder.sample();
    recorder.stop();
    const cpu = recorder.window(cpuFrom, cpuTo);
    return { ...(await this.measure(sentAt, t0)), cpu_ms_per_step: msPerStep(cpu, sentAt.size * BENCH_STEPS), cpu };
  }

  /** API, workers, the PostgreSQL backends of the bench database and its auxiliary processes, Redis. */
  private cpuSources(): CpuSources {
    const pid = (app: SpawnedApp) => app.child.pid ?? -1;
    const [api] = this.apps;
    return {
      trees: { api: api ? [pid(api)] : [], workers: this.workerApps.map(pid), ...this.settings.cpuTrees },
      postgres: this.services.postmasterPid
        ? {
            postmasterPid: this.services.postmasterPid,
            clusterName: this.services.clusterName,
            databases: [databaseName(this.settings.databaseUrl)],
            excludePids: this.pollingBackends,
          }
        : undefined,
      redisPid: this.services.redisPid,
    };
  }

  peakWorkerMemoryMb(): number {
    return Math.round(Math.max(...this.workerApps.map((app) => peakResidentMb(app.child.pid ?? -1) ?? 0)));
  }

  async stop(): Promise<void> {
    for (const app of this.apps) app.child.kill('SIGTERM');
    await Promise.all(this.apps.map((app) => app.exited));
    this.killOnExit();
    await this.db?.end();
  }

  private async waitForCompletion(intervalMs: number): Promise<void> {
    // Every process in the benchmark database is a benchmark process, and earlier runs have completed:
    // counting the unfinished ones through the status index keeps the poll cheap next to the work measured.
    // waitFor retries a probe that throws, so a failed process is an outcome here, thrown afterwards.
    const outcome = await waitFor(
      async () => {
        const { rows } = await this.db.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM processes WHERE status <> 'completed' GROUP BY status`,
        );
        const stuck = rows.find((row) => row.status === 'failed' || row.status === 'aborted');
        if (stuck) return `${stuck.n} benchmark processes did not complete: ${stuck.status}`;
        return rows.length === 0 ? 'done' : undefined;
      },
      { timeoutMs: 600000, intervalMs, what: 'the benchmark workflows to complete' },
    );
    if (outcome !== 'done') throw new Error(outcome);
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

export async function resetDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  await admin.end();
}
