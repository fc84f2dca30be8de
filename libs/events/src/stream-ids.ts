/** Redis stream ids are `<ms>-<seq>`; ours on the wire are `<epoch>:<ms>-<seq>`. */
const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;

export function isStreamId(value: string): boolean {
  return STREAM_ID.test(value);
}

/** Negative when a is before b. Both must be stream ids. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}

export function formatEventId(epoch: string, streamId: string): string {
  return `${epoch}:${streamId}`;
}

/** The epoch and stream id of a `Last-Event-ID`, or null when it is not one of ours. */
export function parseEventId(value: string): { epoch: string; streamId: string } | null {
  const at = value.indexOf(':');
  if (at <= 0) return null;
  const epoch = value.slice(0, at);
  const streamId = value.slice(at + 1);
  return /^[0-9a-f]{1,32}$/.test(epoch) && isStreamId(streamId) ? { epoch, streamId } : null;
}
