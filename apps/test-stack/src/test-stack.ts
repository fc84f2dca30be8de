import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import type { DestinationStream } from 'pino';
import { startApiServer, type ApiServer, type ApiServerOptions } from '@orchestrator/api';
import { generateApiKey, type Role } from '@orchestrator/auth';
import { createOrchestratorClient, type OrchestratorClient } from '@orchestrator/client';
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
  CuttableProxy,
  deleteRedisKeys,
  serviceAddress,
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
  /**
   * The headers of the stack's admin credential (ADMIN_API_KEY, acting user `admin`), which `request` and
   * `rawRequest` send unless the test gives an `authorization` header of its own; `authorization: ''` sends
   * none (a test of what an anonymous client gets). Empty when the stack runs with another auth config.
   */
  adminHeaders: Record<string, string>;
  /**
   * Creates an API key named `name` with `role` (default operate) through the API (as admin), once per
   * name, and returns the headers that authenticate with it: how a test acts as a user of its choice.
   */
  as(name: string, role?: Role): Promise<Record<string, string>>;
  /** The typed client of the API (@orchestrator/client) with the stack's admin key. */
  client: OrchestratorClient;
  /** The typed client acting as the API key `as(name, role)` gives. */
  clientAs(name: string, role?: Role): Promise<OrchestratorClient>;
  /** Every log line the stack's API and workers wrote, when started with `captureLogs` (else empty). */
  logLines(): string[];
  /** The first API replica. */
  api: ApiServer;
  /** In-process workers started with startWorker(); stopped by stop(). */
  workers: WorkerRuntime[];
  startWorker(options?: WorkerRuntimeOptions): Promise<WorkerRuntime>;
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
  /** Another API replica on the same database and queue prefix (requests send the admin key); stopped by stop(). */
  startApi(options?: ApiServerOptions): Promise<ApiReplica>;
  /**
   * "Changes the code": registers `workflows` on the stack's database (as a start-up with them would: new
   * versions recorded, workflows left out soft-deleted) and starts an API replica running them, on the
   * same database and queue prefix; its `startWorker` starts workers running them. Stopped by stop().
   */
  deploy(workflows: WorkflowDefinition[]): Promise<Deployment>;
  /** The links the apps reach PostgreSQL and Redis through, when the stack was asked for `cuttable` ones. */
  links: { postgres?: CuttableProxy; redis?: CuttableProxy };
  stop(): Promise<void>;
}

export interface TestStackOptions {
  workflows: WorkflowDefinition[];
  /** Products (with their data schemas) the workflows use. */
  products?: ProductDefinition[];
  config?: Partial<OrchestratorConfig>;
  /** The Redis of the whole stack (API, workers, inspection, clean-up) when not the tests' (TEST_REDIS_URL). */
  redisUrl?: string;
  /** Redis the API enqueues on, when it should differ from the workers' (for example, unreachable). */
  apiRedisUrl?: string;
  /**
   * The API and the workers reach PostgreSQL and/or Redis through a proxy the test can cut (`links`), for
   * outage tests; the test stack's own inspection (`sql`, `stepQueueDrained`, clean-up) goes direct.
   */
  cuttable?: { postgres?: boolean; redis?: boolean };
  /** What the API is started with besides the Redis URL (where a bootstrap key is printed). */
  api?: Omit<ApiServerOptions, 'redisUrl'>;
  /** Keep every log line (at the config's level, `debug` unless told) for `logLines()`. */
  captureLogs?: boolean;
  /** Where log lines go (at `config.logLevel`), for tests of what is logged. */
  logDestination?: DestinationStream;
}

/** Another version of the code on the stack's database and queues (`deploy`). */
export interface Deployment extends ApiReplica {
  registry: WorkflowRegistry;
  startWorker(options?: WorkerRuntimeOptions): Promise<WorkerRuntime>;
}

/** An API replica started with startApi(). */
export interface ApiReplica {
  server: ApiServer;
  baseUrl: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
}

/**
 * A database, a queue prefix, the API listening on a free port, and (on request) in-process workers: the
 * production wiring of apps/api and apps/worker on a test database.
 */
export async function startTestStack(options: TestStackOptions): Promise<TestStack> {
  const db = await createTestDatabase();
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const links: TestStack['links'] = {};
  if (options.cuttable?.postgres) links.postgres = await CuttableProxy.start(serviceAddress(db.url, 5432));
  if (options.cuttable?.redis) links.redis = await CuttableProxy.start(serviceAddress(redisUrl, 6379));
  // Tests authenticate like clients: the stack's admin key, sent by default (see adminHeaders).
  const adminApiKey = generateApiKey();
  const config: OrchestratorConfig = {
    databaseUrl: links.postgres ? links.postgres.url(db.url) : db.url,
    redisUrl: links.redis ? links.redis.url(redisUrl) : redisUrl,
    port: 0,
    publicUrl: 'http://localhost:0',
    workerConcurrency: 4,
    workerChainSteps: 100,
    dbPoolSize: 6,
    workflowModules: [],
    logLevel: options.captureLogs ? 'debug' : 'silent',
    recoveryIntervalMs: 1000,
    shutdownTimeoutMs: 10000,
    stepLeaseMs: 30000,
    queuePrefix: testQueuePrefix(),
    taskSchedules: {},
    auth: { disabled: false, adminApiKey, oidc: null },
    corsOrigins: [],
    trustProxy: false,
    workerHeartbeatMs: 500,
    tracing: { tracesUrl: null, protocol: 'http/protobuf', serviceName: null, sampler: 'always_on', samplerRatio: 1 },
    ...options.config,
  };
  const registry = new WorkflowRegistry(options.workflows);
  const products = new ProductRegistry(options.products);
  const dataSource = createDataSource({ databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize });
  await prepareDatabase(dataSource, db.url, registry.all(), products.all());
  // What the test reads and cleans up with goes direct, so that it works while a link is cut.
  const direct = links.postgres ? createDataSource({ databaseUrl: db.url, poolSize: 2 }) : dataSource;
  if (direct !== dataSource) await direct.initialize();
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  // The production logger (its redaction included), into the test's own list when it captures.
  const logger = options.logDestination
    ? createLogger(config.logLevel, 'test-stack', options.logDestination)
    : createLogger(
        options.captureLogs ? config.logLevel : (process.env.TEST_LOG_LEVEL ?? config.logLevel),
        'test-stack',
        options.captureLogs ? capture : undefined,
      );
  const booted: Booted = { config, logger, registry, dataSource, products };

  // The production wiring (apps/api's startApiServer), listening on a port of its own.
  // Every answer is parsed by its OpenAPI schema: each test holds the document to what the API sends.
  const api = await startApiServer(booted, { checkResponses: true, redisUrl: options.apiRedisUrl, ...options.api });
  const replicas: ApiServer[] = [];
  const baseUrl = `http://127.0.0.1:${api.port}`;
  // Callback URLs handed out by workers point at this API, unless the test chose a PUBLIC_URL.
  if (options.config?.publicUrl === undefined) config.publicUrl = baseUrl;
  const workers: WorkerRuntime[] = [];
  const inspection = createRedisConnection(redisUrl, 'test-stack-inspection');
  const stepQueue = new Queue(STEP_QUEUE_NAME, { connection: inspection, prefix: config.queuePrefix });
  // Without a listener BullMQ prints each connection error (a Redis failing over, say); the waits report them.
  stepQueue.on('error', () => undefined);

  const adminHeaders: Record<string, string> =
    config.auth.adminApiKey === null ? {} : { authorization: `Bearer ${config.auth.adminApiKey}` };
  const rawRequest: TestStack['rawRequest'] = (method, path, init) =>
    requestTo(baseUrl, method, path, { ...init, headers: withCredential(init.headers) });

  const withCredential = (headers: Record<string, string> = {}): Record<string, string> => {
    const given = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
    if (given === undefined) return { ...adminHeaders, ...headers };
    const { [given]: credential, ...rest } = headers;
    return credential === '' ? rest : headers;
  };

  const keysByName = new Map<string, { role: Role; headers: Promise<Record<string, string>> }>();
  const stack: TestStack = {
    db,
    config,
    booted,
    baseUrl,
    adminHeaders,
    as(name, role = 'operate') {
      const known = keysByName.get(name);
      if (known && known.role !== role) {
        return Promise.reject(new Error(`the API key ${name} was created with the ${known.role} role`));
      }
      if (known) return known.headers;
      const headers = (async () => {
        const res = await stack.request('POST', '/api/api-keys', { name, role });
        if (res.status !== 201) {
          throw new Error(`creating the API key ${name} answered ${res.status} ${JSON.stringify(res.body)}`);
        }
        return { authorization: `Bearer ${String(res.body.key)}` };
      })();
      keysByName.set(name, { role, headers });
      return headers;
    },
    client: createOrchestratorClient({ baseUrl, headers: adminHeaders }),
    async clientAs(name, role = 'operate') {
      return createOrchestratorClient({ baseUrl, headers: await stack.as(name, role) });
    },
    logLines: () => [...lines],
    api,
    async startApi(apiOptions) {
      const server = await startApiServer(booted, apiOptions);
      replicas.push(server);
      const replicaUrl = `http://127.0.0.1:${server.port}`;
      return {
        server,
        baseUrl: replicaUrl,
        request: jsonRequest((m, p, init) =>
          requestTo(replicaUrl, m, p, { ...init, headers: withCredential(init.headers) }),
        ),
      };
    },
    async deploy(changed) {
      const deployed: Booted = { ...booted, registry: new WorkflowRegistry(changed) };
      await prepareDatabase(dataSource, db.url, deployed.registry.all(), products.all());
      const server = await startApiServer(deployed, { checkResponses: true });
      replicas.push(server);
      const replicaUrl = `http://127.0.0.1:${server.port}`;
      return {
        server,
        baseUrl: replicaUrl,
        registry: deployed.registry,
        request: jsonRequest((m, p, init) =>
          requestTo(replicaUrl, m, p, { ...init, headers: withCredential(init.headers) }),
        ),
        async startWorker(workerOptions) {
          const worker = await startWorkerRuntime(deployed, workerOptions);
          workers.push(worker);
          return worker;
        },
      };
    },
    workers,
    async startWorker(workerOptions) {
      const worker = await startWorkerRuntime(booted, workerOptions);
      workers.push(worker);
      return worker;
    },
    request: jsonRequest(rawRequest),
    rawRequest,
    sql: async <T>(text: string, params: unknown[] = []) => (await direct.query(text, params)) as T[],
    async stepQueueDrained(what = 'the step queue to drain') {
      await waitFor(
        async () => {
          const counts = await stepQueue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
          return Object.values(counts).every((n) => n === 0);
        },
        { what },
      );
    },
    links,
    async stop() {
      for (const link of Object.values(links)) link.restore();
      await Promise.all(workers.map((worker) => worker.stop()));
      await Promise.all(replicas.map((replica) => replica.stop()));
      await api.stop();
      await stepQueue.close();
      inspection.disconnect();
      await dataSource.destroy();
      if (direct !== dataSource) await direct.destroy();
      await Promise.all(Object.values(links).map((link) => link.close()));
      await deleteRedisKeys(config.queuePrefix, redisUrl);
      await db.drop();
    },
  };
  return stack;
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
