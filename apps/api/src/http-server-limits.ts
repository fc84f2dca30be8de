import type { Server } from 'node:http';

/** How long the API waits for a client, and how many connections it holds at once (ENGINE.md 15.3). */
export interface HttpServerLimits {
  /** The request line and headers must have arrived this long after the request began (else 408, closed). */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived this long after it began (else 408, closed). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long without a new request. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this many are dropped at once, so that stuck clients cannot use up memory or files. */
  maxConnections: number;
  /** How often Node looks for requests past their time-outs: a late request is closed within one period more. */
  checkIntervalMs: number;
}

/**
 * A request whose headers or body do not arrive is answered 408 and closed within 30 s (a time-out plus one
 * check period), well inside the contract's 60 s. The keep-alive time-out stays under 60 s too; a load
 * balancer in front must close idle connections to the API sooner than that (its idle time-out below 30 s),
 * or it may send a request on a connection the API is closing. 1,024 connections leave room for hundreds of
 * stuck clients and the real ones; replicas add to it. There is no socket inactivity time-out: a long answer
 * (a live event stream) keeps its connection.
 */
export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 25_000,
  keepAliveTimeoutMs: 30_000,
  maxConnections: 1024,
  checkIntervalMs: 5_000,
};

/**
 * Applies the limits to the API's HTTP server. Call it before the server emits `listening` (right after
 * `listen()` returns is fine): Node starts its time-out checks with the period it finds then; later, Node's
 * default period of 30 s applies, and the time-outs above still keep a stuck request under 60 s.
 */
export function applyHttpServerLimits(server: Server, limits: HttpServerLimits = DEFAULT_HTTP_SERVER_LIMITS): Server {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // An option of http.createServer that Node reads when the server starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = limits.checkIntervalMs;
  return server;
}
