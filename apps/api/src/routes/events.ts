import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { EventFeed, EventTickets, TicketHolder } from '@orchestrator/events';
import { ApiError } from '../api-error';
import { isUuid } from '../request-input';
import { SseClient } from '../sse-client';

/** Who is calling; today the `X-User` actor (actorOf), the authenticated principal once authentication exists. */
export type CallerOf = (req: Request) => TicketHolder;

export interface LiveEventRoutesDeps {
  feed: EventFeed;
  tickets: EventTickets;
  callerOf: CallerOf;
  logger: Logger;
  /** The comment line that keeps connections open: every 15 s (ENGINE.md 11.4); tests shorten it. */
  keepAliveMs?: number;
  /** Unsent bytes after which a slow client is cut off. */
  maxBufferedBytes?: number;
}

/** The live clients of this replica; `close()` ends them all (before the HTTP server closes). */
export interface LiveEventRoutes {
  router: Router;
  readonly clientCount: number;
  close(): Promise<void>;
}

/** `GET /api/events` (Server-Sent Events) and `POST /api/events/ticket` (ENGINE.md 11.4). */
export function liveEventRoutes(deps: LiveEventRoutesDeps): LiveEventRoutes {
  const router = Router();
  const clients = new Set<SseClient>();
  const keepAlive = setInterval(() => {
    for (const client of clients) client.keepAlive();
  }, deps.keepAliveMs ?? 15_000);
  keepAlive.unref();

  // Role: read (ENGINE.md 10.6). A browser's EventSource then opens GET /api/events?ticket=<ticket>.
  router.post('/ticket', async (req, res) => {
    res.status(201).json(await deps.tickets.issue(deps.callerOf(req)));
  });

  // Role: read (ENGINE.md 10.6). With `?ticket=` the single-use ticket is the credential: the authentication
  // middleware lets such a request through to this route, which redeems the ticket.
  router.get('/', async (req, res) => {
    const { processId, ticket } = eventQuery(req);
    const caller = ticket === null ? deps.callerOf(req) : await redeem(deps.tickets, ticket, res);
    const lastEventId = req.get('last-event-id') ?? stringParam(req.query.lastEventId);
    const client = new SseClient(res, {
      processId,
      maxBufferedBytes: deps.maxBufferedBytes ?? 1024 * 1024,
      maxHeldEvents: 10_000,
      logger: deps.logger,
    });
    res.on('close', () => {
      clients.delete(client);
      deps.feed.leave(client);
    });
    // Joined before the stream opens: a browser refetches what its pages show when its EventSource opens
    // (apps/ui live.ts), so every event after that refetch must reach it. A feed that cannot start is a 503.
    await deps.feed.join(client);
    if (client.isClosed) {
      deps.feed.leave(client);
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Proxies such as nginx must pass each event on at once.
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    clients.add(client);
    deps.logger.debug({ caller: caller.name, processId, lastEventId }, 'live events: client connected');
    try {
      const { epoch } = deps.feed;
      if (lastEventId !== undefined) {
        const resume = await deps.feed.resumePoint(lastEventId);
        if (resume.kind === 'replay') await client.replay(deps.feed, resume.afterId, epoch);
        else client.reset(epoch, deps.feed.tailId);
      }
      client.goLive(epoch);
    } catch (error) {
      deps.logger.warn({ err: error }, 'live events: the stream cannot be read; closing the client');
      client.end();
    }
  });

  return {
    router,
    get clientCount() {
      return clients.size;
    },
    async close() {
      clearInterval(keepAlive);
      for (const client of clients) client.end();
      clients.clear();
      await deps.feed.stop();
    },
  };
}

const TICKET_CHALLENGE = 'Bearer realm="orchestrator", error="invalid_token"';

async function redeem(tickets: EventTickets, ticket: string, res: Response): Promise<TicketHolder> {
  const holder = await tickets.redeem(ticket);
  if (holder) return holder;
  res.set('WWW-Authenticate', TICKET_CHALLENGE);
  throw new ApiError('UNAUTHENTICATED', 'the ticket is unknown, used already or expired: ask for a new one');
}

function eventQuery(req: Request): { processId: string | null; ticket: string | null } {
  const allowed = new Set(['processId', 'ticket', 'lastEventId']);
  const unknown = Object.keys(req.query).filter((name) => !allowed.has(name));
  if (unknown.length > 0) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'invalid query parameters',
      unknown.map((name) => ({ path: name, message: 'unknown parameter' })),
    );
  }
  const processId = stringParam(req.query.processId);
  if (processId !== undefined && !isUuid(processId)) {
    throw new ApiError('VALIDATION_FAILED', 'invalid query parameters', [
      { path: 'processId', message: 'must be a process id (a UUID)' },
    ]);
  }
  return { processId: processId?.toLowerCase() ?? null, ticket: stringParam(req.query.ticket) ?? null };
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
