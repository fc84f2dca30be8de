import {
  assertJsonSerialisable,
  INSTANCE_ID_KEY,
  isUuid,
  OWNER_ID_KEY,
  requirementOf,
  type AnyProductBlock,
  type ProductCatalog,
  type RequiredFrom,
  type ResourceSchemas,
  type SubscriptionStatus,
} from '@orchestrator/engine';
import type { DataProblem } from './subscription-data';

// Lifecycle typing (ENGINE.md 13.4) and the plan of what a save writes (13.3, 13.5): a subscription's data is a
// tree of block instances; each instance it owns is checked against its block for the subscription's status,
// and each instance owned by another subscription is only a reference (its owner checks it).

/** How far a status is in the lifecycle: what is required from `provisioning` on holds in provisioning and later. */
const STATUS_LEVEL: Record<SubscriptionStatus, number> = {
  initial: 0,
  provisioning: 1,
  active: 2,
  disabled: 2,
  migrating: 2,
  // A terminated subscription has given its resources back: nothing is required any more.
  terminated: 0,
};
const REQUIRED_LEVEL: Record<RequiredFrom, number> = { initial: 0, provisioning: 1, active: 2 };

/** Whether something required from `from` on must be present at `status`. */
export function isRequiredAt(from: RequiredFrom | null, status: SubscriptionStatus): boolean {
  return from !== null && STATUS_LEVEL[status] >= REQUIRED_LEVEL[from];
}

/** What the database knows of an instance the tree names by `subscriptionInstanceId`. */
export interface InstanceFacts {
  readonly ownerSubscriptionId: string;
  readonly ownerStatus: SubscriptionStatus;
  readonly blockName: string;
}

export interface PlannedInstance {
  readonly id: string;
  readonly blockName: string;
  readonly isRoot: boolean;
  /** The instance is not stored yet. */
  readonly isNew: boolean;
  /** Resource values (parsed by their schemas), absent ones left out. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface PlannedRelation {
  readonly parentId: string;
  readonly attribute: string;
  readonly orderId: number;
  readonly childId: string;
}

export type BlockTreePlan =
  | {
      readonly ok: true;
      /** The instances this subscription owns, root first. */
      readonly instances: readonly PlannedInstance[];
      readonly relations: readonly PlannedRelation[];
      /** Owners of the instances of other subscriptions the tree uses. */
      readonly usedOwners: readonly string[];
    }
  | { readonly ok: false; readonly problems: DataProblem[] };

export interface BlockTreeInput {
  readonly subscriptionId: string;
  readonly status: SubscriptionStatus;
  readonly root: AnyProductBlock;
  readonly catalog: ProductCatalog;
  readonly data: unknown;
  /** Facts of every instance id the tree names. */
  readonly facts: ReadonlyMap<string, InstanceFacts>;
  /** The root instance the subscription has now, reused when the tree's root carries no id. */
  readonly existingRootId: string | null;
  readonly newId: () => string;
}

/** Every `subscriptionInstanceId` anywhere in a tree: what the database is asked about before planning. */
export function instanceIdsIn(data: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(data)) {
    for (const item of data) instanceIdsIn(item, found);
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (key === INSTANCE_ID_KEY && typeof value === 'string' && isUuid(value)) found.add(value.toLowerCase());
      else instanceIdsIn(value, found);
    }
  }
  return found;
}

/**
 * Checks the tree against the root block for the status and plans the instances, values and relations to
 * store; every problem is reported with its dotted path (`endpoints.1.port`), nothing is planned then.
 */
export function planBlockTree(input: BlockTreeInput): BlockTreePlan {
  const problems: DataProblem[] = [];
  const instances: PlannedInstance[] = [];
  const relations: PlannedRelation[] = [];
  const usedOwners = new Set<string>();
  const seen = new Map<string, string>();

  /** Walks one node; answers the id of the instance it stands for, or null when it is not usable. */
  const walk = (node: unknown, block: AnyProductBlock, path: string, isRoot: boolean): string | null => {
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      problems.push({ path, message: `expected an object (an instance of block ${block.name})` });
      return null;
    }
    const record = node as Record<string, unknown>;
    const given = record[INSTANCE_ID_KEY];
    let id: string;
    let isNew = false;
    if (given !== undefined && given !== null) {
      if (typeof given !== 'string' || !isUuid(given)) {
        problems.push({ path: at(INSTANCE_ID_KEY), message: 'must be the UUID of a block instance' });
        return null;
      }
      id = given.toLowerCase();
      const facts = input.facts.get(id);
      if (!facts) {
        problems.push({ path: at(INSTANCE_ID_KEY), message: `no block instance ${id}` });
        return null;
      }
      if (facts.blockName !== block.name) {
        problems.push({ path, message: `instance ${id} is a ${facts.blockName}, expected a ${block.name}` });
        return null;
      }
      if (facts.ownerSubscriptionId !== input.subscriptionId) {
        if (isRoot) {
          problems.push({
            path,
            message: `the root block must belong to this subscription, not to ${facts.ownerSubscriptionId}`,
          });
          return null;
        }
        if (facts.ownerStatus === 'terminated') {
          problems.push({
            path,
            message: `instance ${id} belongs to subscription ${facts.ownerSubscriptionId}, which is terminated`,
          });
          return null;
        }
        // An instance of another subscription: related to, never written (its owner checks its content).
        usedOwners.add(facts.ownerSubscriptionId);
        return id;
      }
      if (isRoot !== (id === input.existingRootId)) {
        problems.push({
          path: at(INSTANCE_ID_KEY),
          message: isRoot ? `the root is instance ${String(input.existingRootId)}` : `instance ${id} is the root`,
        });
        return null;
      }
    } else if (isRoot && input.existingRootId) {
      id = input.existingRootId;
    } else {
      const owner = record[OWNER_ID_KEY];
      if (owner !== undefined && owner !== null && owner !== input.subscriptionId) {
        problems.push({
          path: at(OWNER_ID_KEY),
          message: `a new instance belongs to this subscription; name an instance of ${String(owner)} by its subscriptionInstanceId`,
        });
        return null;
      }
      id = input.newId();
      isNew = true;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push({
        path,
        message: `instance ${id} is already at ${earlier || '(the root)'}; an instance has one place`,
      });
      return null;
    }
    seen.set(id, path);

    const values = checkResources(record, block, input.status, at, problems);
    instances.push({ id, blockName: block.name, isRoot, isNew, values });
    const resources = block.resources as ResourceSchemas;
    for (const key of Object.keys(record)) {
      if (key === INSTANCE_ID_KEY || key === OWNER_ID_KEY || Object.hasOwn(resources, key)) continue;
      if (!Object.hasOwn(block.blocks, key)) {
        problems.push({ path: at(key), message: `block ${block.name} has no resource or child block "${key}"` });
      }
    }
    for (const child of input.catalog.children(block)) {
      const value = record[child.attribute];
      const required = isRequiredAt(child.requiredFrom, input.status);
      const childPath = at(child.attribute);
      if (child.kind === 'list') {
        if (value !== undefined && value !== null && !Array.isArray(value)) {
          problems.push({ path: childPath, message: `expected a list of ${child.block.name}` });
          continue;
        }
        const items = (value ?? []) as unknown[];
        if (required && items.length < child.min) {
          problems.push({
            path: childPath,
            message: `at least ${child.min} ${child.block.name} required from ${child.requiredFrom ?? 'active'} on (the subscription is ${input.status}); got ${items.length}`,
          });
        }
        if (child.max !== null && items.length > child.max) {
          problems.push({ path: childPath, message: `at most ${child.max} ${child.block.name}; got ${items.length}` });
        }
        items.forEach((item, orderId) => {
          const childId = walk(item, child.block, `${childPath}.${orderId}`, false);
          if (childId) relations.push({ parentId: id, attribute: child.attribute, orderId, childId });
        });
      } else if (value === undefined || value === null) {
        if (required) problems.push({ path: childPath, message: requiredMessage(child.requiredFrom, input.status) });
      } else {
        const childId = walk(value, child.block, childPath, false);
        if (childId) relations.push({ parentId: id, attribute: child.attribute, orderId: 0, childId });
      }
    }
    return id;
  };

  walk(input.data, input.root, '', true);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, instances, relations, usedOwners: [...usedOwners].sort() };
}

function checkResources(
  record: Record<string, unknown>,
  block: AnyProductBlock,
  status: SubscriptionStatus,
  at: (key: string) => string,
  problems: DataProblem[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(block.resources as ResourceSchemas)) {
    const value = record[key];
    const from = requirementOf(block, key);
    if ((value === undefined || value === null) && isRequiredAt(from, status)) {
      problems.push({ path: at(key), message: requiredMessage(from, status) });
      continue;
    }
    // A missing value is parsed too: a schema with a default gives it.
    const parsed = schema.safeParse(value === null ? undefined : value);
    if (!parsed.success) {
      if (value === undefined || value === null) continue;
      for (const issue of parsed.error.issues) {
        problems.push({ path: [at(key), ...issue.path.map(String)].join('.'), message: issue.message });
      }
      continue;
    }
    if (parsed.data === undefined || parsed.data === null) continue;
    try {
      assertJsonSerialisable(parsed.data, at(key));
      values[key] = parsed.data;
    } catch (error) {
      problems.push({ path: at(key), message: (error as Error).message });
    }
  }
  return values;
}

function requiredMessage(from: RequiredFrom | null, status: SubscriptionStatus): string {
  return `required from ${from ?? 'active'} on (the subscription is ${status})`;
}
