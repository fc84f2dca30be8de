import type { BlockInstance } from './product-blocks';

/** Lifecycle statuses of a subscription (ENGINE.md 5). */
export const SUBSCRIPTION_STATUSES = [
  'initial',
  'provisioning',
  'active',
  'disabled',
  'terminated',
  'migrating',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A subscription as steps and the API see it (ENGINE.md 8.17). */
export interface Subscription {
  readonly id: string;
  readonly productId: string;
  readonly productName: string;
  /** Opaque to the orchestrator. */
  readonly customerId: string;
  readonly description: string;
  readonly status: SubscriptionStatus;
  readonly insync: boolean;
  /** Incremented by every update. */
  readonly version: number;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly note: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly data: Record<string, any>;
  /** Subscriptions this one depends on. */
  readonly dependsOn: string[];
  /** Subscriptions that depend on this one. */
  readonly inUseBy: string[];
}

/**
 * A subscription with its data as the tree of its product's blocks (ENGINE.md 13.5): the root block instance,
 * each instance with its `subscriptionInstanceId` and `ownerSubscriptionId` (an instance owned by another
 * subscription is one this subscription uses, as an L2VPN endpoint uses a port subscription's port block).
 */
export interface SubscriptionModel<Data = BlockInstance> extends Omit<Subscription, 'data'> {
  readonly data: Data;
}

/**
 * What `save(model)` writes: the tree (instances added, changed, removed), and the status, description and
 * note if they changed. The tree is checked against the product's blocks for the (new) status.
 */
export interface SubscriptionModelInput<Data = BlockInstance> {
  readonly id: string;
  readonly data: Data;
  readonly status?: SubscriptionStatus;
  readonly description?: string;
  readonly note?: string | null;
}

/** Which subscriptions `list` returns (newest first); every field narrows the list. */
export interface SubscriptionFilter {
  productName?: string | readonly string[];
  status?: SubscriptionStatus | readonly SubscriptionStatus[];
  customerId?: string;
  insync?: boolean;
  /** At most this many (default 100, at most 1000). */
  limit?: number;
}

/** Reading the inventory: what multi-page forms may do (ENGINE.md 13.7), and steps too. */
export interface SubscriptionReader {
  /** Throws SUBSCRIPTION_NOT_FOUND when there is none. */
  get(id: string): Promise<Subscription>;
  list(filter?: SubscriptionFilter): Promise<Subscription[]>;
  /** The subscription with its data as a tree of block instances (ENGINE.md 13.5). */
  load<Data = BlockInstance>(id: string): Promise<SubscriptionModel<Data>>;
}

export interface CreateSubscriptionInput {
  productName: string;
  customerId: string;
  description: string;
  /** The flat data, or the tree of the root block (ENGINE.md 13.5); checked before anything is written. */
  data: object;
  /** Default `initial`. */
  status?: SubscriptionStatus;
}

export interface UpdateSubscriptionInput {
  /** Replaces the data (for a product with blocks, the tree, as `save`); validated against the product. */
  data?: object;
  description?: string;
  note?: string | null;
}

/**
 * `ctx.subscriptions`: the subscription service bound to the step's transaction, so that what a step does to
 * subscriptions commits or rolls back with the step.
 */
export interface SubscriptionService extends SubscriptionReader {
  /**
   * Creates a subscription of a registered product, out of sync and linked to this process (the process is
   * changing it until it puts it back in sync, as createWorkflow's "Unlock subscription" step does).
   */
  create(input: CreateSubscriptionInput): Promise<Subscription>;
  /**
   * Writes a model back (ENGINE.md 13.5): instances added (no `subscriptionInstanceId` yet), changed and
   * removed; an instance owned by another subscription is only related to, never written. Checked first
   * (INVALID_SUBSCRIPTION_DATA naming the path; nothing written); answers the model as saved.
   */
  save<Data = BlockInstance>(model: SubscriptionModelInput<Data>): Promise<SubscriptionModel<Data>>;
  update(id: string, changes: UpdateSubscriptionInput): Promise<Subscription>;
  /** Sets the lifecycle status; `active` sets the start date if unset, `terminated` the end date. */
  setStatus(id: string, status: SubscriptionStatus): Promise<Subscription>;
  /** Takes the subscription out of sync; throws SUBSCRIPTION_NOT_IN_SYNC when it already is. */
  unsync(id: string): Promise<Subscription>;
  /** Takes the subscription out of sync whatever its current insync flag. */
  unsyncUnchecked(id: string): Promise<Subscription>;
  /** Puts the subscription back in sync. */
  resync(id: string): Promise<Subscription>;
  /** Links the subscription to this process (idempotent). */
  link(id: string): Promise<void>;
  /** Records that `inUseById` depends on `dependsOnId` (idempotent). */
  relate(inUseById: string, dependsOnId: string): Promise<void>;
  /**
   * The wrappers' "Lock subscription" step: makes sure this process holds the subscription (linked and taken
   * out of sync by this process). A no-op when the start transaction already did it. With
   * `allowOutOfSync`, an out-of-sync subscription is linked but not held (it stays out of sync at the end).
   */
  holdLock(id: string, options: { allowOutOfSync: boolean }): Promise<Subscription>;
  /** The wrappers' "Unlock subscription" step: puts back in sync every subscription this process holds. */
  releaseLocks(): Promise<string[]>;
}

/** What `ctx.subscriptions` is when the step store offers no subscription service (the in-memory test store). */
export const NO_SUBSCRIPTION_SERVICE: SubscriptionService = (() => {
  const unavailable = (method: string) => () =>
    Promise.reject(new Error(`ctx.subscriptions.${method}: this step store offers no subscription service`));
  return {
    create: unavailable('create'),
    get: unavailable('get'),
    list: unavailable('list'),
    load: unavailable('load'),
    save: unavailable('save'),
    update: unavailable('update'),
    setStatus: unavailable('setStatus'),
    unsync: unavailable('unsync'),
    unsyncUnchecked: unavailable('unsyncUnchecked'),
    resync: unavailable('resync'),
    link: unavailable('link'),
    relate: unavailable('relate'),
    holdLock: unavailable('holdLock'),
    releaseLocks: unavailable('releaseLocks'),
  };
})();
