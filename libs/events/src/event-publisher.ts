import type { Redis } from 'ioredis';
import type { EngineLogger } from '@orchestrator/engine';
import { EVENT_HISTORY_MAX, EVENT_HISTORY_MS, eventKeys, type LiveEvent } from './live-events';

const ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * Appends live events to the Redis stream. `publish` sends the XADD at once and does not wait for it: a
 * command sent after it on the same connection (the step queue's add) reaches Redis after it, so that a
 * process's events stay in order across workers. A failed append is counted and logged once a minute, never
 * thrown: live events must not fail a step or a request.
 */
export class EventPublisher {
  private readonly key: string;
  private failures = 0;
  private corked = false;
  private lastErrorLog = 0;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: EngineLogger,
  ) {
    this.key = eventKeys(prefix).stream;
  }

  publish(event: LiveEvent): void {
    this.coalesceWrites();
    const args = [
      this.key,
      'MAXLEN',
      '~',
      String(EVENT_HISTORY_MAX),
      '*',
      't',
      event.type,
      'd',
      JSON.stringify(event.data),
    ];
    if (event.type === 'process') args.push('p', event.data.id);
    this.redis.call('XADD', ...args).catch((error: unknown) => this.failed(error));
  }

  /**
   * Holds the connection's writes until the end of this turn of the event loop, so that the XADD leaves in
   * one system call with what the caller sends right after it (the next step's job, the finished job's
   * move): on the CPU-bound step path a write costs more than the command. Order on the connection is kept.
   */
  private coalesceWrites(): void {
    if (this.corked) return;
    const stream = (this.redis as unknown as { stream?: { cork?(): void; uncork?(): void } }).stream;
    if (!stream?.cork || !stream.uncork) return;
    this.corked = true;
    stream.cork();
    setImmediate(() => {
      this.corked = false;
      stream.uncork?.();
    });
  }

  /** Drops what is older than the replay window; run now and then (worker heartbeats), not per event. */
  async trimHistory(now = Date.now()): Promise<void> {
    await this.redis.call('XTRIM', this.key, 'MINID', '~', String(now - EVENT_HISTORY_MS));
  }

  /** Appends failed since start. */
  get failedAppends(): number {
    return this.failures;
  }

  private failed(error: unknown): void {
    this.failures += 1;
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.logger.warn({ err: error, failedAppends: this.failures }, 'live events could not be published');
  }
}
