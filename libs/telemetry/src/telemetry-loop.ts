import type { ChainableCommander, Redis } from 'ioredis';
import type { EngineLogger } from '@orchestrator/engine';

/** Something that sends to Redis now and then: it queues commands, then is told how they went. */
export interface TelemetryPart {
  /** Queues its commands; the returned function gets the results of the whole pipeline and where its own start. */
  addTo(pipeline: ChainableCommander): ((results: [Error | null, unknown][] | null, offset: number) => void) | void;
}

/**
 * Sends the heartbeat and the metric increments of this process to Redis every interval, in one pipeline,
 * off the hot path. A failure (Redis away) is logged once until a flush succeeds again; the parts keep what
 * was not taken.
 */
export class TelemetryLoop {
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly intervalMs: number,
    private readonly parts: readonly TelemetryPart[],
    private readonly logger: EngineLogger,
  ) {}

  start(): void {
    void this.flush();
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer after a last flush, which waits at most `timeoutMs` (Redis may be away). */
  async stop(timeoutMs = 2000): Promise<void> {
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs).unref()));
    await Promise.race([this.flush(), late]);
    clearTimeout(timer);
  }

  /** One flush; concurrent calls share it. */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const pipeline = this.redis.pipeline();
    const settlers: { settle: (results: [Error | null, unknown][] | null, offset: number) => void; offset: number }[] =
      [];
    for (const part of this.parts) {
      const offset = pipeline.length;
      const settle = part.addTo(pipeline);
      if (settle) settlers.push({ settle, offset });
    }
    let results: [Error | null, unknown][] | null = null;
    try {
      results = await pipeline.exec();
      if (this.failing) this.logger.info({}, 'telemetry reaches Redis again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'telemetry could not reach Redis; keeping the counts');
      this.failing = true;
    } finally {
      for (const { settle, offset } of settlers) settle(results, offset);
    }
  }
}
