import type { Redis } from 'ioredis';
import type { EngineLogger } from '@orchestrator/engine';
import type { EventPublisher } from './event-publisher';
import { eventKeys, type EngineStatusData, type ProcessStatusCountsData, type StreamedEvent } from './live-events';

export interface DerivedEventsOptions {
  redis: Redis;
  prefix: string;
  publisher: EventPublisher;
  statusCounts(): Promise<ProcessStatusCountsData>;
  engineStatus(): Promise<EngineStatusData>;
  logger: EngineLogger;
  intervalMs?: number;
}

/**
 * The events no single write announces: `processStatusCounts` (at most once a second, when process events
 * came and the counts changed) and `engineStatus` while the engine is PAUSING (it becomes PAUSED when the
 * last step in hand finishes, on whichever worker). Every replica with live clients watches the stream; the
 * one that takes this second's turn in Redis queries PostgreSQL and appends the event, so the query runs once
 * a second at most across replicas, and every event has its place (and id) in the stream.
 */
export class DerivedEvents {
  private processActivity = false;
  private lastCountsJson: string | null = null;
  private lastGlobalStatus: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly turnKey: string;

  constructor(private readonly options: DerivedEventsOptions) {
    this.turnKey = eventKeys(options.prefix).derivedTurn;
  }

  /** Fed with every batch the replica's feed reads. */
  observe(events: readonly StreamedEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'process':
          this.processActivity = true;
          break;
        case 'processStatusCounts':
          this.lastCountsJson = event.json;
          break;
        case 'engineStatus':
          this.lastGlobalStatus = (JSON.parse(event.json) as EngineStatusData).globalStatus;
          break;
      }
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.ticking ??= this.tick()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'live events: derived events failed'))
        .finally(() => (this.ticking = undefined));
    }, this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  async tick(): Promise<void> {
    const countsDue = this.processActivity;
    const pausing = this.lastGlobalStatus === 'PAUSING';
    if (!countsDue && !pausing) return;
    const interval = this.options.intervalMs ?? 1000;
    // Another replica's turn: keep the activity, this replica tries again next tick if nobody published.
    if ((await this.options.redis.set(this.turnKey, '1', 'PX', interval, 'NX')) !== 'OK') return;
    if (countsDue) {
      this.processActivity = false;
      const counts = await this.options.statusCounts();
      const json = JSON.stringify(counts);
      if (json !== this.lastCountsJson) {
        this.lastCountsJson = json;
        this.options.publisher.publish({ type: 'processStatusCounts', data: counts });
      }
    }
    if (pausing) {
      const status = await this.options.engineStatus();
      if (status.globalStatus !== this.lastGlobalStatus) {
        this.lastGlobalStatus = status.globalStatus;
        this.options.publisher.publish({ type: 'engineStatus', data: status });
      }
    }
  }
}
