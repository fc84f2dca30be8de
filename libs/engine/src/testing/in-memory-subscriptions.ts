import type { ProductRegistry } from '../products';
import type { Subscription, SubscriptionReader } from '../subscriptions';
import { InMemorySubscriptionService } from './in-memory-subscription-service';
import { emptyWorld, WorldReads, type SubscriptionWorld } from './in-memory-subscription-world';

/** One step's view of the subscriptions: its service, and whether what it did is kept. */
export interface SubscriptionTransaction {
  readonly service: InMemorySubscriptionService;
  commit(): void;
  rollback(): void;
}

export interface InMemorySubscriptionsOptions {
  /** Whether a process is still open (releaseLocks hands the lock to an open process linked to it). */
  readonly isOpen?: (processId: string) => boolean;
  readonly now?: () => Date;
}

/**
 * The subscriptions of the test kit in memory: committed data, and a transaction per step working on a copy
 * that replaces it on commit, so a failed or fenced step leaves nothing behind, as on PostgreSQL.
 */
export class InMemorySubscriptions {
  private committed: SubscriptionWorld = emptyWorld();

  constructor(
    readonly products: ProductRegistry,
    private readonly options: InMemorySubscriptionsOptions = {},
  ) {}

  /** Begins a transaction for `processId`; one at a time is what the kit runs. */
  begin(processId: string): SubscriptionTransaction {
    const base = this.committed;
    const copy = structuredClone(base);
    const service = new InMemorySubscriptionService(copy, { products: this.products, processId, ...this.options });
    let finished = false;
    return {
      service,
      commit: () => {
        if (finished) throw new Error('the subscription transaction is already finished');
        finished = true;
        if (this.committed !== base) throw new Error('another subscription transaction committed meanwhile');
        this.committed = copy;
      },
      rollback: () => {
        finished = true;
      },
    };
  }

  /** Runs `work` in a transaction of its own, committed when it resolves, rolled back when it throws. */
  async inTransaction<T>(processId: string, work: (service: InMemorySubscriptionService) => Promise<T>): Promise<T> {
    const tx = this.begin(processId);
    try {
      const result = await work(tx.service);
      tx.commit();
      return result;
    } catch (error) {
      tx.rollback();
      throw error;
    }
  }

  /** Reads of what is committed at the time of each call (what multi-page forms see). */
  reader(): SubscriptionReader {
    const service = () =>
      new InMemorySubscriptionService(this.committed, { products: this.products, processId: '', ...this.options });
    return {
      get: (id) => service().get(id),
      list: (filter) => service().list(filter),
      load: (id) => service().load(id),
    };
  }

  /** A committed subscription as `ctx.subscriptions.get` shows it; undefined when there is none. */
  find(id: string): Subscription | undefined {
    const reads = new WorldReads(this.committed, this.products);
    return this.committed.subscriptions.has(id) ? reads.asStepSees(id) : undefined;
  }

  /** Every committed subscription, oldest first. */
  all(): Subscription[] {
    const reads = new WorldReads(this.committed, this.products);
    return [...this.committed.subscriptions.values()]
      .sort((a, b) => a.createdSeq - b.createdSeq)
      .map((s) => reads.asStepSees(s.id));
  }

  /** The ids of the subscriptions a process is linked to, in the order it linked them. */
  linkedTo(processId: string): string[] {
    return this.committed.links
      .filter((l) => l.processId === processId)
      .sort((a, b) => a.seq - b.seq)
      .map((l) => l.subscriptionId);
  }
}
