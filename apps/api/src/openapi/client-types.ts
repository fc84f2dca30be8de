import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from './document';

/** Where @orchestrator/client keeps the types of the document (committed; `npm run client:generate` writes it). */
export const CLIENT_TYPES_FILE = join(__dirname, '../../../../libs/client/src/api-types.ts');

const HEADER = `// Generated from the OpenAPI document (apps/api/src/openapi) by \`npm run client:generate\`: do not edit.
// client-types.test.ts fails when this file and the document disagree.

`;

/** The TypeScript types of the current document, as openapi-typescript writes them, formatted as the project is. */
export async function clientTypesSource(): Promise<string> {
  const ast = await openapiTS(buildOpenApiDocument() as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: false,
  });
  const options = (await resolveConfig(CLIENT_TYPES_FILE)) ?? {};
  return format(HEADER + astToString(ast), { ...options, parser: 'typescript' });
}
