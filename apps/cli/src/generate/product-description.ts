import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// The description `orchestrator generate product` reads (YAML or JSON), after orchestrator-core's generator
// (orchestrator/core/cli/generator/products/workshop/*.yaml): the product, its fixed inputs and its product
// blocks, each with fields. The first block is the product's root block.

const KEY = /^[a-z][a-z0-9_]*$/;
const key = (what: string) =>
  z.string().regex(KEY, `${what} is snake_case: a lower-case letter, then letters, digits or _`);

/** Field types and the zod schema each becomes; another block's name makes the field a child block. */
export const SCALAR_TYPES = {
  str: 'z.string().min(1)',
  int: 'z.number().int()',
  float: 'z.number()',
  bool: 'z.boolean()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
} as const;
export type ScalarType = keyof typeof SCALAR_TYPES;

const field = z.strictObject({
  name: key('a field name'),
  /** str, int, float, bool, ipv4, ipv6, enum, list (of list_type), or the name of another block. */
  type: z.string().min(1),
  description: z.string().min(1).optional(),
  /** From which lifecycle status on the field must be there (default active). */
  required: z.enum(['initial', 'provisioning', 'active']).optional(),
  /** For a child block: it may be missing. */
  optional: z.boolean().optional(),
  /** For enum: the values allowed. */
  values: z.array(z.string().min(1)).min(1).optional(),
  /** For list: the block of its items, and how many. */
  list_type: key('list_type').optional(),
  min_items: z.number().int().min(0).optional(),
  max_items: z.number().int().min(1).optional(),
});
export type FieldDescription = z.output<typeof field>;

const block = z.strictObject({
  name: key('a block name'),
  description: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  fields: z.array(field).min(1),
});
export type BlockDescription = z.output<typeof block>;

export const productDescription = z.strictObject({
  name: key('the product name'),
  type: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  fixed_inputs: z.array(z.strictObject({ name: key('a fixed input'), value: z.string() })).optional(),
  product_blocks: z.array(block).min(1),
});
export type ProductDescription = z.output<typeof productDescription>;

export class DescriptionError extends Error {
  override readonly name = 'DescriptionError';
}

/** Reads and checks a description file; every problem in one line naming the file and the path. */
export function readProductDescription(file: string, productName?: string): ProductDescription {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new DescriptionError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const withName = productName && raw && typeof raw === 'object' ? { name: productName, ...raw } : raw;
  const parsed = productDescription.safeParse(withName);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new DescriptionError(`${file}: ${problems.join('; ')}`);
  }
  if (productName && parsed.data.name !== productName) {
    throw new DescriptionError(`${file}: describes product "${parsed.data.name}", not "${productName}"`);
  }
  checkFields(file, parsed.data);
  return parsed.data;
}

function checkFields(file: string, description: ProductDescription): void {
  const blocks = new Set(description.product_blocks.map((b) => b.name));
  for (const [index, described] of description.product_blocks.entries()) {
    for (const f of described.fields) {
      const where = `${file}: product_blocks.${index} (${described.name}), field ${f.name}`;
      if (f.type === 'enum' && !f.values) throw new DescriptionError(`${where}: an enum needs values`);
      if (f.type === 'list' && (!f.list_type || !blocks.has(f.list_type))) {
        throw new DescriptionError(`${where}: a list needs list_type, one of the blocks (${[...blocks].join(', ')})`);
      }
      const known = f.type in SCALAR_TYPES || f.type === 'enum' || f.type === 'list' || blocks.has(f.type);
      if (!known) {
        throw new DescriptionError(
          `${where}: type "${f.type}" is none of ${[...Object.keys(SCALAR_TYPES), 'enum', 'list'].join(', ')} nor a block`,
        );
      }
      if ((f.type === 'list' || blocks.has(f.type)) && f.type === described.name) {
        throw new DescriptionError(`${where}: a block cannot contain itself`);
      }
    }
  }
}

/** Whether the field is a child block (one, optional or a list) rather than a resource. */
export function isChild(description: ProductDescription, f: FieldDescription): boolean {
  return f.type === 'list' || description.product_blocks.some((b) => b.name === f.type);
}
