import {
  childBlockRef,
  childKind,
  ProductModelError,
  requirementOf,
  resourceDescription,
  type AnyProductBlock,
  type ChildBlockSpecs,
  type ChildKind,
  type RequiredFrom,
  type ResourceSchemas,
} from './product-blocks';

/** A resource type (ENGINE.md 13.2): a resource key, shared by every block that has it. */
export interface ResourceTypeDefinition {
  readonly name: string;
  readonly description: string | null;
  /** Names of the blocks that have it. */
  readonly blocks: readonly string[];
}

/** A child of a block, resolved. */
export interface ResolvedChild {
  readonly attribute: string;
  readonly block: AnyProductBlock;
  readonly kind: ChildKind;
  readonly min: number;
  readonly max: number | null;
  readonly requiredFrom: RequiredFrom | null;
}

/** The checked product model: every block reachable from the products, and the resource types. */
export interface ProductCatalog {
  readonly blocks: ReadonlyMap<string, AnyProductBlock>;
  readonly resourceTypes: readonly ResourceTypeDefinition[];
  /** The children of a block, with named references resolved. */
  children(block: AnyProductBlock): readonly ResolvedChild[];
  /** Names of the products whose tree contains the block. */
  productsUsing(blockName: string): readonly string[];
}

interface CatalogProduct {
  readonly name: string;
  readonly block: AnyProductBlock;
}

/**
 * Collects the blocks reachable from the products (by object; names resolve among them) and checks the
 * model: one definition per block name, every named child defined, no block containing itself, one
 * description per resource type. The first problem is thrown as a ProductModelError naming it.
 */
export function checkProductCatalog(products: readonly CatalogProduct[]): ProductCatalog {
  const blocks = new Map<string, AnyProductBlock>();
  const collect = (block: AnyProductBlock, via: string): void => {
    const existing = blocks.get(block.name);
    if (existing === block) return;
    if (existing) {
      throw new ProductModelError(
        `product block "${block.name}" is defined twice (the second one reached through ${via})`,
      );
    }
    blocks.set(block.name, block);
    for (const [key, spec] of Object.entries(block.blocks as ChildBlockSpecs)) {
      const ref = childBlockRef(spec);
      if (typeof ref !== 'string') collect(ref, `block "${block.name}", child "${key}"`);
    }
  };
  for (const product of products) collect(product.block, `product "${product.name}"`);

  const resolvedChildren = new Map<AnyProductBlock, ResolvedChild[]>();
  for (const block of blocks.values()) {
    resolvedChildren.set(
      block,
      Object.entries(block.blocks as ChildBlockSpecs).map(([attribute, spec]) => {
        const ref = childBlockRef(spec);
        const child = typeof ref === 'string' ? blocks.get(ref) : ref;
        if (!child) {
          throw new ProductModelError(
            `product block "${block.name}": child "${attribute}" names block "${String(ref)}", which is not defined`,
          );
        }
        const kind = childKind(spec);
        const bounds = kind === 'list' ? (spec as { min: number; max: number | null }) : { min: 0, max: null };
        return {
          attribute,
          block: child,
          kind,
          min: bounds.min,
          max: bounds.max,
          requiredFrom: requirementOf(block, attribute),
        };
      }),
    );
  }
  const children = (block: AnyProductBlock) => resolvedChildren.get(block) ?? [];
  checkCycles(blocks, children);

  return {
    blocks,
    resourceTypes: resourceTypesOf(blocks),
    children,
    productsUsing: (name) =>
      products
        .filter((product) => reaches(product.block, name, children, new Set()))
        .map((product) => product.name)
        .sort(),
  };
}

function checkCycles(
  blocks: ReadonlyMap<string, AnyProductBlock>,
  children: (block: AnyProductBlock) => readonly ResolvedChild[],
): void {
  const done = new Set<AnyProductBlock>();
  const visit = (block: AnyProductBlock, trail: AnyProductBlock[]): void => {
    if (done.has(block)) return;
    const at = trail.indexOf(block);
    if (at >= 0) {
      const cycle = [...trail.slice(at), block].map((b) => b.name).join(' -> ');
      throw new ProductModelError(`product blocks form a cycle: ${cycle}`);
    }
    for (const child of children(block)) visit(child.block, [...trail, block]);
    done.add(block);
  };
  for (const block of blocks.values()) visit(block, []);
}

function reaches(
  from: AnyProductBlock,
  name: string,
  children: (block: AnyProductBlock) => readonly ResolvedChild[],
  seen: Set<AnyProductBlock>,
): boolean {
  if (from.name === name) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return children(from).some((child) => reaches(child.block, name, children, seen));
}

function resourceTypesOf(blocks: ReadonlyMap<string, AnyProductBlock>): ResourceTypeDefinition[] {
  const types = new Map<string, { description: string | null; describedBy: string | null; blocks: string[] }>();
  for (const block of [...blocks.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const [key, schema] of Object.entries(block.resources as ResourceSchemas)) {
      const description = resourceDescription(schema);
      const type = types.get(key) ?? { description: null, describedBy: null, blocks: [] };
      if (description !== null) {
        if (type.description !== null && type.description !== description) {
          throw new ProductModelError(
            `resource type "${key}" is described differently by blocks "${type.describedBy}" and "${block.name}"`,
          );
        }
        type.description = description;
        type.describedBy = block.name;
      }
      type.blocks.push(block.name);
      types.set(key, type);
    }
  }
  return [...types.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, type]) => ({ name, description: type.description, blocks: type.blocks }));
}
