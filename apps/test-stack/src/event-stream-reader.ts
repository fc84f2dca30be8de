import { waitFor } from '@orchestrator/testing';

/** One Server-Sent Event as a client sees it. */
export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface EventStreamReader {
  status: number;
  headers: Headers;
  /** Every event received so far, in order. */
  events: ReceivedEvent[];
  /** Comment lines (keep-alives) received so far. */
  comments(): number;
  /** Waits for an event that matches, among those received and those to come. */
  next(matches: (event: ReceivedEvent) => boolean, what: string, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `GET url` as an event stream (what a browser's EventSource does) and parses what arrives. */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: ReceivedEvent[] = [];
  let comments = 0;
  let buffer = '';
  const parse = () => {
    let start = 0;
    let end: number;
    while ((end = buffer.indexOf('\n\n', start)) >= 0) {
      const block = buffer.slice(start, end);
      start = end + 2;
      const event: ReceivedEvent = { id: undefined, event: 'message', data: '' };
      let fields = 0;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments += 1;
        const at = line.indexOf(':');
        if (at <= 0) continue;
        const name = line.slice(0, at);
        const value = line.slice(at + 1).replace(/^ /, '');
        if (name === 'id') event.id = value;
        else if (name === 'event') event.event = value;
        else if (name === 'data') event.data = event.data === '' ? value : `${event.data}\n${value}`;
        else continue;
        fields += 1;
      }
      if (fields > 0 && (event.data !== '' || event.event !== 'message')) events.push(event);
    }
    buffer = buffer.slice(start);
  };
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        parse();
      }
    } catch {
      // aborted by close(), or cut off by the server
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    events,
    comments: () => comments,
    async next(matches, what, timeoutMs = 15000) {
      return waitFor(() => events.find(matches), { what, timeoutMs, intervalMs: 20 });
    },
    ended,
    close: () => abort.abort(),
  };
}
