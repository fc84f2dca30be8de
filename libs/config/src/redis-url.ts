/** One `host:port` of a Redis server or Sentinel. */
export interface RedisAddress {
  host: string;
  port: number;
}

/** Credentials and database of the Redis server(s) holding the data. */
export interface RedisAuth {
  username?: string;
  password?: string;
}

/** What REDIS_URL names. */
export type RedisTarget =
  | { kind: 'server'; url: string }
  | ({ kind: 'cluster'; node: RedisAddress; tls: boolean } & RedisAuth)
  | ({
      kind: 'sentinel';
      sentinels: RedisAddress[];
      /** The master group name the Sentinels monitor (`sentinel monitor <name> ...`). */
      masterName: string;
      db: number;
      sentinelPassword?: string;
    } & RedisAuth);

export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

export const REDIS_SENTINEL_PROTOCOL = 'redis+sentinel:';
const DEFAULT_SENTINEL_PORT = 26379;
const SENTINEL_FORM =
  'redis+sentinel://[[user]:password@]host[:port][,host[:port]...]/masterName[/db][?sentinelPassword=...]';

/**
 * Reads REDIS_URL: `redis://` or `rediss://` as ioredis takes it (`?cluster=true`: one node of a Redis
 * Cluster), or `redis+sentinel://` naming Sentinels and the master group they monitor. Throws a
 * RedisUrlError whose message completes "REDIS_URL ...".
 */
export function parseRedisUrl(value: string): RedisTarget {
  if (value.startsWith(`${REDIS_SENTINEL_PROTOCOL}//`)) return parseSentinelUrl(value);
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url?.protocol !== 'redis:' && url?.protocol !== 'rediss:') {
    throw new RedisUrlError(`must be a URL starting with redis://, rediss:// or ${REDIS_SENTINEL_PROTOCOL}//`);
  }
  if (url.searchParams.get('cluster') !== 'true') return { kind: 'server', url: value };
  return {
    kind: 'cluster',
    node: { host: url.hostname, port: Number(url.port || 6379) },
    tls: url.protocol === 'rediss:',
    ...credentials(url.username, url.password),
  };
}

function parseSentinelUrl(value: string): RedisTarget {
  const rest = value.slice(`${REDIS_SENTINEL_PROTOCOL}//`.length);
  const [beforeQuery = '', query = ''] = splitOnce(rest, '?');
  const [authority = '', path = ''] = splitOnce(beforeQuery, '/');
  // The password runs to the last "@", as in the other URLs' redaction (an unencoded "@" in it survives).
  const at = authority.lastIndexOf('@');
  const [user = '', password = ''] = at < 0 ? [] : splitOnce(authority.slice(0, at), ':');
  const hosts = authority.slice(at + 1);
  const sentinels = hosts.split(',').map(sentinelAddress);
  const [masterName = '', db = '0', ...extra] = path.split('/');
  if (masterName === '') throw sentinelError('names no master group after the Sentinels');
  if (extra.some((part) => part !== '') || !/^\d+$/.test(db)) {
    throw sentinelError('has a path other than /masterName or /masterName/db');
  }
  const params = new URLSearchParams(query);
  const unknown = [...params.keys()].filter((key) => key !== 'sentinelPassword');
  if (unknown.length > 0) throw sentinelError(`has an unknown parameter "${unknown[0]}"`);
  const sentinelPassword = params.get('sentinelPassword');
  return {
    kind: 'sentinel',
    sentinels,
    masterName: decode(masterName),
    db: Number(db),
    ...credentials(user, password),
    ...(sentinelPassword ? { sentinelPassword } : {}),
  };
}

function sentinelAddress(entry: string): RedisAddress {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(entry.trim());
  const port = Number(match?.[2] ?? DEFAULT_SENTINEL_PORT);
  if (!match?.[1] || port < 1 || port > 65535) {
    throw sentinelError(`has "${entry}" where a Sentinel host[:port] belongs`);
  }
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

function credentials(user: string, password: string): RedisAuth {
  return {
    ...(user ? { username: decode(user) } : {}),
    ...(password ? { password: decode(password) } : {}),
  };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new RedisUrlError(`has a badly percent-encoded part ("${part}")`);
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function sentinelError(what: string): RedisUrlError {
  return new RedisUrlError(`${what}; a Sentinel URL reads ${SENTINEL_FORM}`);
}
