import { z } from 'zod';
import { defineProduct } from '@orchestrator/engine';
import { checkSubscriptionData, describeProblems } from './subscription-data';

const product = defineProduct({
  name: 'thing',
  productType: 'Thing',
  tag: 'THING',
  description: 'a thing',
  data: z.object({ name: z.string().min(1), size: z.number().int().default(1) }),
  workflows: [],
});

describe('checkSubscriptionData', () => {
  it('returns the parsed data, defaults applied', () => {
    expect(checkSubscriptionData(product, { name: 'a' })).toEqual({ ok: true, data: { name: 'a', size: 1 } });
  });
  it('lists every problem with its path', () => {
    const check = checkSubscriptionData(product, { name: '', size: 'big' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => p.path).sort()).toEqual(['name', 'size']);
    expect(describeProblems(check.problems)).toMatch(/^(name|size): /);
  });
  it('refuses data that is not an object even when the schema allows it', () => {
    const loose = { data: z.any() };
    expect(checkSubscriptionData(loose, [1, 2])).toEqual({
      ok: false,
      problems: [{ path: '', message: 'subscription data must be an object' }],
    });
  });
});
