import type { DataSource } from 'typeorm';
import { defineWorkflow, step } from '@orchestrator/engine';
import { describeSubscriptionServiceContract } from '@orchestrator/engine/testing';
import { createTestDatabase } from '@orchestrator/testing';
import { createDataSource } from '../data-source';
import { prepareDatabase } from '../prepare-database';
import { ProcessCommands } from '../process-commands';
import { PostgresSubscriptionService } from './postgres-subscription-service';

const contractWorkflow = defineWorkflow({
  name: 'subscription_contract',
  target: 'SYSTEM',
  description: 'processes the contract suite acts for',
  steps: [step('A', () => ({}))],
});

describeSubscriptionServiceContract('PostgresSubscriptionService', async (products) => {
  const db = await createTestDatabase();
  const dataSource: DataSource = createDataSource({ databaseUrl: db.url, poolSize: 4 });
  await prepareDatabase(dataSource, db.url, [contractWorkflow], products.all());
  const commands = new ProcessCommands(dataSource);
  return {
    newProcess: async () =>
      (await commands.start({ workflowName: contractWorkflow.name, state: {}, actor: 'contract' }, null)).processId,
    finish: async (processId) => {
      await dataSource.query(`UPDATE processes SET status = 'completed' WHERE process_id = $1`, [processId]);
    },
    inTransaction: async (processId, work) => {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        const result = await work(new PostgresSubscriptionService(runner.manager, processId, products));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      } finally {
        await runner.release();
      }
    },
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
});
