import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import pino from 'pino';
import {
  createSigningKey,
  generateApiKey,
  signToken,
  startTestIssuer,
  type Role,
  type TestIssuer,
} from '@orchestrator/auth';
import { WorkflowRegistry } from '@orchestrator/engine';
import { startTestStack, type HttpResponse, type TestStack } from '@orchestrator/test-stack';
import { createApp, type AppDeps } from './app';
import { freeformWorkflow } from './api-test-support';
import { matchRoute, ROUTE_TABLE, type RouteRule } from './security/route-table';

// The route table is the one place that says who may call what (ENGINE.md 10.6). This file walks it with a
// caller of each role, and holds it to the routes the app really registers, so that a route without a
// rule fails here.

type Caller = 'anonymous' | 'no role' | Role;
const CALLERS: Caller[] = ['anonymous', 'no role', 'read', 'operate', 'admin'];
const RANK: Record<Caller, number> = { anonymous: -2, 'no role': -1, read: 0, operate: 1, admin: 2 };

/** A concrete path for a rule: parameters become fresh UUIDs, a trailing `*` a path below the mount. */
const concrete = (rule: RouteRule) =>
  rule.path
    .replace(/:\w+/g, () => randomUUID())
    .replace(
      /\/\*$/,
      rule.path.startsWith('/api/docs') ? '/swagger-ui.css' : rule.method === 'GET' ? '/api/queues' : '/api/x',
    );

const methodOf = (rule: RouteRule) => (rule.method === '*' ? 'PUT' : rule.method);

describe('the route table', () => {
  let stack: TestStack;
  let issuer: TestIssuer;
  const headers: Partial<Record<Caller, Record<string, string>>> = {};

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const key = await createSigningKey('k1');
    issuer.publish([key]);
    const adminApiKey = generateApiKey();
    stack = await startTestStack({
      workflows: [freeformWorkflow('table_walk')],
      config: {
        auth: {
          disabled: false,
          adminApiKey,
          oidc: {
            issuer: issuer.issuer,
            audience: 'orchestrator-api',
            jwksUrl: null,
            rolesClaim: 'roles',
            roleMap: { read: 'read', operate: 'operate', admin: 'admin' },
            clientId: null,
            scope: 'openid',
          },
        },
      },
    });
    const now = Math.floor(Date.now() / 1000);
    const roleless = await signToken(key, {
      iss: issuer.issuer,
      aud: 'orchestrator-api',
      sub: 'u-1',
      preferred_username: 'visitor',
      roles: ['guest'],
      exp: now + 600,
    });
    headers['no role'] = { authorization: `Bearer ${roleless}` };
    headers.read = await stack.as('walker-read', 'read');
    headers.operate = await stack.as('walker-operate', 'operate');
    headers.admin = { authorization: `Bearer ${adminApiKey}` };
    headers.anonymous = { authorization: '' };
  });
  afterAll(async () => {
    await stack?.stop();
    await issuer?.close();
  });

  const call = (rule: RouteRule, caller: Caller): Promise<HttpResponse> => {
    const method = methodOf(rule);
    const body = method === 'GET' || method === 'DELETE' ? undefined : {};
    return stack.request(method, concrete(rule), body, headers[caller]);
  };

  const served = (res: HttpResponse) =>
    ![401, 403].includes(res.status) && !(res.status === 404 && res.body?.error?.code === 'NOT_FOUND');

  const roleRules = ROUTE_TABLE.filter((rule) => ['read', 'operate', 'admin'].includes(rule.access));

  describe.each(roleRules.map((rule) => [`${rule.method} ${rule.path} (${rule.access})`, rule] as const))(
    '%s',
    (_name, rule) => {
      it.each(CALLERS)('answers a %s caller as its role allows', async (caller) => {
        const res = await call(rule, caller);
        if (caller === 'anonymous') {
          expect(res.status).toBe(401);
          expect(res.body.error.code).toBe('UNAUTHENTICATED');
        } else if (RANK[caller] < RANK[rule.access as Role]) {
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('FORBIDDEN');
        } else {
          expect({ status: res.status, served: served(res) }).toEqual({ status: res.status, served: true });
        }
      });
    },
  );

  it('serves the public routes and the callback routes without a credential', async () => {
    for (const rule of ROUTE_TABLE.filter((r) => r.access === 'public' || r.access === 'callback-token')) {
      const res = await call(rule, 'anonymous');
      expect({ route: rule.path, served: served(res) }).toEqual({ route: rule.path, served: true });
    }
  });

  it('refuses the refused routes to everyone, admin included', async () => {
    for (const rule of ROUTE_TABLE.filter((r) => r.access === 'refused')) {
      expect((await call(rule, 'admin')).status).toBe(403);
      expect((await call(rule, 'anonymous')).status).toBe(401);
    }
  });

  it('answers a path no rule names 401 without a credential and 404 with one, even where a router would take it', async () => {
    expect((await stack.request('GET', '/api/nowhere', undefined, headers.anonymous)).status).toBe(401);
    const known = await stack.request('GET', '/api/nowhere', undefined, headers.admin);
    expect({ status: known.status, code: known.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('the routes the app registers', () => {
  /** Every route registered on the app and its routers, as `METHOD /full/path` (Express 5's router stack). */
  function registeredRoutes(app: Express): { method: string; path: string }[] {
    const found: { method: string; path: string }[] = [];
    interface Layer {
      route?: { path: string; methods: Record<string, boolean> };
      handle?: { stack?: Layer[] };
      rawPath?: unknown;
    }
    const walk = (stack: Layer[], prefix: string) => {
      for (const layer of stack) {
        if (layer.route) {
          for (const method of Object.keys(layer.route.methods)) {
            found.push({
              method: method.toUpperCase(),
              path: `${prefix}${layer.route.path}`.replace(/\/$/, '') || '/',
            });
          }
        } else if (layer.handle?.stack && typeof layer.rawPath === 'string') {
          walk(layer.handle.stack, `${prefix}${layer.rawPath}`);
        }
      }
    };
    walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
    return found;
  }

  // The routers only keep their dependencies; nothing here is called.
  const app = createApp({
    registry: new WorkflowRegistry([]),
    logger: pino({ level: 'silent' }),
    security: { authDisabled: false, authenticator: {}, limiter: {}, corsOrigins: [], trustProxy: false },
    adminQueues: express.Router().get('/', (_req, res) => void res.end()),
    live: {
      router: express
        .Router()
        .get('/', (_req, res) => void res.end())
        .post('/ticket', (_req, res) => void res.end()),
    },
    telemetry: { deltas: { counter: () => ({}), histogram: () => ({}) }, tracing: false },
  } as unknown as AppDeps);
  const routes = registeredRoutes(app);

  it('finds the routers (if this fails, Express changed how it keeps them, not the table)', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual({ method: 'PUT', path: '/api/processes/:id/abort' });
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'has a rule for %s, with the same pattern',
    (_name, route) => {
      const rule = matchRoute(ROUTE_TABLE, route.method, route.path.replace(/:\w+/g, 'p'))?.rule;
      const pattern = route.path.replace(/:\w+/g, ':');
      // A mounted app (Bull Board) is covered by its rule's prefix.
      const covered = rule?.path.endsWith('/*') ? `${pattern}/`.startsWith(rule.path.slice(0, -1)) : false;
      expect(covered ? pattern : rule?.path.replace(/:\w+/g, ':')).toBe(pattern);
    },
  );

  it.each(ROUTE_TABLE.filter((rule) => !rule.path.endsWith('*')).map((rule) => [`${rule.method} ${rule.path}`, rule]))(
    'registers a handler for the rule %s',
    (_name, rule) => {
      expect(routes).toContainEqual({ method: (rule as RouteRule).method, path: (rule as RouteRule).path });
    },
  );
});
