import { camel, kebab, pascal, quoted } from './names';
import {
  isChild,
  SCALAR_TYPES,
  type BlockDescription,
  type FieldDescription,
  type ProductDescription,
  type ScalarType,
} from './product-description';

// The files of a generated product: the product and its blocks, the four workflows on the typed builder,
// an index that WORKFLOW_MODULES loads, and their tests on the in-memory test kit.

export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

const blockConst = (name: string) => `${camel(name)}Block`;
const article = (words: string) => (/^[aeiou]/.test(words) ? 'an' : 'a');

function resourceSchema(f: FieldDescription): string {
  const base =
    f.type === 'enum' ? `z.enum([${(f.values ?? []).map(quoted).join(', ')}])` : SCALAR_TYPES[f.type as ScalarType];
  return f.description ? `${base}.describe(${quoted(f.description)})` : base;
}

function childSpec(f: FieldDescription): string {
  if (f.type === 'list') {
    const bounds = [
      f.min_items !== undefined ? `min: ${f.min_items}` : null,
      f.max_items !== undefined ? `max: ${f.max_items}` : null,
    ].filter(Boolean);
    return `list(${blockConst(f.list_type!)}${bounds.length ? `, { ${bounds.join(', ')} }` : ''})`;
  }
  return f.optional ? `optional(${blockConst(f.type)})` : blockConst(f.type);
}

function blockSource(description: ProductDescription, block: BlockDescription): string {
  const resources = block.fields.filter((f) => !isChild(description, f));
  const children = block.fields.filter((f) => isChild(description, f));
  const required = block.fields.filter((f) => f.required !== undefined);
  const lines = [
    `export const ${blockConst(block.name)} = defineProductBlock({`,
    `  name: ${quoted(block.name)},`,
    `  description: ${quoted(block.description ?? `The ${block.name.replaceAll('_', ' ')} block`)},`,
    `  tag: ${quoted(block.tag ?? block.name.toUpperCase())},`,
  ];
  if (resources.length)
    lines.push(`  resources: {`, ...resources.map((f) => `    ${f.name}: ${resourceSchema(f)},`), `  },`);
  if (children.length) lines.push(`  blocks: {`, ...children.map((f) => `    ${f.name}: ${childSpec(f)},`), `  },`);
  if (required.length) {
    lines.push(`  requiredFrom: { ${required.map((f) => `${f.name}: ${quoted(f.required!)}`).join(', ')} },`);
  }
  lines.push('});');
  return lines.join('\n');
}

function productFile(description: ProductDescription): string {
  const [root, ...others] = description.product_blocks;
  const p = description.name;
  const engineImports = ['defineProduct', 'defineProductBlock', 'type BlockModel'];
  const children = description.product_blocks.flatMap((b) => b.fields.filter((f) => isChild(description, f)));
  if (children.some((f) => f.type === 'list')) engineImports.splice(2, 0, 'list');
  if (children.some((f) => f.type !== 'list' && f.optional)) engineImports.splice(2, 0, 'optional');
  const fixed = (description.fixed_inputs ?? []).map((i) => `${i.name}: ${quoted(i.value)}`).join(', ');
  const usesZod = description.product_blocks.some((b) => b.fields.some((f) => !isChild(description, f)));
  return [
    ...(usesZod ? [`import { z } from 'zod';`] : []),
    `import { ${engineImports.join(', ')} } from '@orchestrator/engine';`,
    '',
    ...[...others, root!].map((b) => `${blockSource(description, b)}\n`),
    `/** A ${p} subscription's data: every key optional, since which are there depends on its status. */`,
    `export type ${pascal(p)}Model = BlockModel<typeof ${blockConst(root!.name)}>;`,
    '',
    `export const ${camel(p)}Product = defineProduct({`,
    `  name: ${quoted(p)},`,
    `  productType: ${quoted(description.type ?? pascal(p))},`,
    `  tag: ${quoted(description.tag ?? p.toUpperCase())},`,
    `  description: ${quoted(description.description ?? `The ${p.replaceAll('_', ' ')} product`)},`,
    ...(fixed ? [`  fixedInputs: { ${fixed} },`] : []),
    `  block: ${blockConst(root!.name)},`,
    `  workflows: [${['create', 'modify', 'terminate', 'validate'].map((t) => quoted(`${t}_${p}`)).join(', ')}],`,
    '});',
    '',
  ].join('\n');
}

function createInput(description: ProductDescription, root: BlockDescription): string[] {
  const lines = ['      customerId: z.string().min(1),'];
  if (root.fields.some((f) => !isChild(description, f))) lines.push(`      ...${blockConst(root.name)}.resources,`);
  for (const f of root.fields.filter((field) => isChild(description, field))) {
    if (f.type === 'list') {
      const bounds = `${f.min_items !== undefined ? `.min(${f.min_items})` : ''}${f.max_items !== undefined ? `.max(${f.max_items})` : ''}`;
      lines.push(`      ${f.name}: z.array(z.object(${blockConst(f.list_type!)}.resources))${bounds},`);
    } else {
      lines.push(`      ${f.name}: z.object(${blockConst(f.type)}.resources)${f.optional ? '.optional()' : ''},`);
    }
  }
  return lines;
}

function workflowFiles(description: ProductDescription): GeneratedFile[] {
  const p = description.name;
  const root = description.product_blocks[0]!;
  const file = kebab(p);
  const childBlocks = [
    ...new Set(root.fields.filter((f) => isChild(description, f)).map((f) => blockConst(f.list_type ?? f.type))),
  ];
  const hasResources = root.fields.some((f) => !isChild(description, f));
  const words = p.replaceAll('_', ' ');
  const a = article(words);
  const create = [
    `import { z } from 'zod';`,
    `import { workflow } from '@orchestrator/engine';`,
    `import { ${[...(hasResources ? [blockConst(root.name)] : []), ...childBlocks].join(', ')} } from './${file}-product';`,
    '',
    `/** Create ${a} ${words}: Start, Create subscription, Provision ${words}, Set subscription active, Unlock subscription, Done. */`,
    `export const create${pascal(p)} = workflow`,
    '  .create({',
    `    name: 'create_${p}',`,
    `    product: ${quoted(p)},`,
    `    description: 'Create ${a} ${words}',`,
    '    input: z.object({',
    ...createInput(description, root),
    '    }),',
    '  })',
    `  .step('Create subscription', async (state, ctx) => {`,
    '    const { customerId, ...data } = state;',
    '    const subscription = await ctx.subscriptions.create({',
    `      productName: ${quoted(p)},`,
    '      customerId,',
    `      description: \`${pascal(p)} of \${customerId}\`,`,
    '      data,',
    '    });',
    '    return { subscriptionId: subscription.id };',
    '  })',
    `  .step('Provision ${words}', async (state, ctx) => {`,
    '    // Configure the network here; pass ctx.idempotencyKey to the systems you call, so that a retry is safe.',
    `    await ctx.subscriptions.setStatus(state.subscriptionId, 'provisioning');`,
    '    return { provisioned: true };',
    '  })',
    '  .build();',
    '',
  ];
  const modify = [
    ...(hasResources ? [`import { z } from 'zod';`] : []),
    `import { workflow } from '@orchestrator/engine';`,
    `import { ${[...(hasResources ? [blockConst(root.name)] : []), `type ${pascal(p)}Model`].join(', ')} } from './${file}-product';`,
    '',
    `/** Modify ${a} ${words}: Start, Lock subscription, Update subscription, Unlock subscription, Done. */`,
    `export const modify${pascal(p)} = workflow`,
    '  .modify({',
    `    name: 'modify_${p}',`,
    `    product: ${quoted(p)},`,
    `    description: 'Change ${a} ${words}',`,
    ...(hasResources ? [`    input: z.object(${blockConst(root.name)}.resources).partial(),`] : []),
    '    // Refused with 412 before anything is written when the request changes nothing.',
    '    startPredicate: (input) =>',
    `      Object.keys(input).some((key) => key !== 'subscriptionId' && key !== 'version') || 'nothing to change',`,
    '  })',
    `  .step('Update subscription', async (state, ctx) => {`,
    '    const { subscriptionId, version: _version, ...changes } = state;',
    `    const model = await ctx.subscriptions.load<${pascal(p)}Model>(subscriptionId);`,
    '    await ctx.subscriptions.save({ id: model.id, data: { ...model.data, ...changes } });',
    '    return { changed: Object.keys(changes) };',
    '  })',
    '  .build();',
    '',
  ];
  const terminate = [
    `import { workflow } from '@orchestrator/engine';`,
    '',
    `/** Terminate ${a} ${words}: Start, Lock subscription, Deconfigure ${words}, Set subscription terminated, Unlock subscription, Done. */`,
    `export const terminate${pascal(p)} = workflow`,
    `  .terminate({ name: 'terminate_${p}', product: ${quoted(p)}, description: 'Terminate ${a} ${words}' })`,
    `  .step('Deconfigure ${words}', async (state, ctx) => {`,
    '    // Remove the configuration from the network here.',
    '    const subscription = await ctx.subscriptions.get(state.subscriptionId);',
    '    return { deconfigured: subscription.id };',
    '  })',
    '  .build();',
    '',
  ];
  const validate = [
    `import { workflow } from '@orchestrator/engine';`,
    '',
    `/** Validate ${a} ${words}: compare the subscription with the network; an AssertionError marks its data inconsistent. */`,
    `export const validate${pascal(p)} = workflow`,
    `  .validate({ name: 'validate_${p}', product: ${quoted(p)}, description: 'Check ${a} ${words} against the network' })`,
    `  .step('Check ${words}', async (state, ctx) => {`,
    '    const subscription = await ctx.subscriptions.load(state.subscriptionId);',
    '    // Read the network here and compare it with subscription.data.',
    '    if (subscription.insync) {',
    `      throw Object.assign(new Error(\`\${subscription.id} should be locked by this process\`), { name: 'AssertionError' });`,
    '    }',
    '    return { validated: subscription.id };',
    '  })',
    '  .build();',
    '',
  ];
  const names = ['create', 'modify', 'terminate', 'validate'];
  const index = [
    `import { ${camel(p)}Product } from './${file}-product';`,
    ...names.map((t) => `import { ${t}${pascal(p)} } from './${t}-${file}';`),
    '',
    `// Load with WORKFLOW_MODULES=<this folder>/index.ts: the product and its workflows.`,
    `export const products = [${camel(p)}Product];`,
    `export const workflows = [${names.map((t) => `${t}${pascal(p)}`).join(', ')}];`,
    '',
  ];
  return [
    { path: `create-${file}.ts`, text: create.join('\n') },
    { path: `modify-${file}.ts`, text: modify.join('\n') },
    { path: `terminate-${file}.ts`, text: terminate.join('\n') },
    { path: `validate-${file}.ts`, text: validate.join('\n') },
    { path: 'index.ts', text: index.join('\n') },
  ];
}

/** An example value a field's schema accepts, and another one (for the modify test). */
function example(f: FieldDescription, other = false): unknown {
  switch (f.type) {
    case 'str':
      return other ? 'changed' : 'example';
    case 'int':
      return other ? 2 : 1;
    case 'float':
      return other ? 2.5 : 1.5;
    case 'bool':
      return !other;
    case 'ipv4':
      return other ? '192.0.2.2' : '192.0.2.1';
    case 'ipv6':
      return other ? '2001:db8::2' : '2001:db8::1';
    default: {
      const values = f.values ?? [];
      return other ? values[values.length - 1] : values[0];
    }
  }
}

function exampleInstance(description: ProductDescription, blockName: string): Record<string, unknown> {
  const block = description.product_blocks.find((b) => b.name === blockName)!;
  const data: Record<string, unknown> = {};
  for (const f of block.fields) {
    if (!isChild(description, f)) data[f.name] = example(f);
    else if (f.type === 'list') {
      data[f.name] = Array.from({ length: Math.max(f.min_items ?? 1, 1) }, () =>
        exampleInstance(description, f.list_type!),
      );
    } else if (!f.optional) data[f.name] = exampleInstance(description, f.type);
  }
  return data;
}

function testFile(description: ProductDescription): string {
  const p = description.name;
  const root = description.product_blocks[0]!;
  const input = { customerId: 'acme', ...exampleInstance(description, root.name) };
  const changed = root.fields.find((f) => !isChild(description, f) && example(f) !== example(f, true));
  const words = p.replaceAll('_', ' ');
  const a = article(words);
  const modifyTest = changed
    ? [
        `  it('modifies ${a} ${words}', async () => {`,
        '    const kit = newKit();',
        '    const subscriptionId = await created(kit);',
        `    const process = await kit.start('modify_${p}', { subscriptionId, ${changed.name}: ${JSON.stringify(example(changed, true))} });`,
        `    expect(process.status).toBe('completed');`,
        `    expect(kit.subscriptions.find(subscriptionId)).toMatchObject({ insync: true, data: { ${changed.name}: ${JSON.stringify(example(changed, true))} } });`,
        '  });',
      ]
    : [];
  return [
    `import { createWorkflowTestKit, type WorkflowTestKit } from '@orchestrator/engine/testing';`,
    `import { products, workflows } from './index';`,
    '',
    '// In memory, with the real step execution: no database, no queue.',
    'const newKit = () => createWorkflowTestKit({ workflows, products });',
    `const input = ${JSON.stringify(input)};`,
    '',
    'async function created(kit: WorkflowTestKit): Promise<string> {',
    `  const process = await kit.start('create_${p}', input);`,
    `  expect(process.status).toBe('completed');`,
    '  return process.subscriptions[0]!.id;',
    '}',
    '',
    `describe('the ${words} workflows', () => {`,
    `  it('creates ${a} ${words}: active and in sync', async () => {`,
    '    const kit = newKit();',
    '    const subscriptionId = await created(kit);',
    `    expect(kit.subscriptions.find(subscriptionId)).toMatchObject({ status: 'active', insync: true });`,
    '  });',
    '',
    `  it('refuses to change nothing', async () => {`,
    '    const kit = newKit();',
    '    const subscriptionId = await created(kit);',
    `    await expect(kit.start('modify_${p}', { subscriptionId })).rejects.toMatchObject({ code: 'START_PREDICATE_FAILED' });`,
    '  });',
    '',
    ...modifyTest,
    ...(modifyTest.length ? [''] : []),
    `  it('validates ${a} ${words}', async () => {`,
    '    const kit = newKit();',
    '    const subscriptionId = await created(kit);',
    `    expect((await kit.start('validate_${p}', { subscriptionId })).status).toBe('completed');`,
    '  });',
    '',
    `  it('terminates ${a} ${words}', async () => {`,
    '    const kit = newKit();',
    '    const subscriptionId = await created(kit);',
    `    expect((await kit.start('terminate_${p}', { subscriptionId })).status).toBe('completed');`,
    `    expect(kit.subscriptions.find(subscriptionId)).toMatchObject({ status: 'terminated', insync: true });`,
    '  });',
    '});',
    '',
  ].join('\n');
}

/** Every file of the product, paths relative to its folder. */
export function productFiles(description: ProductDescription): GeneratedFile[] {
  const file = kebab(description.name);
  return [
    { path: `${file}-product.ts`, text: productFile(description) },
    ...workflowFiles(description),
    { path: `${file}-workflows.test.ts`, text: testFile(description) },
  ];
}
