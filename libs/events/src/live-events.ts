/** A process as its live event shows it (ENGINE.md 11.4); `deleted` only on the event of its deletion. */
export interface ProcessEventData {
  id: string;
  workflowName: string;
  status: string;
  lastStep: string | null;
  /** ISO-8601 UTC, as the process detail shows it. */
  lastModifiedAt: string;
  deleted?: true;
}

export interface SubscriptionEventData {
  id: string;
  status: string;
  insync: boolean;
  version: number;
}

/** As `GET /api/processes/status-counts`. */
export interface ProcessStatusCountsData {
  processCounts: Record<string, number>;
  taskCounts: Record<string, number>;
}

/** As `GET /api/settings/status`. */
export interface EngineStatusData {
  globalLock: boolean;
  globalStatus: string;
  runningProcesses: number;
}

/** Every event a live client receives; `type` is the SSE event name. */
export type LiveEvent =
  | { readonly type: 'process'; readonly data: ProcessEventData }
  | { readonly type: 'subscription'; readonly data: SubscriptionEventData }
  | { readonly type: 'processStatusCounts'; readonly data: ProcessStatusCountsData }
  | { readonly type: 'engineStatus'; readonly data: EngineStatusData };

export type LiveEventType = LiveEvent['type'];

/** An event as the feed read it from the stream: its stream id and its JSON, never parsed on the way through. */
export interface StreamedEvent {
  readonly streamId: string;
  readonly type: string;
  readonly json: string;
  /** The process a `process` event is about (for the `?processId=` filter). */
  readonly processId: string | null;
}

// Events are kept for an hour and at least this many (approximate trimming keeps at least as many).
export const EVENT_HISTORY_MAX = 100_000;
export const EVENT_HISTORY_MS = 3_600_000;

/** The Redis keys of the live events, under the queue prefix (a Redis Cluster hash tag by default). */
export function eventKeys(prefix: string) {
  return {
    stream: `${prefix}:events`,
    /** Changes whenever the stream's history is lost (a Redis that restarted empty): clients then get reset. */
    epoch: `${prefix}:events:epoch`,
    ticket: (hash: string) => `${prefix}:events:ticket:${hash}`,
    /** Which API replica publishes the derived events (counts, engine status) this second. */
    derivedTurn: `${prefix}:events:derived-turn`,
  };
}
