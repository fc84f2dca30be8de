import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import IORedis, { type Redis } from 'ioredis';
import type { Pool } from 'pg';
import { generateApiKey } from '@orchestrator/auth';
import { onCleanup } from './cleanup';
import { OrchestratorApp } from './orchestrator-apps';
import { PrivatePostgres } from './private-postgres';
import { PrivateRedis } from './private-redis';
import { freePort, isRoot, sleep } from './shell';
import { WorkerHost } from './worker-host';

export interface StackSettings {
  recoveryIntervalMs: number;
  /** Handed to every app as STEP_LEASE_MS (ENGINE.md 15.1). */
  stepLeaseMs: number;
  /** A scheduled task of the run's own pace, to see that schedules outlive a Redis restart. */
  taskSchedule: string;
}

export const CHAOS_MODULE = 'apps/cli/src/chaos/chaos-workflows.ts';
export const SCHEDULED_TASK = 'task_timeout_callbacks';
const DATABASE = 'orchestrator_chaos';

/**
 * The system under test, all of it the run's own: a PostgreSQL cluster, the queue's Redis, an effects
 * Redis (the "external system" the steps call), an API and three workers started with the README's
 * scripts, the third on a worker host of its own (a network namespace) when the run may create one.
 */
export class ChaosStack {
  readonly dir: string;
  pg!: PrivatePostgres;
  queueRedis!: PrivateRedis;
  effectsRedis!: PrivateRedis;
  api!: OrchestratorApp;
  workers: OrchestratorApp[] = [];
  workerHost: WorkerHost | undefined;
  /** Why there is no worker host, when there is none. */
  workerHostMissing: string | undefined;
  db!: Pool;
  effects!: Redis;
  baseUrl!: string;
  /** The API's ADMIN_API_KEY, sent with every request the run makes (`authorization`). */
  readonly adminApiKey = generateApiKey();
  readonly authorization: Readonly<Record<string, string>> = { authorization: `Bearer ${this.adminApiKey}` };
  private limiterRedis: Redis | undefined;

  constructor(readonly settings: StackSettings) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'orchestrator-chaos-'));
    chmodSync(this.dir, 0o755);
    onCleanup('the temporary folder', () => rmSync(this.dir, { recursive: true, force: true }));
  }

  async start(): Promise<void> {
    await this.createWorkerHost();
    const listen = ['127.0.0.1', ...(this.workerHost ? [this.workerHost.hostAddress] : [])];
    const [pgPort, queuePort, effectsPort, apiPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];

    this.pg = new PrivatePostgres(
      path.join(this.dir, 'pg'),
      pgPort,
      listen,
      this.workerHost ? [this.workerHost.network] : [],
    );
    await this.pg.init();
    onCleanup('the private PostgreSQL', () => this.pg.stopNow());
    await this.pg.start();
    this.queueRedis = new PrivateRedis(queuePort, listen, this.dir);
    this.effectsRedis = new PrivateRedis(effectsPort, listen, this.dir);
    onCleanup('the private Redis servers', () => {
      this.queueRedis.stopNow();
      this.effectsRedis.stopNow();
    });
    await this.queueRedis.start();
    await this.effectsRedis.start();

    this.baseUrl = `http://127.0.0.1:${apiPort}`;
    const logDir = path.join(this.dir, 'logs');
    mkdirSync(logDir);
    this.api = new OrchestratorApp('api', 'api', this.appEnv('127.0.0.1', apiPort), logDir);
    this.workers = [1, 2, 3].map((n) => {
      const host = n === 3 ? this.workerHost : undefined;
      const env = this.appEnv(host?.hostAddress ?? '127.0.0.1', apiPort, host ? 'netns' : `host`);
      return new OrchestratorApp(`worker-${n}`, 'worker', env, logDir, host ? (c, a) => host.exec(c, a) : undefined);
    });
    onCleanup('the API and workers', () => [this.api, ...this.workers].forEach((app) => app.killNow()));

    this.api.start();
    await this.waitReady(120000);
    this.db = this.pg.pool(DATABASE);
    onCleanup('the database connection', () => this.db.end());
    await this.db.query(`
      CREATE TABLE IF NOT EXISTS chaos_effects (
        scenario text NOT NULL, process_id uuid NOT NULL, step text NOT NULL, pid integer NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    this.effects = new IORedis(this.effectsRedis.url(), { maxRetriesPerRequest: 1 });
    this.effects.on('error', () => undefined);
    onCleanup('the effects connection', () => this.effects.disconnect());
    for (const worker of this.workers) worker.start();
    await this.waitWorkers(this.workers);
  }

  appEnv(serviceHost: string, apiPort: number, workerHost = 'api'): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: this.pg.url(DATABASE, serviceHost),
      REDIS_URL: this.queueRedis.url(serviceHost),
      CHAOS_EFFECTS_REDIS_URL: this.effectsRedis.url(serviceHost),
      CHAOS_HOST: workerHost,
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      WORKFLOW_MODULES: CHAOS_MODULE,
      ADMIN_API_KEY: this.adminApiKey,
      LOG_LEVEL: 'info', // a line per finished process, into the app's log file; 'worker started' marks ready
      RECOVERY_INTERVAL_MS: String(this.settings.recoveryIntervalMs),
      STEP_LEASE_MS: String(this.settings.stepLeaseMs),
      SHUTDOWN_TIMEOUT_MS: '10000',
      TASK_SCHEDULES: `${SCHEDULED_TASK}=${this.settings.taskSchedule}`,
    };
  }

  /**
   * Forgets the failed authentications the API counted (ENGINE.md 10.8): the fuzzer's refused credentials
   * come from this machine's address, like every other scenario's requests, and would otherwise get all of
   * them 429 for a minute. The limit itself is tested in apps/api.
   */
  async forgetFailedAuthentications(): Promise<void> {
    if (!this.limiterRedis) {
      const redis = new IORedis(this.queueRedis.url(), { maxRetriesPerRequest: 1 });
      redis.on('error', () => undefined);
      onCleanup('the limiter connection', () => redis.disconnect());
      this.limiterRedis = redis;
    }
    const keys = await this.limiterRedis.keys('{orchestrator}:auth-failures:*');
    if (keys.length > 0) await this.limiterRedis.del(...keys);
  }

  /** After a scenario that failed half-way: the services up again, then every app. */
  async ensureRunning(): Promise<void> {
    if (!this.queueRedis.running) await this.queueRedis.start();
    if (!(await this.pg.isRunning())) await this.pg.start();
    await this.workerHost?.restore();
    for (const worker of this.workers) worker.signal('SIGCONT');
    await this.restartStopped();
  }

  /** SIGTERM to every worker, then each started again. */
  async restartWorkers(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    for (const worker of this.workers) worker.start();
    await this.waitWorkers(this.workers);
  }

  /** Starts any app that is not running (a supervisor's restart); waits until each is ready. */
  async restartStopped(): Promise<void> {
    if (!this.api.running) {
      this.api.start();
      await this.waitReady(120000);
    }
    const stopped = this.workers.filter((worker) => !worker.running);
    for (const worker of stopped) worker.start();
    await this.waitWorkers(stopped);
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.api.running) throw new Error(`the API exited at start-up:\n${this.api.logTail()}`);
      const status = await fetch(`${this.baseUrl}/health/ready`).then(
        (res) => res.status,
        () => 0,
      );
      if (status === 200) return;
      await sleep(200);
    }
    throw new Error(`the API was not ready within ${timeoutMs} ms:\n${this.api.logTail()}`);
  }

  /** A worker is up once it has registered its step worker with the queue's Redis. */
  async waitWorkers(workers: OrchestratorApp[]): Promise<void> {
    const names = new Set(workers.map((worker) => worker.name));
    const deadline = Date.now() + 120000;
    while (names.size > 0 && Date.now() < deadline) {
      for (const worker of workers) {
        if (!worker.running) throw new Error(`${worker.name} exited at start-up:\n${worker.logTail()}`);
        if (worker.logSinceStart().includes('worker started')) names.delete(worker.name);
      }
      if (names.size > 0) await sleep(200);
    }
    if (names.size > 0) throw new Error(`workers not started within 120 s: ${[...names].join(', ')}`);
  }

  private async createWorkerHost(): Promise<void> {
    if (!isRoot()) {
      this.workerHostMissing = 'ip netns needs root';
      return;
    }
    const host = new WorkerHost(process.pid);
    onCleanup('the worker host (network namespace)', () => host.removeNow());
    try {
      await host.create();
      this.workerHost = host;
    } catch (error) {
      host.removeNow();
      this.workerHostMissing = (error as Error).message.split('\n')[0];
    }
  }
}
