import { randomUUID } from 'node:crypto';

/** One fuzzed request: what is sent, and which route template it aimed at (for the report). */
export interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Ids of real processes the fuzzer aims at, next to random and malformed ones, and the admin key it mostly sends. */
export interface FuzzTargets {
  processIds: string[];
  workflowNames: string[];
  adminApiKey: string;
}

type Random = () => number;

// What fetch can send as a header value: printable ASCII, not empty.
const isHeaderValue = (value: string) => /^[\x21-\x7e][\x20-\x7e]*$/.test(value);

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const JUNK = [
  '',
  ' ',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'NaN',
  "' OR 1=1 --",
  '"; DROP TABLE processes; --',
  '../../etc/passwd',
  '%2e%2e%2f',
  '%00',
  '%E0%A4%A',
  'a'.repeat(300),
  '😀',
  'ünïcödé',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '$(id)',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '6f0c',
];

const BODIES = [
  undefined,
  '',
  '{',
  '}',
  'null',
  'true',
  '123',
  '"text"',
  '[]',
  '[{}]',
  '{}',
  '{"scenario":123}',
  '{"scenario":"fuzz","stepMs":-5}',
  '{"scenario":"fuzz","stepMs":"soon"}',
  '{"scenario":"fuzz","hold":{"step":1}}',
  '{"globalLock":"yes"}',
  '{"globalLock":null}',
  '{"globalLock":false,"extra":1}',
  '{"confirmed":false}',
  '{"confirmed":"true"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
  JSON.stringify({ big: 'x'.repeat(2 * 1024 * 1024) }),
  '{"a":1,"a":2}',
  '\u0000',
  '{"name":"\\ud800"}',
  '{"cron":"61 * * * *"}',
  '{"cron":""}',
  '{"cron":"every day"}',
  '{"cron":"*/5 * * * * *"}',
  '{"cron":"*/5 * * * * *","extra":1}',
  '{"enabled":"no"}',
  '{"enabled":true}',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
];

const QUERY_KEYS = [
  'status',
  'workflowName',
  'isTask',
  'createdBy',
  'subscriptionId',
  'limit',
  'cursor',
  'q',
  'sort',
  'x',
];
const QUERY_VALUES = [...JUNK, 'running', 'completed,failed', 'true', 'false', '1', '500', '501', 'eyJ9', 'eyJhIjoxfQ'];

/** The routes of ENGINE.md section 6 (and a few that do not exist), with their path parameters. */
const ROUTES: [string, string][] = [
  ['GET', '/health/live'],
  ['GET', '/health/ready'],
  ['GET', '/api/processes'],
  ['GET', '/api/processes/status-counts'],
  ['POST', '/api/processes/:workflow'],
  ['GET', '/api/processes/:id'],
  ['PUT', '/api/processes/:id/resume'],
  ['PUT', '/api/processes/:id/abort'],
  ['DELETE', '/api/processes/:id'],
  ['POST', '/api/processes/:id/callback/:token'],
  ['POST', '/api/processes/:id/callback/:token/progress'],
  ['PUT', '/api/processes/resume-all'],
  ['GET', '/api/workflows'],
  ['GET', '/api/settings/status'],
  ['PUT', '/api/settings/status'],
  ['GET', '/api/schedules'],
  ['PUT', '/api/schedules/:schedule'],
  ['GET', '/api/subscriptions'],
  ['GET', '/api/subscriptions/:id'],
  ['GET', '/api/subscriptions/:id/workflows'],
  ['PUT', '/api/subscriptions/:id/set-in-sync'],
  ['GET', '/api/products'],
  ['GET', '/api/products/:id'],
  ['GET', '/api/api-keys'],
  ['POST', '/api/api-keys'],
  ['DELETE', '/api/api-keys/:id'],
  ['GET', '/api/audit-events'],
  ['GET', '/admin/queues/api/queues'],
  ['PUT', '/admin/queues/api/queues/steps/retry/failed'],
  ['PATCH', '/api/processes/:id'],
  ['POST', '/api/processes'],
  ['GET', '/api/nothing-here'],
];

/** Mostly the admin key, so that requests reach the handlers; sometimes none, junk, or Basic (a browser's). */
function credential(random: Random, adminApiKey: string): string | undefined {
  const r = random();
  if (r < 0.8) return `Bearer ${adminApiKey}`;
  if (r < 0.88) return undefined;
  if (r < 0.94) return `Basic ${Buffer.from(`fuzz:${adminApiKey}`).toString('base64')}`;
  return pick(random, [
    'Bearer',
    'Bearer ork_nope',
    `Bearer ork_${'A'.repeat(43)}`,
    'Basic !!!',
    'Token x',
    'Bearer eyJ9.eyJ9.x',
  ]);
}

/** A deterministic pseudo-random sequence (mulberry32), so that a run can be repeated with its seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fuzzRequest(random: Random, targets: FuzzTargets): FuzzRequest {
  const [routeMethod, route] = pick(random, ROUTES);
  const method = random() < 0.9 ? routeMethod : pick(random, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
  const id = () => {
    const r = random();
    if (r < 0.45 && targets.processIds.length > 0) return pick(random, targets.processIds);
    if (r < 0.65) return randomUUID();
    return encodeURIComponent(pick(random, JUNK));
  };
  let path = route
    .replace(':workflow', () =>
      random() < 0.6 ? pick(random, targets.workflowNames) : encodeURIComponent(pick(random, JUNK)),
    )
    .replace(':id', id)
    // The chaos run's scheduled task; its schedule stays the same, a body here can only re-enable it.
    .replace(':schedule', () => (random() < 0.6 ? 'task_timeout_callbacks' : encodeURIComponent(pick(random, JUNK))))
    .replace(':token', () => encodeURIComponent(pick(random, JUNK)) || 'x');
  if (random() < 0.5) {
    const pairs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const key = pick(random, QUERY_KEYS);
      return `${key}=${encodeURIComponent(pick(random, QUERY_VALUES))}`;
    });
    path += `?${pairs.join('&')}`;
  }
  const headers: Record<string, string> = {};
  const authorization = credential(random, targets.adminApiKey);
  if (authorization !== undefined) headers.authorization = authorization;
  const body = method === 'GET' || method === 'DELETE' || method === 'OPTIONS' ? undefined : pick(random, BODIES);
  if (body !== undefined) {
    const type = pick(random, CONTENT_TYPES);
    if (type) headers['content-type'] = type;
    if (random() < 0.05) headers['content-encoding'] = pick(random, ['gzip', 'br', 'identity', 'bogus']);
  }
  if (random() < 0.3) headers['idempotency-key'] = pick(random, [...JUNK.filter(isHeaderValue), 'k'.repeat(10000)]);
  if (random() < 0.2) headers['x-user'] = pick(random, ['', 'a'.repeat(5000), 'root', '%00', 'SYSTEM']);
  return { route: `${method} ${route}`, method, path, headers, body };
}
