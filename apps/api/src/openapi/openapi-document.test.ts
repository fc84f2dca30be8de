import { execFileSync } from 'node:child_process';
import { HTTP_STATUS_BY_CODE } from '../api-error';
import { ROUTE_TABLE } from '../security/route-table';
import { buildOpenApiDocument, openApiPath } from './document';

// The document is built from the operations the handlers validate and answer with (ENGINE.md 11.1). The route
// table is the one list of every route (route-table.int.test.ts holds it to the routes Express registers), so
// walking both ways keeps the document complete: a route without its operation fails here, and so does an
// operation without a route. Rules ending in `*` are mounted pages, not API operations: Bull Board and the
// documentation's own assets.

const document = buildOpenApiDocument();
type Operations = Record<string, { security?: unknown[]; 'x-required-role'?: string | null; responses: object }>;
const paths = document.paths as Record<string, Operations>;
const documented = Object.entries(paths).flatMap(([path, methods]) =>
  Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
);
const apiRules = ROUTE_TABLE.filter((rule) => !rule.path.endsWith('/*'));

/** The validator is an ES module, which Jest's CommonJS runtime cannot load: it runs in a node of its own. */
function validatorVerdict(value: unknown): unknown {
  const script = `import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const result = await new Validator().validate(JSON.parse(input));
    process.stdout.write(JSON.stringify(result));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(value),
    cwd: __dirname,
  });
  return JSON.parse(output.toString('utf8')) as unknown;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, as @seriousme/openapi-schema-validator checks it', () => {
    expect(validatorVerdict(document)).toEqual({ valid: true });
    expect(document.openapi).toBe('3.1.0');
  });

  it.each(apiRules.map((rule) => [`${rule.method} ${rule.path}`]))('documents the route %s', (route) => {
    const [method, path] = route.split(' ') as [string, string];
    expect(documented).toContain(`${method} ${openApiPath(path)}`);
  });

  it('documents no operation that the route table lacks', () => {
    const routes = apiRules.map((rule) => `${rule.method} ${openApiPath(rule.path)}`);
    expect(documented.filter((operation) => !routes.includes(operation))).toEqual([]);
  });

  it("gives each operation the route table's access: credentials and role, or none", () => {
    for (const rule of apiRules) {
      const operation = paths[openApiPath(rule.path)]?.[rule.method.toLowerCase()];
      const role = rule.access === 'ticket-or-read' ? 'read' : rule.access;
      const needsRole = ['read', 'operate', 'admin'].includes(role);
      expect({
        route: rule.path,
        role: operation?.['x-required-role'],
        open: operation?.security?.length === 0,
      }).toEqual({ route: rule.path, role: needsRole ? role : null, open: !needsRole });
      if (needsRole) expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('describes the security schemes: API key and JWT as bearer tokens, Basic for browsers', () => {
    expect(document.components?.securitySchemes).toMatchObject({
      apiKey: { type: 'http', scheme: 'bearer' },
      jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      basic: { type: 'http', scheme: 'basic' },
    });
  });

  it('answers every documented error with the standard error shape, at the status of its code', () => {
    const errorRef = { $ref: '#/components/schemas/Error' };
    for (const methods of Object.values(paths)) {
      for (const operation of Object.values(methods)) {
        for (const [status, response] of Object.entries(operation.responses) as [string, { content?: object }][]) {
          if (Number(status) < 400 || status === '503') continue;
          const json = (response.content as Record<string, { schema: unknown; example: { error: { code: string } } }>)[
            'application/json'
          ];
          expect(json?.schema).toEqual(errorRef);
          const code = json?.example.error.code as keyof typeof HTTP_STATUS_BY_CODE;
          expect(HTTP_STATUS_BY_CODE[code]).toBe(Number(status));
        }
      }
    }
  });

  it('carries examples: the error body, a bulk action, a search query', () => {
    const text = JSON.stringify(document);
    expect(text).toContain('"example":{"error":{"code":"VALIDATION_FAILED"');
    expect(text).toContain('workflowName:create_node status:failed');
    expect(text).toContain('"action":"resume"');
  });
});
