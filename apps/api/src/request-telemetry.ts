import { randomUUID } from 'node:crypto';
import type { RequestHandler, Request } from 'express';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { withLogContext } from '@orchestrator/runtime';
import { HTTP_DURATION, HTTP_REQUESTS, TRACER_NAME, type MetricDeltas } from '@orchestrator/telemetry';

export interface RequestTelemetryOptions {
  /** This replica's HTTP counters, flushed to Redis with the rest. */
  deltas: MetricDeltas;
  /** Where each router is mounted, to name a request by its route pattern (`/api/processes/:id`). */
  mounts: readonly string[];
  /** A span per request (tracing on). */
  tracing: boolean;
}

// A request id from the client is kept when it is printable and short; anything else is replaced.
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * Per request (ENGINE.md 12.3 and 12.1): the `X-Request-Id` (taken from the request or made up, echoed in the
 * answer, in every log line written while the request runs), the HTTP counters by route pattern, and with
 * tracing on a server span (parented on an incoming `traceparent`) in which the request runs.
 */
export function requestTelemetry(options: RequestTelemetryOptions): RequestHandler {
  const requests = options.deltas.counter(HTTP_REQUESTS);
  const durations = options.deltas.histogram(HTTP_DURATION);
  const tracer = trace.getTracer(TRACER_NAME);
  const mounts = [...options.mounts].sort((a, b) => b.length - a.length);

  return (req, res, next) => {
    const sent = req.get('x-request-id');
    const requestId = sent !== undefined && REQUEST_ID.test(sent) ? sent : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const span = options.tracing
      ? tracer.startSpan(
          req.method,
          {
            kind: SpanKind.SERVER,
            attributes: {
              'http.request.method': req.method,
              'url.path': req.path,
              'orchestrator.request_id': requestId,
            },
          },
          propagation.extract(ROOT_CONTEXT, req.headers),
        )
      : undefined;

    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const route = routeOf(req, mounts);
      const status = res.headersSent ? res.statusCode : 499;
      requests.inc([route, req.method, String(status)]);
      durations.observe([route, req.method], Number(process.hrtime.bigint() - started) / 1e9);
      if (span) {
        span.updateName(`${req.method} ${route}`);
        span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    };
    res.once('finish', record);
    res.once('close', record);

    const run = () => withLogContext({ requestId }, next);
    if (span) context.with(trace.setSpan(context.active(), span), run);
    else run();
  };
}

/** The route pattern that answered (`/api/processes/:id`), or `unmatched`: never the raw path (ids, tokens). */
function routeOf(req: Request, mounts: readonly string[]): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  const path = req.originalUrl.split('?')[0] ?? '';
  const mount = mounts.find((prefix) => path === prefix || path.startsWith(`${prefix}/`)) ?? '';
  const joined = `${mount}${pattern === '/' ? '' : pattern}`;
  return joined === '' ? '/' : joined;
}
