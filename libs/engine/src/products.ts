import { z, type ZodType } from 'zod';
import { checkProductCatalog, type ProductCatalog } from './product-catalog';
import {
  ProductModelError,
  requirementOf,
  type AnyProductBlock,
  type ProductBlockDefinition,
  type RequiredFrom,
} from './product-blocks';

export const PRODUCT_STATUSES = ['active', 'pre-production', 'phase out', 'end of life'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Workflows every product allows when they are registered (ENGINE.md 13.9), as orchestrator-core's. */
export const EVERY_PRODUCT_WORKFLOWS: readonly string[] = ['modify_note'];

/** A CREATE workflow of a product in one of these statuses is refused (ENGINE.md 13.8). */
export const NOT_ORDERABLE_STATUSES: readonly ProductStatus[] = ['phase out', 'end of life'];

interface ProductOptionsBase {
  /** Unique, snake_case (for example `node`). */
  name: string;
  productType: string;
  tag: string;
  description: string;
  status?: ProductStatus;
  /** Fixed properties of the product, the same for every subscription (speed, vendor...). */
  fixedInputs?: Record<string, string>;
  /** Names of the workflows that may run on this product's subscriptions. */
  workflows: readonly string[];
}

export type ProductOptions = ProductOptionsBase &
  (
    | {
        /** A flat schema: every write of a subscription's data is validated against it. */
        data: ZodType;
        block?: undefined;
      }
    | {
        /** The root block (ENGINE.md 13.1): the data is a tree of its instances. */
        block: AnyProductBlock;
        data?: undefined;
      }
  );

export interface ProductDefinition {
  readonly name: string;
  readonly productType: string;
  readonly tag: string;
  readonly description: string;
  readonly status: ProductStatus;
  readonly fixedInputs: Readonly<Record<string, string>>;
  /** The flat schema of a product defined with `data`; null for a product defined with a root block. */
  readonly data: ZodType | null;
  /** The root block; for a flat product, a block named after it whose resources are its data's keys. */
  readonly block: AnyProductBlock;
  readonly workflows: readonly string[];
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** A sellable service definition, loaded next to the workflows (export named `products`). */
export function defineProduct(options: ProductOptions): ProductDefinition {
  if (!SNAKE_CASE.test(options.name)) {
    throw new TypeError(`product name "${options.name}" must be snake_case (for example node)`);
  }
  for (const field of ['productType', 'tag', 'description'] as const) {
    if (typeof options[field] !== 'string' || options[field].trim() === '') {
      throw new TypeError(`product "${options.name}": ${field} must be a non-empty string`);
    }
  }
  const hasData = options.data !== undefined;
  const hasBlock = options.block !== undefined;
  if (hasData === hasBlock) {
    throw new TypeError(`product "${options.name}": give either data (a zod schema) or block (its root block)`);
  }
  if (hasData && typeof (options.data as { safeParse?: unknown }).safeParse !== 'function') {
    throw new TypeError(`product "${options.name}": data must be a zod schema`);
  }
  if (hasBlock && (options.block as { kind?: unknown }).kind !== 'product_block') {
    throw new TypeError(`product "${options.name}": block must be a defineProductBlock(...) result`);
  }
  const fixedInputs = options.fixedInputs ?? {};
  for (const [key, value] of Object.entries(fixedInputs)) {
    if (typeof value !== 'string')
      throw new TypeError(`product "${options.name}": fixed input ${key} must be a string`);
  }
  return {
    name: options.name,
    productType: options.productType,
    tag: options.tag,
    description: options.description,
    status: options.status ?? 'active',
    fixedInputs: { ...fixedInputs },
    data: options.data ?? null,
    block: options.block ?? flatRootBlock(options.name, options.tag, options.description, options.data as ZodType),
    workflows: [...new Set(options.workflows)],
  };
}

/**
 * The root block of a product given a flat schema (ENGINE.md 13.1): named after the product, one resource per
 * key of the schema (when it is an object), each required from `initial` unless the schema lets it be missing.
 * The flat schema itself still checks the data, as before blocks existed.
 */
function flatRootBlock(name: string, tag: string, description: string, data: ZodType): ProductBlockDefinition {
  const shape = data instanceof z.ZodObject ? (data.shape as Record<string, ZodType>) : {};
  const block: ProductBlockDefinition = {
    kind: 'product_block',
    name,
    description,
    tag,
    resources: shape,
    blocks: {},
    requiredFrom: {},
    flatData: data,
  };
  const requiredFrom: Record<string, RequiredFrom> = {};
  for (const key of Object.keys(shape)) if (requirementOf(block, key)) requiredFrom[key] = 'initial';
  return { ...block, requiredFrom };
}

/**
 * The products this process knows, by name, and the blocks and resource types they are built from.
 * Duplicate names and an inconsistent model (an unknown child, min > max, a cycle) are start-up errors.
 */
export class ProductRegistry {
  private readonly byName = new Map<string, ProductDefinition>();
  private checked: ProductCatalog | undefined;

  constructor(products: Iterable<ProductDefinition> = []) {
    for (const product of products) this.add(product);
    this.catalog();
  }

  add(product: ProductDefinition): void {
    const existing = this.byName.get(product.name);
    if (existing && existing !== product) throw new ProductModelError(`product "${product.name}" is defined twice`);
    this.byName.set(product.name, product);
    this.checked = undefined;
  }

  get(name: string): ProductDefinition | undefined {
    return this.byName.get(name);
  }

  all(): ProductDefinition[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every block and resource type of the registered products, checked. Throws ProductModelError. */
  catalog(): ProductCatalog {
    this.checked ??= checkProductCatalog(this.all());
    return this.checked;
  }
}
