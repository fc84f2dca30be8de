import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadProductModules, loadWorkflowModules } from '@orchestrator/workflows';

// `orchestrator generate product` as a user runs it, into a folder inside the repository (so that
// @orchestrator/engine resolves as it does for a user's project), then the checks a user's CI would make:
// the generated code typechecks, lints and its in-memory tests pass, as generated.

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');
const description = path.join(root, 'apps/cli/test-fixtures/generate/access-port.yaml');
const folder = path.join(root, 'apps/cli', `generated-${randomBytes(4).toString('hex')}`);

const npx = (args: string[]) => run('npx', args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });

describe('orchestrator generate product (and workflow)', () => {
  let printed = '';
  beforeAll(async () => {
    const cli = path.join(root, 'apps/cli/bin/orchestrator.js');
    printed = (await run('node', [cli, 'generate', 'product', 'access_port', '--from', description, '--out', folder]))
      .stdout;
    await run('node', [cli, 'generate', 'workflow', 'sync_inventory', '--task', '--out', folder]);
  }, 60_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the product, its four workflows, an index and their tests, and says how to load them', () => {
    expect(printed.trim().split('\n')).toEqual([
      ...[
        'access-port-product.ts',
        'create-access-port.ts',
        'modify-access-port.ts',
        'terminate-access-port.ts',
        'validate-access-port.ts',
        'index.ts',
        'access-port-workflows.test.ts',
      ].map((file) => path.join(folder, file)),
      `WORKFLOW_MODULES=${path.join(folder, 'index.ts')}`,
    ]);
    expect(readFileSync(path.join(folder, 'create-access-port.ts'), 'utf8')).toContain('workflow\n  .create({');
  });

  it('typechecks', async () => {
    writeFileSync(
      path.join(folder, 'tsconfig.json'),
      JSON.stringify({ extends: path.relative(folder, path.join(root, 'tsconfig.json')), include: ['.'] }),
    );
    await expect(npx(['tsc', '--noEmit', '-p', path.join(folder, 'tsconfig.json')])).resolves.toBeDefined();
  }, 120_000);

  it('lints', async () => {
    await expect(npx(['eslint', '--max-warnings', '0', folder])).resolves.toBeDefined();
  }, 120_000);

  it('passes its in-memory tests, in well under a second each', async () => {
    // A configuration of its own: the project's global setup builds a PostgreSQL template the kit does not need.
    const config = {
      rootDir: root,
      roots: [folder],
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.json') }] },
      moduleNameMapper: { '^@orchestrator/engine/testing$': path.join(root, 'libs/engine/testing.ts') },
    };
    const { stderr } = await npx(['jest', '--config', JSON.stringify(config), '--verbose']);
    expect(stderr).toMatch(/Tests: +7 passed, 7 total/);
    const durations = [...stderr.matchAll(/✓ .* \((\d+) ms\)/g)].map((match) => Number(match[1]));
    expect(durations).toHaveLength(7);
    expect(durations.every((ms) => ms < 1000)).toBe(true);
  }, 120_000);

  it('loads with WORKFLOW_MODULES', () => {
    const modules = [path.join(folder, 'index.ts')];
    expect(loadWorkflowModules(modules).map((w) => w.name)).toEqual([
      'create_access_port',
      'modify_access_port',
      'terminate_access_port',
      'validate_access_port',
    ]);
    expect(loadProductModules(modules).map((p) => p.name)).toEqual(['access_port']);
  });
});
