import { InMemorySubscriptions } from './in-memory-subscriptions';
import { describeSubscriptionServiceContract } from './subscription-service-contract';

describeSubscriptionServiceContract('InMemorySubscriptionService', async (products) => {
  const open = new Set<string>();
  let processes = 0;
  const subscriptions = new InMemorySubscriptions(products, { isOpen: (id) => open.has(id) });
  return {
    newProcess: async () => {
      processes += 1;
      const id = `00000000-0000-4000-8000-${String(processes).padStart(12, '0')}`;
      open.add(id);
      return id;
    },
    finish: async (processId) => void open.delete(processId),
    inTransaction: (processId, work) => subscriptions.inTransaction(processId, work),
    close: async () => undefined,
  };
});
