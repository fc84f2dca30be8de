import { Client } from 'pg';
import IORedis from 'ioredis';
import { parseRedisUrl } from '@orchestrator/config';
import { connectRedis, isClusterUrl } from '@orchestrator/queue';

export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
}

function where(url: string): string {
  try {
    const target = parseRedisUrl(url);
    if (target.kind === 'sentinel') {
      const sentinels = target.sentinels.map(({ host, port }) => `${host}:${port}`).join(',');
      return `master ${target.masterName} of the Sentinels ${sentinels}`;
    }
  } catch {
    // not a Redis URL
  }
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}`;
  } catch {
    return url;
  }
}

/** Fails with a message that names the service and how to start it. */
export async function checkPostgres(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ServiceUnavailableError(
      `PostgreSQL at ${where(databaseUrl)} cannot be reached (${describe(error)}). Start it ` +
        '(`docker compose up -d postgres`, or `pg_ctlcluster <version> main start`) or point DATABASE_URL at it.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const options = {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
    connectTimeout: 5000,
    // Without it a connection that never came up keeps a 2 s timer alive after disconnect().
    disconnectTimeout: 100,
  };
  // A cluster node answers PING on a plain connection; a master behind Sentinels is found through them.
  const redis = isClusterUrl(redisUrl) ? new IORedis(redisUrl, options) : connectRedis(redisUrl, options);
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ServiceUnavailableError(
      `Redis at ${where(redisUrl)} cannot be reached (${describe(error)}). Start it ` +
        '(`docker compose up -d redis`, or `redis-server --daemonize yes`) or point REDIS_URL at it.',
    );
  } finally {
    redis.disconnect();
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}
