import type { ZodType } from 'zod';

export const PRODUCT_STATUSES = ['active', 'pre-production', 'phase out', 'end of life'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface ProductOptions {
  /** Unique, snake_case (for example `node`). */
  name: string;
  productType: string;
  tag: string;
  description: string;
  status?: ProductStatus;
  /** Fixed properties of the product, the same for every subscription (speed, vendor...). */
  fixedInputs?: Record<string, string>;
  /** Every write of a subscription's data is validated against this schema. */
  data: ZodType;
  /** Names of the workflows that may run on this product's subscriptions. */
  workflows: readonly string[];
}

export interface ProductDefinition {
  readonly name: string;
  readonly productType: string;
  readonly tag: string;
  readonly description: string;
  readonly status: ProductStatus;
  readonly fixedInputs: Readonly<Record<string, string>>;
  readonly data: ZodType;
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
  if (!options.data || typeof (options.data as { safeParse?: unknown }).safeParse !== 'function') {
    throw new TypeError(`product "${options.name}": data must be a zod schema`);
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
    data: options.data,
    workflows: [...new Set(options.workflows)],
  };
}

/** The products this process knows, by name. Duplicate names are a start-up error. */
export class ProductRegistry {
  private readonly byName = new Map<string, ProductDefinition>();

  constructor(products: Iterable<ProductDefinition> = []) {
    for (const product of products) this.add(product);
  }

  add(product: ProductDefinition): void {
    const existing = this.byName.get(product.name);
    if (existing && existing !== product) throw new Error(`product "${product.name}" is defined twice`);
    this.byName.set(product.name, product);
  }

  get(name: string): ProductDefinition | undefined {
    return this.byName.get(name);
  }

  all(): ProductDefinition[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
