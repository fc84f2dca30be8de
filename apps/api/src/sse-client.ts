import type { Response } from 'express';
import type { Logger } from 'pino';
import {
  compareStreamIds,
  formatEventId,
  type EventFeed,
  type FeedSubscriber,
  type StreamedEvent,
} from '@orchestrator/events';

export interface SseClientOptions {
  /** Only `process` events of this process (and `reset`). */
  processId: string | null;
  /** Unsent bytes a client may have before it is cut off: a slow client is never buffered without bound. */
  maxBufferedBytes: number;
  /** Live events held for a client while its history is replayed. */
  maxHeldEvents: number;
  logger: Logger;
}

const REPLAY_PAGE = 500;

/**
 * One client of `GET /api/events`: replays what it missed, then writes each live event as it comes. Writes
 * never wait: when the socket's unsent data passes `maxBufferedBytes` the client is cut off (it reconnects
 * with `Last-Event-ID` and pages through the history at its own pace).
 */
export class SseClient implements FeedSubscriber {
  private replaying = true;
  private held: StreamedEvent[] = [];
  private lastSentId: string | null = null;
  private closed = false;

  constructor(
    private readonly res: Response,
    private readonly options: SseClientOptions,
  ) {
    res.on('close', () => {
      this.closed = true;
      this.held = [];
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  deliver(events: readonly StreamedEvent[], epoch: string): void {
    if (this.closed) return;
    const wanted = events.filter((event) => this.wants(event));
    if (wanted.length === 0) return;
    if (this.replaying) {
      this.held.push(...wanted);
      if (this.held.length > this.options.maxHeldEvents) this.cutOff('too many events while replaying its history');
      return;
    }
    this.send(wanted, epoch);
  }

  reset(epoch: string, tailId: string): void {
    this.write(`id: ${formatEventId(epoch, tailId)}\nevent: reset\ndata: {}\n\n`);
    this.lastSentId = tailId;
  }

  keepAlive(): void {
    this.write(': keep-alive\n\n');
  }

  /** Pages through the history after `afterId`, waiting for the socket to drain between pages. */
  async replay(feed: EventFeed, afterId: string, epoch: string): Promise<void> {
    let after = afterId;
    while (!this.closed) {
      const page = await feed.history(after, REPLAY_PAGE);
      this.send(
        page.filter((event) => this.wants(event)),
        epoch,
      );
      const last = page[page.length - 1];
      if (!last) break;
      after = last.streamId;
      this.lastSentId = after;
      if (page.length < REPLAY_PAGE) break;
      if (this.res.writableNeedDrain) await this.drained();
    }
  }

  /** After the replay: the live events held meanwhile that the replay did not already send, then live. */
  goLive(epoch: string): void {
    const held = this.held;
    this.held = [];
    this.replaying = false;
    const after = this.lastSentId;
    this.send(
      held.filter((event) => after === null || compareStreamIds(event.streamId, after) > 0),
      epoch,
    );
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }

  private wants(event: StreamedEvent): boolean {
    return this.options.processId === null || event.processId === this.options.processId;
  }

  /** One write per batch: one system call for many events. */
  private send(events: readonly StreamedEvent[], epoch: string): void {
    const last = events[events.length - 1];
    if (!last) return;
    let chunk = '';
    for (const event of events) {
      chunk += `id: ${formatEventId(epoch, event.streamId)}\nevent: ${event.type}\ndata: ${event.json}\n\n`;
    }
    this.write(chunk);
    this.lastSentId = last.streamId;
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.cutOff('it does not read fast enough');
      return;
    }
    this.res.write(chunk);
  }

  private cutOff(reason: string): void {
    this.options.logger.warn({ reason, buffered: this.res.writableLength }, 'live events: client cut off');
    this.closed = true;
    this.held = [];
    this.res.destroy();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}
