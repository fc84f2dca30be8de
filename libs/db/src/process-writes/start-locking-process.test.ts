import type { DataSource } from 'typeorm';
import { modifyWorkflow, step } from '@orchestrator/engine';
import { startLockingProcess } from './start-locking-process';

const workflow = modifyWorkflow({ name: 'modify_x', description: 'm', steps: [step('A', () => ({}))] });
const input = {
  workflow,
  workflowName: workflow.name,
  state: {},
  actor: 'u',
  subscriptionId: '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
};

/** A DataSource whose start transaction fails at its first statement with `error`. */
function failingDataSource(error: unknown) {
  const runner = {
    isTransactionActive: false,
    released: false,
    connect: async () => undefined,
    startTransaction: async () => {
      runner.isTransactionActive = true;
    },
    rollbackTransaction: async () => {
      runner.isTransactionActive = false;
    },
    commitTransaction: async () => {
      throw new Error('must not commit');
    },
    query: async () => {
      throw error;
    },
    release: async () => {
      runner.released = true;
    },
  };
  return { runner, dataSource: { createQueryRunner: () => runner } as unknown as DataSource };
}

describe('startLockingProcess', () => {
  it.each(['40001', '40P01', '23505'])(
    'answers SQLSTATE %s with a CONCURRENT_CHANGE refusal, rolled back',
    async (code) => {
      const { runner, dataSource } = failingDataSource(Object.assign(new Error('conflict'), { code }));
      await expect(startLockingProcess(dataSource, input, null)).resolves.toMatchObject({
        kind: 'refused',
        code: 'CONCURRENT_CHANGE',
      });
      expect(runner).toMatchObject({ isTransactionActive: false, released: true });
    },
  );

  it('rethrows any other failure after rolling back', async () => {
    const { runner, dataSource } = failingDataSource(Object.assign(new Error('disk full'), { code: '53100' }));
    await expect(startLockingProcess(dataSource, input, null)).rejects.toThrow('disk full');
    expect(runner).toMatchObject({ isTransactionActive: false, released: true });
  });

  it('refuses a malformed subscription id without touching the database', async () => {
    const { dataSource } = failingDataSource(new Error('must not query'));
    await expect(startLockingProcess(dataSource, { ...input, subscriptionId: 'nope' }, null)).resolves.toMatchObject({
      code: 'SUBSCRIPTION_NOT_FOUND',
    });
  });
});
