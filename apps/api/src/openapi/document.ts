import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { HTTP_STATUS_BY_CODE, type ApiErrorCode } from '../api-error';
import { ROUTE_TABLE, type RouteRule } from '../security/route-table';
import { errorBody } from './common-schemas';
import type { Operation } from './operation';
import { OPERATIONS } from './operations';

/** `/api/processes/:id` as OpenAPI writes it: `/api/processes/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'ork_...',
    description: 'An API key (POST /api/api-keys, or ADMIN_API_KEY): `Authorization: Bearer ork_...`',
  },
  jwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An OIDC access token of OIDC_ISSUER for OIDC_AUDIENCE; its roles claim gives the role',
  },
  basic: {
    type: 'http',
    scheme: 'basic',
    description: 'For browsers: any user name, and an API key or access token as password',
  },
} as const;

const CREDENTIALS: Record<string, string[]>[] = [{ apiKey: [] }, { jwt: [] }, { basic: [] }];

/** What the security layer may answer on a route that needs a role (ENGINE.md 10.8), besides the handler. */
const ROLE_ERRORS: ApiErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'TOO_MANY_REQUESTS', 'AUTH_UNAVAILABLE'];

/** The route table's rule for an operation: its role, and the audit action of the change. */
export function ruleOf(operation: Pick<Operation, 'method' | 'path'>): RouteRule | undefined {
  return ROUTE_TABLE.find((rule) => rule.method === operation.method.toUpperCase() && rule.path === operation.path);
}

function errorResponses(codes: readonly ApiErrorCode[]) {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes)
    byStatus.set(HTTP_STATUS_BY_CODE[code], [...(byStatus.get(HTTP_STATUS_BY_CODE[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, statusCodes]) => [
      String(status),
      {
        description: statusCodes.map((code) => `\`${code}\``).join(', '),
        content: {
          'application/json': {
            schema: errorBody,
            example: { error: { code: statusCodes[0], message: '...', details: [] } },
          },
        },
      },
    ]),
  );
}

function access(rule: RouteRule): { security: Record<string, string[]>[]; text: string } {
  switch (rule.access) {
    case 'public':
      return { security: [], text: 'No credential needed.' };
    case 'callback-token':
      return { security: [], text: 'No credential: the token in the path authenticates (ENGINE.md 8.12).' };
    case 'refused':
      return { security: CREDENTIALS, text: 'Refused to everyone.' };
    case 'ticket-or-read':
      return {
        security: CREDENTIALS,
        text: 'Role: **read**; or, instead of a credential, a single-use `ticket` from POST /api/events/ticket.',
      };
    default:
      return { security: CREDENTIALS, text: `Role: **${rule.access}**.` };
  }
}

/** The role a credential needs on the route, or null when none is asked for. */
export function documentedRole(rule: RouteRule): 'read' | 'operate' | 'admin' | null {
  if (rule.access === 'ticket-or-read') return 'read';
  return rule.access === 'read' || rule.access === 'operate' || rule.access === 'admin' ? rule.access : null;
}

function operationObject(operation: Operation): ZodOpenApiOperationObject {
  const rule = ruleOf(operation);
  if (!rule) throw new Error(`${operation.method.toUpperCase()} ${operation.path} has no line in the route table`);
  const { security, text } = access(rule);
  const role = documentedRole(rule);
  const needsRole = role !== null;
  const codes = [
    ...operation.errors,
    ...(needsRole ? ROLE_ERRORS : []),
    ...(operation.path.startsWith('/health/') ? [] : (['SERVICE_UNAVAILABLE'] as const)),
  ];
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
        ...(response.content ? { content: response.content } : {}),
      },
    ]),
  );
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: [operation.description, text, operation.method === 'get' ? '' : `Audit action: \`${rule.action}\`.`]
      .filter(Boolean)
      .join('\n\n'),
    tags: [operation.tag],
    security,
    'x-required-role': role,
    requestParams: {
      ...(operation.params ? { path: operation.params } : {}),
      ...(operation.query ? { query: operation.query } : {}),
      ...(operation.headers ? { header: operation.headers } : {}),
    },
    ...(operation.body
      ? { requestBody: { required: false, content: { 'application/json': { schema: operation.body } } } }
      : {}),
    responses: { ...errorResponses(codes), ...responses },
  };
}

/** The OpenAPI 3.1 document of every operation (ENGINE.md 11.1), built from the schemas the handlers use. */
export function buildOpenApiDocument(operations: readonly Operation[] = OPERATIONS, version = '0.1.0') {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    const path = (paths[openApiPath(operation.path)] ??= {});
    path[operation.method] = operationObject(operation);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'orchestrator',
      version,
      description:
        'The HTTP API of the orchestrator (ENGINE.md 6, 10, 11). Errors are `{"error": {"code", "message", ' +
        '"details"}}`; every route but health, the documentation and the callbacks needs a credential.',
    },
    tags: [
      { name: 'processes' },
      { name: 'callbacks' },
      { name: 'subscriptions' },
      { name: 'products' },
      { name: 'workflows' },
      { name: 'settings' },
      { name: 'security' },
      { name: 'health' },
      { name: 'documentation' },
    ],
    security: CREDENTIALS,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: errorBody } },
    paths,
  });
}
