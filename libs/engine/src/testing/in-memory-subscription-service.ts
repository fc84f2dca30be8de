import { randomUUID } from 'node:crypto';
import {
  checkedSubscriptionStatus as checkedStatus,
  checkSubscriptionData,
  invalidSubscriptionData as invalidData,
  requireSubscriptionText as requireText,
  instanceIdsIn,
  planBlockTree,
  type InstanceFacts,
  type PlannedInstance,
  type PlannedRelation,
} from '@orchestrator/domain';
import { OrchestratorError } from '../errors';
import type { BlockInstance } from '../product-blocks';
import { NOT_ORDERABLE_STATUSES, type ProductDefinition, type ProductRegistry } from '../products';
import {
  SUBSCRIPTION_STATUSES,
  type CreateSubscriptionInput,
  type Subscription,
  type SubscriptionFilter,
  type SubscriptionModel,
  type SubscriptionModelInput,
  type SubscriptionService,
  type SubscriptionStatus,
  type UpdateSubscriptionInput,
} from '../subscriptions';
import { WorldReads, type StoredSubscription, type SubscriptionWorld } from './in-memory-subscription-world';

export interface InMemorySubscriptionServiceOptions {
  readonly products: ProductRegistry;
  /** The process the service acts for (create links to it, holdLock and releaseLocks are its). */
  readonly processId: string;
  /** Whether another process is still open (neither completed nor aborted): releaseLocks hands it the lock. */
  readonly isOpen?: (processId: string) => boolean;
  readonly now?: () => Date;
}

/**
 * `ctx.subscriptions` in memory, with the promises of PostgresSubscriptionService (the subscription-service
 * contract suite holds both to them): validation against the product (flat schema or blocks, lifecycle typing)
 * before anything changes, version + 1 per change, out of sync on create and linked to the process, the
 * lock taken and released by the wrappers' steps, dependencies from relations and shared block instances.
 * It works on the world it is given: the caller decides when a copy replaces the committed one.
 */
export class InMemorySubscriptionService implements SubscriptionService {
  private readonly reads: WorldReads;
  private readonly products: ProductRegistry;
  private readonly processId: string;
  private readonly isOpen: (processId: string) => boolean;
  private readonly now: () => Date;

  constructor(world: SubscriptionWorld, options: InMemorySubscriptionServiceOptions) {
    this.reads = new WorldReads(world, options.products);
    this.products = options.products;
    this.processId = options.processId;
    this.isOpen = options.isOpen ?? (() => false);
    this.now = options.now ?? (() => new Date());
  }

  private get world(): SubscriptionWorld {
    return this.reads.world;
  }

  async create(input: CreateSubscriptionInput): Promise<Subscription> {
    await Promise.resolve();
    const product = this.products.get(input.productName);
    if (!product) throw productNotFound(input.productName);
    const status = checkedStatus(input.status ?? 'initial');
    requireText('customerId', input.customerId);
    requireText('description', input.description);
    if (NOT_ORDERABLE_STATUSES.includes(product.status)) {
      throw new OrchestratorError(
        'PRODUCT_NOT_ORDERABLE',
        `product "${product.name}" is ${product.status}: no new subscriptions of it`,
      );
    }
    const id = randomUUID();
    const plan = this.plan(id, product, input.data, status, null);
    const stored: StoredSubscription = {
      id,
      productName: product.name,
      customerId: input.customerId,
      description: input.description,
      status,
      insync: false,
      version: 1,
      startDate: status === 'active' ? this.now().toISOString() : null,
      endDate: null,
      note: null,
      createdSeq: this.reads.nextSeq(),
    };
    this.world.subscriptions.set(id, stored);
    this.world.links.push({
      processId: this.processId,
      subscriptionId: id,
      locked: true,
      before: null,
      after: null,
      seq: this.reads.nextSeq(),
    });
    this.writePlan(stored, plan);
    return this.reads.asStepSees(id);
  }

  async get(id: string): Promise<Subscription> {
    await Promise.resolve();
    return this.reads.asStepSees(this.reads.stored(id).id);
  }

  async list(filter: SubscriptionFilter = {}): Promise<Subscription[]> {
    await Promise.resolve();
    const names = filter.productName === undefined ? undefined : [filter.productName].flat();
    const statuses = filter.status === undefined ? undefined : [filter.status].flat();
    if (statuses?.some((status) => !(SUBSCRIPTION_STATUSES as readonly string[]).includes(status))) {
      throw new TypeError(`subscriptions.list: status must be among ${SUBSCRIPTION_STATUSES.join(', ')}`);
    }
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000);
    return [...this.world.subscriptions.values()]
      .filter(
        (s) =>
          (!names || names.includes(s.productName)) &&
          (!statuses || statuses.includes(s.status)) &&
          (filter.customerId === undefined || s.customerId === filter.customerId) &&
          (filter.insync === undefined || s.insync === filter.insync),
      )
      .sort((a, b) => b.createdSeq - a.createdSeq)
      .slice(0, limit)
      .map((s) => this.reads.asStepSees(s.id));
  }

  async load<Data = BlockInstance>(id: string): Promise<SubscriptionModel<Data>> {
    await Promise.resolve();
    return this.reads.model(this.reads.stored(id).id) as unknown as SubscriptionModel<Data>;
  }

  async save<Data = BlockInstance>(model: SubscriptionModelInput<Data>): Promise<SubscriptionModel<Data>> {
    const current = this.reads.stored(model?.id);
    if (model.description !== undefined) requireText('description', model.description);
    const status = model.status === undefined ? undefined : checkedStatus(model.status);
    this.saveData(current, model.data, { status, description: model.description, note: model.note });
    return this.load<Data>(current.id);
  }

  async update(id: string, changes: UpdateSubscriptionInput): Promise<Subscription> {
    const current = this.reads.stored(id);
    if (changes.description !== undefined) requireText('description', changes.description);
    if (changes.data !== undefined) {
      this.saveData(current, changes.data, { description: changes.description, note: changes.note });
    } else {
      if (changes.description !== undefined) current.description = changes.description;
      if (changes.note !== undefined) current.note = changes.note;
      current.version += 1;
    }
    return this.get(current.id);
  }

  async setStatus(id: string, status: SubscriptionStatus): Promise<Subscription> {
    const current = this.reads.stored(id);
    const next = checkedStatus(status);
    const product = this.productOf(current.productName);
    // Lifecycle typing: the data must meet what the new status requires (ENGINE.md 13.4).
    const root = this.reads.rootOf(current.id);
    if (!product.data && root) this.plan(current.id, product, this.reads.tree(current.id), next, root.id);
    this.applyStatus(current, next);
    current.version += 1;
    return this.get(current.id);
  }

  async unsync(id: string): Promise<Subscription> {
    const current = this.reads.stored(id);
    if (!current.insync) {
      throw new OrchestratorError(
        'SUBSCRIPTION_NOT_IN_SYNC',
        `subscription ${current.id} is not in sync: another process holds it`,
      );
    }
    this.setInsync(current, false);
    this.holdLink(current.id);
    return this.get(current.id);
  }

  async unsyncUnchecked(id: string): Promise<Subscription> {
    const current = this.reads.stored(id);
    this.setInsync(current, false);
    this.holdLink(current.id);
    return this.get(current.id);
  }

  async resync(id: string): Promise<Subscription> {
    this.setInsync(this.reads.stored(id), true);
    return this.get(id);
  }

  async link(id: string): Promise<void> {
    await Promise.resolve();
    const current = this.reads.stored(id);
    if (this.linkOf(current.id)) return;
    this.world.links.push({
      processId: this.processId,
      subscriptionId: current.id,
      locked: false,
      before: this.reads.model(current.id),
      after: null,
      seq: this.reads.nextSeq(),
    });
  }

  async relate(inUseById: string, dependsOnId: string): Promise<void> {
    await Promise.resolve();
    const user = this.reads.stored(inUseById);
    const used = this.reads.stored(dependsOnId);
    if (user.id === used.id) {
      throw new OrchestratorError('INVALID_SUBSCRIPTION_RELATION', 'a subscription cannot depend on itself');
    }
    if (this.world.explicit.some((r) => r.inUseById === user.id && r.dependsOnId === used.id)) return;
    this.world.explicit.push({ inUseById: user.id, dependsOnId: used.id, seq: this.reads.nextSeq() });
    user.version += 1;
    used.version += 1;
  }

  async holdLock(id: string, options: { allowOutOfSync: boolean }): Promise<Subscription> {
    const current = this.reads.stored(id);
    const before = this.reads.model(current.id);
    const link = this.linkOf(current.id);
    if (link) {
      link.before ??= before;
      return this.get(current.id);
    }
    if (!current.insync && !options.allowOutOfSync) {
      throw new OrchestratorError(
        'SUBSCRIPTION_NOT_IN_SYNC',
        `subscription ${current.id} is not in sync: another process holds it`,
      );
    }
    const locked = current.insync;
    if (locked) this.setInsync(current, false);
    this.world.links.push({
      processId: this.processId,
      subscriptionId: current.id,
      locked,
      before,
      after: null,
      seq: this.reads.nextSeq(),
    });
    return this.get(current.id);
  }

  async releaseLocks(): Promise<string[]> {
    await Promise.resolve();
    const released: string[] = [];
    for (const link of this.world.links.filter((l) => l.processId === this.processId && l.locked)) {
      link.locked = false;
      // Another open process linked to it inherits the lock: the subscription stays out of sync.
      const heir = this.world.links
        .filter((l) => l.subscriptionId === link.subscriptionId && l.processId !== this.processId)
        .sort((a, b) => a.seq - b.seq)
        .find((l) => this.isOpen(l.processId));
      if (heir) {
        heir.locked = true;
        continue;
      }
      const subscription = this.reads.stored(link.subscriptionId);
      if (!subscription.insync) {
        this.setInsync(subscription, true);
        released.push(subscription.id);
      }
    }
    for (const link of this.world.links.filter((l) => l.processId === this.processId)) {
      link.after = this.reads.model(link.subscriptionId);
    }
    return released;
  }

  /** The process's link to the subscription, if any. */
  private linkOf(subscriptionId: string) {
    return this.world.links.find((l) => l.processId === this.processId && l.subscriptionId === subscriptionId);
  }

  private holdLink(subscriptionId: string): void {
    const link = this.linkOf(subscriptionId);
    if (link) link.locked = true;
    else {
      this.world.links.push({
        processId: this.processId,
        subscriptionId,
        locked: true,
        before: null,
        after: null,
        seq: this.reads.nextSeq(),
      });
    }
  }

  private setInsync(subscription: StoredSubscription, insync: boolean): void {
    if (subscription.insync === insync) return;
    subscription.insync = insync;
    subscription.version += 1;
  }

  private applyStatus(subscription: StoredSubscription, status: SubscriptionStatus): void {
    subscription.status = status;
    if (status === 'active') subscription.startDate ??= this.now().toISOString();
    if (status === 'terminated') subscription.endDate ??= this.now().toISOString();
  }

  /** A save of the data (and the row changes) after checking everything; nothing changes on a refusal. */
  private saveData(
    current: StoredSubscription,
    data: unknown,
    changes: { status?: SubscriptionStatus; description?: string; note?: string | null },
  ): void {
    const product = this.productOf(current.productName);
    const status = changes.status ?? current.status;
    const plan = this.plan(current.id, product, data, status, this.reads.rootOf(current.id)?.id ?? null);
    this.writePlan(current, plan);
    if (changes.description !== undefined) current.description = changes.description;
    if (changes.note !== undefined) current.note = changes.note;
    this.applyStatus(current, status);
    current.version += 1;
  }

  private plan(
    subscriptionId: string,
    product: ProductDefinition,
    data: unknown,
    status: SubscriptionStatus,
    existingRootId: string | null,
  ): Plan {
    if (product.data) {
      const check = checkSubscriptionData(product, data);
      if (!check.ok) throw invalidData(product.name, check.problems);
      const values = Object.fromEntries(Object.entries(check.data).filter(([, v]) => v !== undefined && v !== null));
      const id = existingRootId ?? randomUUID();
      return {
        instances: [{ id, blockName: product.block.name, isRoot: true, isNew: existingRootId === null, values }],
        relations: [],
        usedOwners: [],
      };
    }
    const facts = new Map<string, InstanceFacts>();
    for (const id of instanceIdsIn(data)) {
      const instance = this.world.instances.get(id);
      const owner = instance && this.world.subscriptions.get(instance.ownerSubscriptionId);
      if (instance && owner) {
        facts.set(id, { ownerSubscriptionId: owner.id, ownerStatus: owner.status, blockName: instance.blockName });
      }
    }
    const plan = planBlockTree({
      subscriptionId,
      status,
      root: product.block,
      catalog: this.products.catalog(),
      data,
      facts,
      existingRootId,
      newId: randomUUID,
    });
    if (!plan.ok) throw invalidData(product.name, plan.problems);
    const terminated = plan.usedOwners.filter((id) => this.world.subscriptions.get(id)?.status === 'terminated');
    if (terminated.length > 0) {
      throw invalidData(
        product.name,
        terminated.map((id) => ({ path: '', message: `subscription ${id} is terminated: its blocks cannot be used` })),
      );
    }
    return plan;
  }

  /** Replaces the subscription's instances and relations by the plan; bumps those whose view changed. */
  private writePlan(subscription: StoredSubscription, plan: Plan): void {
    const kept = new Set(plan.instances.map((i) => i.id));
    const removed = this.reads.ownInstanceIds(subscription.id).filter((id) => !kept.has(id));
    const usedBy = this.world.relations
      .filter((r) => removed.includes(r.childId))
      .map((r) => ({ id: r.childId, usedBy: this.world.instances.get(r.parentId)?.ownerSubscriptionId }))
      .filter((u) => u.usedBy !== undefined && u.usedBy !== subscription.id);
    if (usedBy.length > 0) {
      throw invalidData(
        subscription.productName,
        usedBy.map((u) => ({
          path: '',
          message: `block instance ${u.id} is used by subscription ${String(u.usedBy)}: it cannot be removed`,
        })),
      );
    }
    const ownersBefore = new Set(this.reads.usedOwners(subscription.id));
    const dependents = this.reads.dependentTrees(subscription.id);
    const treesBefore = new Map(dependents.map((id) => [id, JSON.stringify(this.reads.tree(id))]));

    for (const id of removed) this.world.instances.delete(id);
    const own = new Set([...removed, ...kept]);
    this.world.relations = this.world.relations.filter((r) => !own.has(r.parentId));
    for (const instance of plan.instances) {
      this.world.instances.set(instance.id, {
        id: instance.id,
        ownerSubscriptionId: subscription.id,
        blockName: instance.blockName,
        isRoot: instance.isRoot,
        values: structuredClone({ ...instance.values }),
      });
    }
    for (const relation of plan.relations) this.world.relations.push({ ...relation, seq: this.reads.nextSeq() });

    const ownersAfter = new Set(plan.usedOwners);
    const changedOwners = [...new Set([...ownersBefore, ...ownersAfter])].filter(
      (id) => ownersBefore.has(id) !== ownersAfter.has(id),
    );
    const changedTrees = dependents.filter((id) => JSON.stringify(this.reads.tree(id)) !== treesBefore.get(id));
    for (const id of new Set([...changedOwners, ...changedTrees])) {
      const other = this.world.subscriptions.get(id);
      if (other) other.version += 1;
    }
  }

  private productOf(name: string): ProductDefinition {
    const product = this.products.get(name);
    if (!product) throw productNotFound(name);
    return product;
  }
}

interface Plan {
  readonly instances: readonly PlannedInstance[];
  readonly relations: readonly PlannedRelation[];
  readonly usedOwners: readonly string[];
}

const productNotFound = (name: string) =>
  new OrchestratorError('PRODUCT_NOT_FOUND', `product "${name}" is not registered`);
