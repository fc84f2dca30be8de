import type { StepContext } from '../step-types';

type StepTransaction = StepContext['tx'];

/**
 * A stand-in for `ctx.tx` (the step's TypeORM EntityManager) in the test kit: the members you give are used,
 * any other member throws naming it, so that a step reaching for the database in a test says so plainly.
 *
 *   const tx = fakeTransaction({ query: async (sql, params) => (sql.includes('node_sites') ? [{ open: true }] : []) });
 */
export function fakeTransaction(members: Partial<Record<keyof StepTransaction, unknown>> = {}): StepTransaction {
  const given = members as Record<PropertyKey, unknown>;
  return new Proxy({} as StepTransaction, {
    get(_target, property) {
      if (property in given) return given[property];
      // Promise resolution and inspection probe these; the fake is no thenable.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new Error(
        `ctx.tx.${String(property)} is not faked in this test: give it to fakeTransaction({ ${String(property)} }) ` +
          '(createWorkflowTestKit({ tx })), or use ctx.subscriptions, which the kit keeps in memory',
      );
    },
  });
}
