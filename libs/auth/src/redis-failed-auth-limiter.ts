import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  rateLimitDecision,
  DEFAULT_FAILED_AUTH_LIMIT,
  type FailedAuthLimit,
  type FailedAuthLimiter,
  type RateLimitDecision,
} from './failed-auth-limiter';

// Both scripts read the clock of Redis, so that replicas with skewed clocks count the same window, and
// answer [now, failure times in the window...]. The sorted set keeps only the newest maxFailures + 1.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
const RECORD = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[2]) + 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local result = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
table.insert(result, 1, now)
return result`;
const CHECK = `${NOW}
local result = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - tonumber(ARGV[1])), '+inf', 'WITHSCORES')
table.insert(result, 1, now)
return result`;

const UNREACHABLE = new Set(['reconnecting', 'close', 'end']);

interface Script {
  body: string;
  sha: string;
}
const script = (body: string): Script => ({ body, sha: createHash('sha1').update(body).digest('hex') });
const RECORD_SCRIPT = script(RECORD);
const CHECK_SCRIPT = script(CHECK);

export interface RedisFailedAuthLimiterOptions {
  /** A connection that fails fast while Redis is away (the API's), not a blocking worker connection. */
  redis: Redis;
  /** QUEUE_PREFIX: keys are `<prefix>:auth-failures:<address>`. */
  prefix: string;
  limit?: FailedAuthLimit;
  /** Redis errors do not refuse requests (the limiter fails open); they are handed here for the log. */
  onError?: (error: unknown) => void;
}

/**
 * The limiter shared by every API replica: one sorted set of failure times per address in Redis, so that
 * an address is limited after more than maxFailures failures in the window wherever they landed.
 */
export class RedisFailedAuthLimiter implements FailedAuthLimiter {
  private readonly limit: FailedAuthLimit;
  private sequence = 0;

  constructor(private readonly options: RedisFailedAuthLimiterOptions) {
    this.limit = options.limit ?? DEFAULT_FAILED_AUTH_LIMIT;
  }

  check(address: string): Promise<RateLimitDecision> {
    return this.run(CHECK_SCRIPT, address, [this.limit.windowMs]);
  }

  recordFailure(address: string): Promise<RateLimitDecision> {
    this.sequence = (this.sequence + 1) % 1e9;
    // A member unique across replicas and within one millisecond.
    const member = `${process.pid}-${this.sequence}-${Math.random().toString(36).slice(2, 8)}`;
    return this.run(RECORD_SCRIPT, address, [this.limit.windowMs, this.limit.maxFailures, member]);
  }

  keyOf(address: string): string {
    return `${this.options.prefix}:auth-failures:${address}`;
  }

  private async run(script: Script, address: string, args: (string | number)[]): Promise<RateLimitDecision> {
    const { redis } = this.options;
    // While Redis is away a command would wait for the reconnection: serve the request instead.
    if (UNREACHABLE.has(redis.status)) return { kind: 'allowed' };
    try {
      const reply = await this.evaluate(script, this.keyOf(address), args);
      const [now, ...flat] = reply.map(Number);
      const times = flat.filter((_, index) => index % 2 === 1);
      return rateLimitDecision(times, now as number, this.limit);
    } catch (error) {
      this.options.onError?.(error);
      return { kind: 'allowed' };
    }
  }

  private async evaluate(script: Script, key: string, args: (string | number)[]): Promise<string[]> {
    const { redis } = this.options;
    try {
      return (await redis.evalsha(script.sha, 1, key, ...args)) as string[];
    } catch (error) {
      // A Redis error reply starts with its code; NOSCRIPT: this server has not seen the script yet.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return (await redis.eval(script.body, 1, key, ...args)) as string[];
    }
  }
}
