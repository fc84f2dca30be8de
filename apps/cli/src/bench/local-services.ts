import type { Client } from 'pg';
import { listenerPid } from './proc-files';

/** The PostgreSQL and Redis server processes on this machine, for CPU accounting. */
export interface LocalServices {
  postmasterPid?: number;
  clusterName: string;
  redisPid?: number;
}

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

/** Finds the postmaster and redis-server by the ports they listen on; remote services stay undefined. */
export async function findLocalServices(db: Client, databaseUrl: string, redisUrl?: string): Promise<LocalServices> {
  const pg = new URL(databaseUrl);
  const redis = redisUrl ? new URL(redisUrl) : undefined;
  const { rows } = await db.query<{ cluster_name: string }>(`SELECT current_setting('cluster_name') AS cluster_name`);
  return {
    postmasterPid: isLocal(pg.hostname) ? listenerPid(Number(pg.port || 5432)) : undefined,
    clusterName: rows[0]?.cluster_name ?? '',
    redisPid: redis && isLocal(redis.hostname) ? listenerPid(Number(redis.port || 6379)) : undefined,
  };
}

export async function backendPid(db: Client): Promise<number> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0]?.pid ?? -1;
}

export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/** The same server and credentials, another database. */
export function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}
