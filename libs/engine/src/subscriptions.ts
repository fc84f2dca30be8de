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

export interface CreateSubscriptionInput {
  productName: string;
  customerId: string;
  description: string;
  data: Record<string, unknown>;
  /** Default `initial`. */
  status?: SubscriptionStatus;
}

export interface UpdateSubscriptionInput {
  /** Replaces the data; validated against the product's schema. */
  data?: Record<string, unknown>;
  description?: string;
  note?: string | null;
}

/**
 * `ctx.subscriptions`: the subscription service bound to the step's transaction, so that what a step does to
 * subscriptions commits or rolls back with the step.
 */
export interface SubscriptionService {
  /**
   * Creates a subscription of a registered product, out of sync and linked to this process (the process is
   * changing it until it puts it back in sync, as createWorkflow's "Unlock subscription" step does).
   */
  create(input: CreateSubscriptionInput): Promise<Subscription>;
  /** Throws SUBSCRIPTION_NOT_FOUND when there is none. */
  get(id: string): Promise<Subscription>;
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
