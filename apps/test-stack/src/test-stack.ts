import { Queue } from 'bullmq';
import type { DestinationStream } from 'pino';
import { startApiServer, type ApiServer, type ApiServerOptions } from '@orchestrator/api';
import type { OrchestratorConfig } from '@orchestrator/config';
import { createDataSource, prepareDatabase } from '@orchestrator/db';
import {
  ProductRegistry,
  WorkflowRegistry,
  type ProductDefinition,
  type WorkflowDefinition,
} from '@orchestrator/engine';
import { createRedisConnection, STEP_QUEUE_NAME } from '@orchestrator/queue';
import { createLogger, type Booted } from '@orchestrator/runtime';
import {
  createTestDatabase,
  deleteRedisKeys,
  TEST_REDIS_URL,
  testQueuePrefix,
  waitFor,
  type TestDatabase,
} from '@orchestrator/testing';
import { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions } from '@orchestrator/worker';

export interface HttpResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface TestStack {
  db: TestDatabase;
  config: OrchestratorConfig;
  booted: Booted;
  baseUrl: string;
  /** The first API replica. */
  api: ApiServer;
  /** In-process workers started with startWorker(); stopped by stop(). */
  workers: WorkerRuntime[];
  startWorker(options?: WorkerRuntimeOptions): Promise<WorkerRuntime>;
  /** Another API replica on the same database and queue prefix; stopped by stop(). */
  startApi(options?: ApiServerOptions): Promise<ApiReplica>;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
  rawRequest(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> },
  ): Promise<HttpResponse>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Resolves once no step job waits, is delayed or runs: every step request handed out so far has been
   * executed or dropped. How a test shows that nothing (more) happens, without sleeping.
   */
  stepQueueDrained(what?: string): Promise<void>;
  stop(): Promise<void>;
}

/** An API replica started with startApi(). */
export interface ApiReplica {
  server: ApiServer;
  baseUrl: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
}

export interface TestStackOptions {
  workflows: WorkflowDefinition[];
  /** Products (with their data schemas) the workflows use. */
  products?: ProductDefinition[];
  config?: Partial<OrchestratorConfig>;
  /** Redis the API enqueues on, when it should differ from the workers' (for example, unreachable). */
  apiRedisUrl?: string;
  /** Options of the first API (live event timings, the caller). */
  api?: ApiServerOptions;
  /** Where log lines go (at `config.logLevel`), for tests of what is logged. */
  logDestination?: DestinationStream;
}

/**
 * A database, a queue prefix, the API listening on a free port, and (on request) in-process workers: the
 * production wiring of apps/api and apps/worker on a test database.
 */
export async function startTestStack(options: TestStackOptions): Promise<TestStack> {
  const db = await createTestDatabase();
  const config: OrchestratorConfig = {
    databaseUrl: db.url,
    redisUrl: TEST_REDIS_URL,
    port: 0,
    publicUrl: 'http://localhost:0',
    workerConcurrency: 4,
    dbPoolSize: 6,
    workflowModules: [],
    logLevel: 'silent',
    recoveryIntervalMs: 1000,
    shutdownTimeoutMs: 10000,
    queuePrefix: testQueuePrefix(),
    taskSchedules: {},
    auth: { disabled: false, adminApiKey: null, oidc: null },
    corsOrigins: [],
    workerHeartbeatMs: 500,
    tracing: { tracesUrl: null, protocol: 'http/protobuf', serviceName: null, sampler: 'always_on', samplerRatio: 1 },
    ...options.config,
  };
  const registry = new WorkflowRegistry(options.workflows);
  const products = new ProductRegistry(options.products);
  const dataSource = createDataSource({ databaseUrl: db.url, poolSize: config.dbPoolSize });
  await prepareDatabase(dataSource, db.url, registry.all(), products.all());
  const logger = options.logDestination
    ? createLogger(config.logLevel, 'test-stack', options.logDestination)
    : createLogger(process.env.TEST_LOG_LEVEL ?? config.logLevel, 'test-stack');
  const booted: Booted = { config, logger, registry, dataSource, products };

  // The production wiring (apps/api's startApiServer), listening on a port of its own.
  const api = await startApiServer(booted, { redisUrl: options.apiRedisUrl, ...options.api });
  const replicas: ApiServer[] = [];
  const baseUrl = `http://127.0.0.1:${api.port}`;
  // Callback URLs handed out by workers point at this API, unless the test chose a PUBLIC_URL.
  if (options.config?.publicUrl === undefined) config.publicUrl = baseUrl;
  const workers: WorkerRuntime[] = [];
  const inspection = createRedisConnection(config.redisUrl, 'test-stack-inspection');
  const stepQueue = new Queue(STEP_QUEUE_NAME, { connection: inspection, prefix: config.queuePrefix });

  const rawRequest: TestStack['rawRequest'] = (method, path, init) => requestTo(baseUrl, method, path, init);

  return {
    db,
    config,
    booted,
    baseUrl,
    api,
    workers,
    async startWorker(workerOptions) {
      const worker = await startWorkerRuntime(booted, workerOptions);
      workers.push(worker);
      return worker;
    },
    async startApi(apiOptions) {
      const server = await startApiServer(booted, apiOptions);
      replicas.push(server);
      const replicaUrl = `http://127.0.0.1:${server.port}`;
      return { server, baseUrl: replicaUrl, request: jsonRequest((m, p, init) => requestTo(replicaUrl, m, p, init)) };
    },
    request: jsonRequest(rawRequest),
    rawRequest,
    sql: async <T>(text: string, params: unknown[] = []) => (await dataSource.query(text, params)) as T[],
    async stepQueueDrained(what = 'the step queue to drain') {
      await waitFor(
        async () => {
          const counts = await stepQueue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
          return Object.values(counts).every((n) => n === 0);
        },
        { what },
      );
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
      await Promise.all(replicas.map((replica) => replica.stop()));
      await api.stop();
      await stepQueue.close();
      inspection.disconnect();
      await dataSource.destroy();
      await deleteRedisKeys(config.queuePrefix);
      await db.drop();
    },
  };
}

function jsonRequest(raw: TestStack['rawRequest']): TestStack['request'] {
  return (method, path, body, headers = {}) =>
    raw(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
}

async function requestTo(
  baseUrl: string,
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> },
): Promise<HttpResponse> {
  const response = await fetch(`${baseUrl}${path}`, { method, body: init.body, headers: init.headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}
