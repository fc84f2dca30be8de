import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// openapi-typescript loads ES modules that Jest's CommonJS runtime cannot: the generator runs in a node of
// its own, as `npm run client:generate` runs it.
const CLIENT_TYPES_FILE = join(__dirname, '../../../../libs/client/src/api-types.ts');

describe('the types of @orchestrator/client', () => {
  it('are those of the current OpenAPI document (else run npm run client:generate)', () => {
    const generated = execFileSync(
      process.execPath,
      ['--require', 'tsx/cjs', join(__dirname, 'generate-client-types.ts'), '--stdout'],
      { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 },
    ).toString('utf8');
    expect(generated.length).toBeGreaterThan(1000);
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(generated);
  });
});
