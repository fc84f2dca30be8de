import type { SubscriptionService } from './subscriptions';
import { TouchedSubscriptions } from './touched-subscriptions';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('the subscriptions a step touched', () => {
  it('are those its changing calls were given or returned, never those it only read', async () => {
    const subscription = (id: string) => ({ id, status: 'active', insync: false, version: 2 });
    const service = {
      get: async (id: string) => subscription(id),
      create: async () => subscription(A),
      relate: async () => undefined,
      releaseLocks: async () => [C],
    } as unknown as SubscriptionService;
    const touched = new TouchedSubscriptions();
    const wrapped = touched.wrap(service);
    await wrapped.get(B);
    expect(touched.ids()).toEqual([]);
    await wrapped.create({ productName: 'p', customerId: B, description: 'd', data: {} });
    await wrapped.relate(A, B.toUpperCase());
    await wrapped.releaseLocks();
    expect(touched.ids().sort()).toEqual([A, B, C]);
  });
});
