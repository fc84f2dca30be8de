import { isUuid } from './ids';
import type { SubscriptionService } from './subscriptions';

// Methods that only read; everything else may change the subscriptions it is given or returns.
const READS = new Set(['get', 'load', 'list', 'find']);

/**
 * Records which subscriptions a step changed through `ctx.subscriptions`: the ids a changing method is given
 * (as a string, in an array, or as the `id`/`subscriptionId` of an object) and the ids it returns. A proxy,
 * so that methods added to the service later are covered without a change here.
 */
export class TouchedSubscriptions {
  private readonly touched = new Set<string>();

  wrap(service: SubscriptionService): SubscriptionService {
    return new Proxy(service, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string' || READS.has(property)) return value;
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          for (const arg of args) this.collect(arg, 1);
          this.collect(result, 1);
          return result;
        };
      },
    });
  }

  ids(): string[] {
    return [...this.touched];
  }

  private collect(value: unknown, depth: number): void {
    if (typeof value === 'string') {
      if (isUuid(value)) this.touched.add(value.toLowerCase());
      return;
    }
    if (depth > 1 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item, depth + 1);
      return;
    }
    const record = value as { id?: unknown; subscriptionId?: unknown };
    this.collect(record.id, depth + 1);
    this.collect(record.subscriptionId, depth + 1);
  }
}
