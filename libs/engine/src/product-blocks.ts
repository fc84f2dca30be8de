import type { z, ZodType } from 'zod';

// Product blocks (ENGINE.md 13.1): the reusable parts a product's data is made of, as orchestrator-core's
// ProductBlockModel. A block has resources (values, each checked by a zod schema) and child blocks (one,
// optional, or a list with a minimum and maximum), each required from a lifecycle status on.

/** From which lifecycle status on a resource or child block must be present (ENGINE.md 13.4). */
export const REQUIRED_FROM = ['initial', 'provisioning', 'active'] as const;
export type RequiredFrom = (typeof REQUIRED_FROM)[number];

/** Keys every instance of a block carries in a subscription's tree; no resource or child may use them. */
export const INSTANCE_ID_KEY = 'subscriptionInstanceId';
export const OWNER_ID_KEY = 'ownerSubscriptionId';

/** A resource or child block's key: it becomes a resource type's name or a relation's attribute. */
const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Thrown for a product model that cannot work; start-up stops with its message, one line. */
export class ProductModelError extends Error {
  override readonly name = 'ProductModelError';
}

/** A child block: the block itself, or its name (resolved among the registered blocks at start-up). */
export type BlockRef = AnyProductBlock | string;

/** `optional(Block)`: present or not, at every lifecycle status. */
export interface OptionalChild<B extends BlockRef = BlockRef> {
  readonly kind: 'optional';
  readonly block: B;
}

/** `list(Block, { min, max })`: `min` is required from the child's `requiredFrom` status on; `max` always. */
export interface ListChild<B extends BlockRef = BlockRef> {
  readonly kind: 'list';
  readonly block: B;
  readonly min: number;
  readonly max: number | null;
}

export type ChildBlockSpec = BlockRef | OptionalChild | ListChild;

export type ResourceSchemas = Record<string, ZodType>;
export type ChildBlockSpecs = Record<string, ChildBlockSpec>;

export interface ProductBlockOptions<R extends ResourceSchemas, C extends ChildBlockSpecs> {
  /** Unique among blocks (letters, digits and `_`), as `port` or `PortBlock`. */
  name: string;
  description: string;
  tag: string;
  /** Each resource's schema checks its value when present; `.describe()` gives its resource type a description. */
  resources?: R;
  blocks?: C;
  /** From which status on each resource or child must be present; default `active` (ENGINE.md 13.4). */
  requiredFrom?: Partial<Record<Extract<keyof R | keyof C, string>, RequiredFrom>>;
}

export interface ProductBlockDefinition<
  R extends ResourceSchemas = ResourceSchemas,
  C extends ChildBlockSpecs = ChildBlockSpecs,
> {
  readonly kind: 'product_block';
  readonly name: string;
  readonly description: string;
  readonly tag: string;
  readonly resources: Readonly<R>;
  readonly blocks: Readonly<C>;
  /** Explicit requirements; `requirementOf` gives every key's. */
  readonly requiredFrom: Readonly<Record<string, RequiredFrom>>;
  /** The root block of a product defined with a flat `data` schema: that schema checks the whole data. */
  readonly flatData?: ZodType;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProductBlock = ProductBlockDefinition<any, any>;

/** A reusable part of products' data: resources and child blocks (ENGINE.md 13.1). */
export function defineProductBlock<
  R extends ResourceSchemas = Record<never, never>,
  C extends ChildBlockSpecs = Record<never, never>,
>(options: ProductBlockOptions<R, C>): ProductBlockDefinition<R, C> {
  const where = `product block "${String(options.name)}"`;
  if (typeof options.name !== 'string' || !KEY.test(options.name)) {
    throw new ProductModelError(`${where}: a block name is a letter then letters, digits or "_"`);
  }
  for (const field of ['description', 'tag'] as const) {
    if (typeof options[field] !== 'string' || options[field].trim() === '') {
      throw new ProductModelError(`${where}: ${field} must be a non-empty string`);
    }
  }
  const resources = options.resources ?? ({} as R);
  const blocks = options.blocks ?? ({} as C);
  for (const [key, schema] of Object.entries(resources)) {
    checkKey(where, key);
    if (!schema || typeof (schema as { safeParse?: unknown }).safeParse !== 'function') {
      throw new ProductModelError(`${where}: resource "${key}" must be a zod schema`);
    }
  }
  for (const [key, spec] of Object.entries(blocks)) {
    checkKey(where, key);
    if (Object.hasOwn(resources, key)) throw new ProductModelError(`${where}: "${key}" is both a resource and a block`);
    checkChildSpec(`${where}, child "${key}"`, spec);
  }
  const requiredFrom: Record<string, RequiredFrom> = {};
  for (const [key, from] of Object.entries(options.requiredFrom ?? {}) as [string, RequiredFrom][]) {
    if (!Object.hasOwn(resources, key) && !Object.hasOwn(blocks, key)) {
      throw new ProductModelError(`${where}: requiredFrom names "${key}", which is neither a resource nor a block`);
    }
    if (!(REQUIRED_FROM as readonly string[]).includes(from)) {
      throw new ProductModelError(`${where}: requiredFrom of "${key}" must be one of ${REQUIRED_FROM.join(', ')}`);
    }
    const spec = blocks[key];
    if (spec !== undefined && childKind(spec as ChildBlockSpec) === 'optional') {
      throw new ProductModelError(`${where}: "${key}" is optional, so it cannot be required from ${from}`);
    }
    requiredFrom[key] = from;
  }
  return {
    kind: 'product_block',
    name: options.name,
    description: options.description,
    tag: options.tag,
    resources,
    blocks,
    requiredFrom,
  };
}

/** A child block that may be missing at every lifecycle status. */
export function optional<B extends BlockRef>(block: B): OptionalChild<B> {
  return { kind: 'optional', block };
}

/** A list of child blocks; `min` counts from the child's requiredFrom status on (default active), `max` always. */
export function list<B extends BlockRef>(block: B, options: { min?: number; max?: number } = {}): ListChild<B> {
  return { kind: 'list', block, min: options.min ?? 0, max: options.max ?? null };
}

export type ChildKind = 'one' | 'optional' | 'list';

export function childKind(spec: ChildBlockSpec): ChildKind {
  if (typeof spec === 'string' || spec.kind === 'product_block') return 'one';
  return spec.kind;
}

/** The block a child spec names (or its name, for a reference by name). */
export function childBlockRef(spec: ChildBlockSpec): BlockRef {
  return typeof spec === 'string' || spec.kind === 'product_block' ? spec : spec.block;
}

/**
 * When the resource or child `key` of `block` must be present: null when never (an optional child, or a
 * resource whose schema accepts a missing value and that has no explicit requiredFrom).
 */
export function requirementOf(block: AnyProductBlock, key: string): RequiredFrom | null {
  const explicit = block.requiredFrom[key];
  if (explicit) return explicit;
  const spec = (block.blocks as ChildBlockSpecs)[key];
  if (spec !== undefined) return childKind(spec) === 'optional' ? null : 'active';
  const schema = (block.resources as ResourceSchemas)[key];
  if (schema === undefined) return null;
  return acceptsMissing(schema) ? null : 'active';
}

/** Whether a schema accepts `undefined` (an optional or defaulted field). */
export function acceptsMissing(schema: ZodType): boolean {
  try {
    return schema.safeParse(undefined).success;
  } catch {
    return false;
  }
}

/** The description a resource's schema carries (`.describe(...)`), or null. */
export function resourceDescription(schema: ZodType): string | null {
  const description = (schema as { description?: unknown }).description;
  return typeof description === 'string' && description.trim() !== '' ? description : null;
}

function checkKey(where: string, key: string): void {
  if (!KEY.test(key))
    throw new ProductModelError(`${where}: "${key}" is not a key (a letter then letters, digits or "_")`);
  if (key === INSTANCE_ID_KEY || key === OWNER_ID_KEY) {
    throw new ProductModelError(`${where}: "${key}" is reserved for the instance's identity`);
  }
}

function checkChildSpec(where: string, spec: unknown): void {
  const candidate = spec as { kind?: string; block?: unknown } | string | null;
  if (typeof candidate === 'string') {
    if (!KEY.test(candidate)) throw new ProductModelError(`${where}: "${candidate}" is not a block name`);
    return;
  }
  if (candidate === null || typeof candidate !== 'object') {
    throw new ProductModelError(`${where}: a child is a block, its name, optional(block) or list(block)`);
  }
  if (candidate.kind === 'product_block') return;
  if (candidate.kind !== 'optional' && candidate.kind !== 'list') {
    throw new ProductModelError(`${where}: a child is a block, its name, optional(block) or list(block)`);
  }
  checkChildSpec(where, candidate.block);
  if (candidate.kind === 'list') {
    const { min, max } = candidate as unknown as ListChild;
    if (!Number.isInteger(min) || min < 0) throw new ProductModelError(`${where}: min must be a whole number >= 0`);
    if (max !== null && (!Number.isInteger(max) || max < 1)) {
      throw new ProductModelError(`${where}: max must be a whole number >= 1`);
    }
    if (max !== null && min > max) throw new ProductModelError(`${where}: min ${min} is more than max ${max}`);
  }
}

// The TypeScript view of a block's instances in a subscription's tree (what `ctx.subscriptions.load` gives).
// Which keys are present depends on the lifecycle status, so every resource and child is optional here.

/** The identity every saved instance carries; a new instance has none until it is saved. */
export interface InstanceIdentity {
  subscriptionInstanceId?: string;
  ownerSubscriptionId?: string;
}

/** One block instance as a plain object: its identity, resources and children. */
export type BlockInstance = InstanceIdentity & { [key: string]: unknown };

type ChildModel<S> =
  S extends ListChild<infer B>
    ? BlockModel<B>[]
    : S extends OptionalChild<infer B>
      ? BlockModel<B>
      : S extends AnyProductBlock
        ? BlockModel<S>
        : BlockInstance;

/** The instances of block `B` as the model shows them: `BlockModel<typeof portBlock>`. */
export type BlockModel<B> =
  B extends ProductBlockDefinition<infer R, infer C>
    ? InstanceIdentity & { [K in keyof R]?: z.output<R[K]> } & { [K in keyof C]?: ChildModel<C[K]> }
    : BlockInstance;
