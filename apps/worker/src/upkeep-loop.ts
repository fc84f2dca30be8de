import type { Logger } from 'pino';

export interface Chore {
  name: string;
  run(): Promise<void>;
}

/**
 * Runs each chore every interval on this worker (next run scheduled after the last one ended). A chore that
 * fails while PostgreSQL or Redis is out fails every interval: that is logged once, and once when it
 * works again.
 */
export class UpkeepLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly failing = new Set<string>();

  constructor(
    private readonly chores: readonly Chore[],
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.next();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private next(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.next();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    for (const chore of this.chores) {
      if (this.stopped) return;
      try {
        await chore.run();
        if (this.failing.delete(chore.name)) this.logger.info({ chore: chore.name }, 'upkeep works again');
      } catch (error) {
        if (!this.failing.has(chore.name)) {
          this.logger.warn({ err: error, chore: chore.name }, 'upkeep failed; retrying every interval');
        }
        this.failing.add(chore.name);
      }
    }
  }
}
