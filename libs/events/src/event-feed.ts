import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { EngineLogger } from '@orchestrator/engine';
import { eventKeys, type StreamedEvent } from './live-events';
import { compareStreamIds, parseEventId } from './stream-ids';

/** A live client of this replica, as the feed sees it. */
export interface FeedSubscriber {
  /** A batch of events as read, oldest first. */
  deliver(events: readonly StreamedEvent[], epoch: string): void;
  /** The history was lost (Redis came back empty): what the client knows may be stale. */
  reset(epoch: string, tailId: string): void;
}

/** Where a client that sent `Last-Event-ID` goes on from. */
export type ResumePoint = { readonly kind: 'replay'; readonly afterId: string } | { readonly kind: 'reset' };

export interface EventFeedOptions {
  /** For reads and the epoch; the feed's blocking reads get a connection of their own from `connect`. */
  redis: Redis;
  connect(): Redis;
  prefix: string;
  logger: EngineLogger;
  /** Every batch read from the stream, before it reaches the subscribers (the derived events watch it). */
  onEvents?(events: readonly StreamedEvent[]): void;
  /** Runs the reader loop detached from the request that starts it (its log context and span). */
  detach?<T>(fn: () => T): T;
  /** How long the reader keeps reading after the last subscriber left. */
  lingerMs?: number;
  blockMs?: number;
}

const PAGE = 500;

/**
 * One reader of the event stream per API replica, started by the first live client and stopped a while
 * after the last left, fanning each event out to this replica's clients; clients that reconnect with
 * `Last-Event-ID` page through the history first (`resumePoint`, `history`).
 */
export class EventFeed {
  private readonly keys: ReturnType<typeof eventKeys>;
  private readonly subscribers = new Set<FeedSubscriber>();
  private reading: Promise<void> | undefined;
  private starting: Promise<void> | undefined;
  private blocking: Redis | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private position = '0-0';
  private currentEpoch = '';

  constructor(private readonly options: EventFeedOptions) {
    this.keys = eventKeys(options.prefix);
  }

  get epoch(): string {
    return this.currentEpoch;
  }

  /** The id of the last entry the reader has passed on. */
  get tailId(): string {
    return this.position;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Adds a subscriber; it gets every event appended after this resolves. */
  async join(subscriber: FeedSubscriber): Promise<void> {
    clearTimeout(this.lingerTimer);
    if (!this.reading || this.stopped) {
      await this.reading;
      this.starting ??= this.startReading().finally(() => (this.starting = undefined));
      await this.starting;
    }
    this.subscribers.add(subscriber);
  }

  private async startReading(): Promise<void> {
    this.currentEpoch = await this.ensureEpoch();
    this.position = (await this.streamInfo())?.lastGeneratedId ?? '0-0';
    this.stopped = false;
    const loop = () => this.readLoop().finally(() => (this.reading = undefined));
    this.reading = this.options.detach ? this.options.detach(loop) : loop();
  }

  leave(subscriber: FeedSubscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size > 0 || !this.reading) return;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => void this.stopReading(), this.options.lingerMs ?? 30_000);
    this.lingerTimer.unref();
  }

  /** Whether everything after `lastEventId` is still in the history. */
  async resumePoint(lastEventId: string): Promise<ResumePoint> {
    const parsed = parseEventId(lastEventId);
    if (!parsed || parsed.epoch !== this.currentEpoch) return { kind: 'reset' };
    const info = await this.streamInfo();
    if (!info) return { kind: 'reset' };
    const { streamId } = parsed;
    const newest = compareStreamIds(streamId, info.lastGeneratedId);
    if (newest > 0) return { kind: 'reset' };
    if (newest === 0) return { kind: 'replay', afterId: streamId };
    // Trimming removes the oldest entries: all after the client's id are there when the oldest left is not
    // after it. (XDEL, which we never use, would show in max-deleted-entry-id.)
    if (info.firstId === null || compareStreamIds(info.firstId, streamId) > 0) return { kind: 'reset' };
    if (compareStreamIds(streamId, info.maxDeletedId) < 0) return { kind: 'reset' };
    return { kind: 'replay', afterId: streamId };
  }

  /** Up to `count` events after `afterId`, oldest first. */
  async history(afterId: string, count = PAGE): Promise<StreamedEvent[]> {
    const reply = (await this.options.redis.call(
      'XRANGE',
      this.keys.stream,
      `(${afterId}`,
      '+',
      'COUNT',
      String(count),
    )) as RawEntry[] | null;
    return (reply ?? []).map(toStreamedEvent);
  }

  async stop(): Promise<void> {
    clearTimeout(this.lingerTimer);
    this.subscribers.clear();
    await this.stopReading();
  }

  private async stopReading(): Promise<void> {
    this.stopped = true;
    this.blocking?.disconnect();
    await this.reading;
  }

  private async readLoop(): Promise<void> {
    const blocking = this.options.connect();
    this.blocking = blocking;
    // A reconnect re-sends the blocked read; a Redis that came back empty has another epoch by then.
    let connectedBefore = false;
    blocking.on('ready', () => {
      if (connectedBefore) void this.checkEpoch().catch(() => undefined);
      connectedBefore = true;
    });
    try {
      while (!this.stopped) {
        try {
          const reply = (await blocking.call(
            'XREAD',
            'COUNT',
            '1000',
            'BLOCK',
            String(this.options.blockMs ?? 5000),
            'STREAMS',
            this.keys.stream,
            this.position,
          )) as [string, RawEntry[]][] | null;
          const entries = reply?.[0]?.[1] ?? [];
          if (entries.length === 0) continue;
          const events = entries.map(toStreamedEvent);
          this.position = events[events.length - 1]?.streamId ?? this.position;
          this.options.onEvents?.(events);
          for (const subscriber of this.subscribers) subscriber.deliver(events, this.currentEpoch);
        } catch (error) {
          if (this.stopped) return;
          this.options.logger.warn({ err: error }, 'live events: reading the stream failed; retrying');
          await new Promise((resolve) => setTimeout(resolve, 1000).unref());
          await this.checkEpoch().catch(() => undefined);
        }
      }
    } finally {
      blocking.disconnect();
      this.blocking = undefined;
    }
  }

  /** After a lost connection: a Redis that came back empty has a new epoch, and every client is reset. */
  private async checkEpoch(): Promise<void> {
    const epoch = await this.ensureEpoch();
    if (epoch === this.currentEpoch) return;
    this.currentEpoch = epoch;
    this.position = '0-0';
    for (const subscriber of this.subscribers) subscriber.reset(epoch, this.position);
  }

  private async ensureEpoch(): Promise<string> {
    const { redis } = this.options;
    await redis.set(this.keys.epoch, randomBytes(6).toString('hex'), 'NX');
    const epoch = await redis.get(this.keys.epoch);
    if (!epoch) throw new Error('live events: the stream epoch vanished while it was being read');
    return epoch;
  }

  private async streamInfo(): Promise<{
    lastGeneratedId: string;
    maxDeletedId: string;
    firstId: string | null;
  } | null> {
    let reply: unknown[];
    try {
      reply = (await this.options.redis.call('XINFO', 'STREAM', this.keys.stream)) as unknown[];
    } catch (error) {
      if (/no such key/i.test(String((error as Error).message))) return null;
      throw error;
    }
    const field = (name: string) => {
      const at = reply.indexOf(name);
      return at >= 0 ? String(reply[at + 1]) : '0-0';
    };
    const first = reply[reply.indexOf('first-entry') + 1];
    return {
      lastGeneratedId: field('last-generated-id'),
      maxDeletedId: field('max-deleted-entry-id'),
      firstId: Array.isArray(first) && typeof first[0] === 'string' ? first[0] : null,
    };
  }
}

type RawEntry = [string, string[]];

function toStreamedEvent([streamId, fields]: RawEntry): StreamedEvent {
  let type = '';
  let json = 'null';
  let processId: string | null = null;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] as string;
    switch (fields[i]) {
      case 't':
        type = value;
        break;
      case 'd':
        json = value;
        break;
      case 'p':
        processId = value;
        break;
    }
  }
  return { streamId, type, json, processId };
}
