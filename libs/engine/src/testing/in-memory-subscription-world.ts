import { randomUUID } from 'node:crypto';
import { withoutIdentity } from '@orchestrator/domain';
import { OrchestratorError } from '../errors';
import { INSTANCE_ID_KEY, OWNER_ID_KEY, type BlockInstance } from '../product-blocks';
import type { ProductRegistry } from '../products';
import type { Subscription, SubscriptionStatus } from '../subscriptions';

// The tables of subscriptions as plain data (libs/db's subscriptions, instances, values, relations and
// process_subscriptions), for the in-memory subscription service. A step works on a copy (`structuredClone`)
// that replaces the committed world only when the step commits, as a transaction would.

export interface StoredSubscription {
  readonly id: string;
  readonly productName: string;
  customerId: string;
  description: string;
  status: SubscriptionStatus;
  insync: boolean;
  version: number;
  startDate: string | null;
  endDate: string | null;
  note: string | null;
  readonly createdSeq: number;
}

export interface StoredInstance {
  readonly id: string;
  readonly ownerSubscriptionId: string;
  readonly blockName: string;
  readonly isRoot: boolean;
  values: Record<string, unknown>;
}

export interface StoredRelation {
  readonly parentId: string;
  readonly attribute: string;
  readonly orderId: number;
  readonly childId: string;
  readonly seq: number;
}

/** A process linked to a subscription; `locked` while it holds it out of sync. */
export interface StoredLink {
  readonly processId: string;
  readonly subscriptionId: string;
  locked: boolean;
  before: Subscription | null;
  after: Subscription | null;
  readonly seq: number;
}

export interface SubscriptionWorld {
  subscriptions: Map<string, StoredSubscription>;
  instances: Map<string, StoredInstance>;
  relations: StoredRelation[];
  /** `relate(inUseById, dependsOnId)`: relations recorded between subscriptions. */
  explicit: { inUseById: string; dependsOnId: string; seq: number }[];
  links: StoredLink[];
  productIds: Map<string, string>;
  seq: number;
}

export function emptyWorld(): SubscriptionWorld {
  return {
    subscriptions: new Map(),
    instances: new Map(),
    relations: [],
    explicit: [],
    links: [],
    productIds: new Map(),
    seq: 0,
  };
}

export const subscriptionNotFound = (id: string) =>
  new OrchestratorError('SUBSCRIPTION_NOT_FOUND', `subscription ${id} not found`);

/** Reads of one world: subscriptions as steps see them, trees, dependencies. */
export class WorldReads {
  constructor(
    readonly world: SubscriptionWorld,
    private readonly products: ProductRegistry,
  ) {}

  nextSeq(): number {
    this.world.seq += 1;
    return this.world.seq;
  }

  stored(id: string): StoredSubscription {
    const found = typeof id === 'string' ? this.world.subscriptions.get(id.toLowerCase()) : undefined;
    if (!found) throw subscriptionNotFound(String(id));
    return found;
  }

  productId(productName: string): string {
    let id = this.world.productIds.get(productName);
    if (!id) {
      id = randomUUID();
      this.world.productIds.set(productName, id);
    }
    return id;
  }

  /** The subscription with its data as the tree (every identity shown). */
  model(id: string): Subscription {
    const stored = this.stored(id);
    return {
      id: stored.id,
      productId: this.productId(stored.productName),
      productName: stored.productName,
      customerId: stored.customerId,
      description: stored.description,
      status: stored.status,
      insync: stored.insync,
      version: stored.version,
      startDate: stored.startDate,
      endDate: stored.endDate,
      note: stored.note,
      data: this.tree(stored.id) ?? {},
      dependsOn: this.dependsOn(stored.id),
      inUseBy: this.inUseBy(stored.id),
    };
  }

  /** As `get` and `list` answer it: a flat product's data without its root's identity. */
  asStepSees(id: string): Subscription {
    const model = this.model(id);
    if (!this.products.get(model.productName)?.data) return model;
    return { ...model, data: withoutIdentity(model.data) as Record<string, unknown> };
  }

  rootOf(subscriptionId: string): StoredInstance | undefined {
    for (const instance of this.world.instances.values()) {
      if (instance.ownerSubscriptionId === subscriptionId && instance.isRoot) return instance;
    }
    return undefined;
  }

  ownInstanceIds(subscriptionId: string): string[] {
    return [...this.world.instances.values()].filter((i) => i.ownerSubscriptionId === subscriptionId).map((i) => i.id);
  }

  /** The tree from the root instance down the relations (into other subscriptions' instances). */
  tree(subscriptionId: string): BlockInstance | undefined {
    const root = this.rootOf(subscriptionId);
    return root ? this.node(root, [root.id]) : undefined;
  }

  private node(instance: StoredInstance, trail: string[]): BlockInstance {
    const node: BlockInstance = {
      [INSTANCE_ID_KEY]: instance.id,
      [OWNER_ID_KEY]: instance.ownerSubscriptionId,
      ...structuredClone(instance.values),
    };
    const block = this.products.catalog().blocks.get(instance.blockName);
    const children = block ? this.products.catalog().children(block) : [];
    for (const child of children) if (child.kind === 'list') node[child.attribute] = [];
    const relations = this.world.relations
      .filter((r) => r.parentId === instance.id && !trail.includes(r.childId))
      .sort((a, b) => a.attribute.localeCompare(b.attribute) || a.orderId - b.orderId);
    for (const relation of relations) {
      const child = this.world.instances.get(relation.childId);
      if (!child) continue;
      const value = this.node(child, [...trail, child.id]);
      const kind = children.find((c) => c.attribute === relation.attribute)?.kind;
      if (kind === 'list') (node[relation.attribute] as unknown[]).push(value);
      else node[relation.attribute] = value;
    }
    return node;
  }

  /** Owners of other subscriptions' instances that this one's instances use. */
  usedOwners(subscriptionId: string): string[] {
    const owners = new Set<string>();
    for (const relation of this.world.relations) {
      const parent = this.world.instances.get(relation.parentId);
      const child = this.world.instances.get(relation.childId);
      if (parent?.ownerSubscriptionId === subscriptionId && child && child.ownerSubscriptionId !== subscriptionId) {
        owners.add(child.ownerSubscriptionId);
      }
    }
    return [...owners];
  }

  dependsOn(subscriptionId: string): string[] {
    return this.related(subscriptionId, 'dependsOn');
  }

  inUseBy(subscriptionId: string): string[] {
    return this.related(subscriptionId, 'inUseBy');
  }

  /** Explicit relations and those derived from instances, oldest first, each once. */
  private related(subscriptionId: string, direction: 'dependsOn' | 'inUseBy'): string[] {
    const found: { id: string; seq: number }[] = [];
    for (const relation of this.world.explicit) {
      if (direction === 'dependsOn' && relation.inUseById === subscriptionId) {
        found.push({ id: relation.dependsOnId, seq: relation.seq });
      }
      if (direction === 'inUseBy' && relation.dependsOnId === subscriptionId) {
        found.push({ id: relation.inUseById, seq: relation.seq });
      }
    }
    for (const relation of this.world.relations) {
      const parent = this.world.instances.get(relation.parentId)?.ownerSubscriptionId;
      const child = this.world.instances.get(relation.childId)?.ownerSubscriptionId;
      if (!parent || !child || parent === child) continue;
      if (direction === 'dependsOn' && parent === subscriptionId) found.push({ id: child, seq: relation.seq });
      if (direction === 'inUseBy' && child === subscriptionId) found.push({ id: parent, seq: relation.seq });
    }
    const first = new Map<string, number>();
    for (const { id, seq } of found) first.set(id, Math.min(seq, first.get(id) ?? Infinity));
    return [...first.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  }

  /** Subscriptions (other than this one) whose trees contain an instance this one owns. */
  dependentTrees(subscriptionId: string): string[] {
    const ids = new Set(this.ownInstanceIds(subscriptionId));
    const found = new Set<string>();
    for (const other of this.world.subscriptions.keys()) {
      if (other === subscriptionId) continue;
      if (containsInstance(this.tree(other), ids)) found.add(other);
    }
    return [...found].sort();
  }
}

function containsInstance(node: unknown, ids: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((item) => containsInstance(item, ids));
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if (typeof record[INSTANCE_ID_KEY] === 'string' && ids.has(record[INSTANCE_ID_KEY])) return true;
  return Object.values(record).some((value) => containsInstance(value, ids));
}
