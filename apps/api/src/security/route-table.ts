import type { Role } from '@orchestrator/auth';

/**
 * Who may call a route (ENGINE.md 10.1 and 10.6): nobody needs a credential (`public`), the callback token in
 * the path authenticates (`callback-token`), a role (each includes the ones before it: read ⊂ operate ⊂
 * admin), or nobody at all (`refused`: Bull Board's buttons that would bypass the engine). `ticket-or-read`:
 * the read role, or (a browser's EventSource, which cannot send headers) a single-use `?ticket=` the route
 * redeems itself (ENGINE.md 11.4).
 */
export type RouteAccess = 'public' | 'callback-token' | 'ticket-or-read' | Role | 'refused';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | '*';

export interface RouteRule {
  method: RouteMethod;
  /** As Express writes it: `/api/processes/:id/abort`; a last segment `*` matches the rest (a mounted app). */
  path: string;
  access: RouteAccess;
  /** The audit trail's name for what the route does (`process.abort`): the action of its rows, allowed or denied. */
  action: string;
  /** A browser opens it itself (Bull Board, later the UI): its 401 also offers Basic, so the browser asks. */
  browser?: boolean;
}

const route = (
  method: RouteMethod,
  path: string,
  access: RouteAccess,
  action: string,
  options: { browser?: boolean } = {},
): RouteRule => ({ method, path, access, action, ...options });

/**
 * EVERY route of the API, with the role it needs. A request whose route is not here never reaches a handler:
 * it is answered 401 without a credential and 404 with one, whatever router would have taken it, and
 * route-table.int.test.ts fails for a registered route without its line. Adding a route: register the handler
 * in routes/ as usual, add its line here (a GET is `read` unless it shows secrets; a change is `operate` or
 * `admin` as ENGINE.md 10.6 says), and hand `auditOf(req)` to the writer that makes the change (README).
 */
export const ROUTE_TABLE: readonly RouteRule[] = [
  route('GET', '/health/live', 'public', 'health.live'),
  route('GET', '/health/ready', 'public', 'health.ready'),
  route('GET', '/api/openapi.json', 'public', 'docs.openapi'),
  route('GET', '/api/docs', 'public', 'docs.page'),
  route('GET', '/api/docs/*', 'public', 'docs.assets'),
  // The operator UI's static shell: no data in it (each page reads the API with the user's credential).
  route('GET', '/ui/*', 'public', 'ui.shell'),

  route('GET', '/api/processes', 'read', 'processes.list'),
  route('GET', '/api/processes/status-counts', 'read', 'processes.status-counts'),
  route('GET', '/api/processes/:id', 'read', 'process.read'),
  route('PATCH', '/api/processes/:id', 'operate', 'process.note'),
  route('POST', '/api/processes/bulk', 'operate', 'processes.bulk'),
  route('POST', '/api/processes/:workflowName', 'operate', 'process.start'),
  route('PUT', '/api/processes/resume-all', 'operate', 'processes.resume-all'),
  route('PUT', '/api/processes/:id/resume', 'operate', 'process.resume'),
  route('PUT', '/api/processes/:id/abort', 'operate', 'process.abort'),
  route('POST', '/api/processes/:id/migrate', 'admin', 'process.migrate'),
  route('DELETE', '/api/processes/:id', 'admin', 'process.delete'),
  route('POST', '/api/processes/:id/callback/:token', 'callback-token', 'process.callback'),
  route('POST', '/api/processes/:id/callback/:token/progress', 'callback-token', 'process.callback-progress'),

  route('GET', '/api/workflows', 'read', 'workflows.list'),
  route('GET', '/api/subscriptions', 'read', 'subscriptions.list'),
  route('GET', '/api/subscriptions/:id', 'read', 'subscription.read'),
  route('GET', '/api/subscriptions/:id/workflows', 'read', 'subscription.workflows'),
  route('PUT', '/api/subscriptions/:id/set-in-sync', 'admin', 'subscription.set-in-sync'),
  route('GET', '/api/products', 'read', 'products.list'),
  route('GET', '/api/products/:id', 'read', 'product.read'),
  route('PATCH', '/api/products/:id', 'admin', 'product.update'),
  route('GET', '/api/product-blocks', 'read', 'product-blocks.list'),
  route('GET', '/api/resource-types', 'read', 'resource-types.list'),
  route('GET', '/api/schedules', 'read', 'schedules.list'),
  route('PUT', '/api/schedules/:name', 'admin', 'schedule.change'),
  route('GET', '/api/events', 'ticket-or-read', 'events.read'),
  route('POST', '/api/events/ticket', 'read', 'events.ticket'),
  route('GET', '/api/metrics', 'read', 'metrics.read'),
  route('GET', '/metrics', 'read', 'metrics.read'),
  route('GET', '/api/settings/workers', 'read', 'workers.list'),

  route('GET', '/api/settings/status', 'read', 'engine.status'),
  route('PUT', '/api/settings/status', 'admin', 'engine.pause'),

  route('GET', '/api/me', 'read', 'me.read'),
  route('GET', '/api/api-keys', 'admin', 'api-keys.list'),
  route('POST', '/api/api-keys', 'admin', 'api-key.create'),
  route('DELETE', '/api/api-keys/:id', 'admin', 'api-key.revoke'),
  route('GET', '/api/audit-events', 'admin', 'audit-events.list'),

  // Bull Board: to look at the queue only. Retrying, promoting, cleaning or removing a job would bypass the
  // engine (the process row is the truth), so every other method is refused, whatever the role.
  route('GET', '/admin/queues/*', 'read', 'queues.read', { browser: true }),
  route('*', '/admin/queues/*', 'refused', 'queues.change', { browser: true }),
];

export interface MatchedRoute {
  rule: RouteRule;
  /** `GET /api/processes/:id`: the pattern, never the concrete path (which may hold a callback token). */
  name: string;
}

/**
 * The rule for a request, as Express would route it: literal segments without case, `:param` one non-empty
 * segment, an optional trailing slash, HEAD as GET. Of several matching rules the most specific wins (a
 * literal segment before a parameter, earlier segments first), as the routers register them.
 */
export function matchRoute(table: readonly RouteRule[], method: string, path: string): MatchedRoute | null {
  const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const segments = splitPath(path);
  let best: { rule: RouteRule; score: number[] } | null = null;
  for (const rule of table) {
    if (rule.method !== '*' && rule.method !== wanted) continue;
    const score = matchScore(splitPath(rule.path), segments);
    if (score === null) continue;
    score.push(rule.method === '*' ? 0 : 1); // an exact method before the catch-all
    if (best === null || compareScores(score, best.score) > 0) best = { rule, score };
  }
  return best && { rule: best.rule, name: `${best.rule.method} ${best.rule.path}` };
}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

/** Per segment 2 (literal), 1 (parameter), 0 (the rest, `*`); null when the pattern does not match. */
function matchScore(pattern: string[], segments: string[]): number[] | null {
  const score: number[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const part = pattern[i] as string;
    if (part === '*' && i === pattern.length - 1) return [...score, 0];
    const segment = segments[i];
    if (segment === undefined || segment === '') return null;
    if (part.startsWith(':')) score.push(1);
    else if (part.toLowerCase() === segment.toLowerCase()) score.push(2);
    else return null;
  }
  return segments.length === pattern.length ? score : null;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const difference = (a[i] ?? -2) - (b[i] ?? -2);
    if (difference !== 0) return difference;
  }
  return 0;
}
