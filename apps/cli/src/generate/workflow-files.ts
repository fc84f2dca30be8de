import { camel, kebab, quoted } from './names';
import type { GeneratedFile } from './product-files';

// `orchestrator generate workflow <name>`: a workflow (or task) on the typed builder, and its in-memory test.

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export function workflowFiles(name: string, options: { task?: boolean } = {}): GeneratedFile[] {
  if (!SNAKE.test(name)) throw new Error(`"${name}" is no workflow name: snake_case, such as sync_inventory`);
  const file = kebab(name);
  const id = camel(name);
  const words = name.replaceAll('_', ' ');
  const entry = options.task
    ? `workflow.task({ name: ${quoted(name)}, description: ${quoted(`The ${words} task`)}, input })`
    : `workflow({ name: ${quoted(name)}, target: 'SYSTEM', description: ${quoted(`The ${words} workflow`)}, input })`;
  const source = [
    `import { z } from 'zod';`,
    `import { workflow } from '@orchestrator/engine';`,
    '',
    '/** What the workflow is started with: validated on start (400 with details otherwise). */',
    'const input = z.object({ target: z.string().min(1) });',
    '',
    `/** ${words}: Start, Look up, Apply, Done. */`,
    `export const ${id} = ${entry}`,
    `  .step('Look up', (state) => ({ found: [state.target] }))`,
    `  .retryStep('Apply', async (state, ctx) => {`,
    '    // Call the network here with ctx.idempotencyKey; a throw retries with backoff (then fails the process).',
    "    ctx.logger.info({ found: state.found }, 'applying');",
    '    return { applied: state.found.length };',
    '  })',
    '  .build();',
    '',
    '// Load with WORKFLOW_MODULES=<this file>.',
    `export const workflows = [${id}];`,
    '',
  ].join('\n');
  const test = [
    `import { createWorkflowTestKit } from '@orchestrator/engine/testing';`,
    `import { workflows } from './${file}';`,
    '',
    `describe('${name}', () => {`,
    `  it('runs to the end', async () => {`,
    '    const kit = createWorkflowTestKit({ workflows });',
    `    const process = await kit.start(${quoted(name)}, { target: 'core-1' });`,
    `    expect(process.status).toBe('completed');`,
    `    expect(process.state).toMatchObject({ found: ['core-1'], applied: 1 });`,
    '  });',
    '',
    `  it('refuses an input without a target', async () => {`,
    '    const kit = createWorkflowTestKit({ workflows });',
    `    await expect(kit.start(${quoted(name)}, {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });`,
    '  });',
    '});',
    '',
  ].join('\n');
  return [
    { path: `${file}.ts`, text: source },
    { path: `${file}.test.ts`, text: test },
  ];
}
