import { z } from 'zod';
import { defineProduct, modifyWorkflow, step } from '@orchestrator/engine';
import { createTestDatabase, type TestDatabase } from '@orchestrator/testing';
import { createDataSource } from '../data-source';
import { prepareDatabase } from '../prepare-database';
import { ProductQueries } from './product-queries';

const steps = [step('A', () => ({}))];
const paint = modifyWorkflow({ name: 'paint_box', product: 'box', description: 'paint', steps });
const fold = modifyWorkflow({ name: 'fold_box', description: 'fold', steps });
const box = (changes: { fixedInputs: Record<string, string>; workflows: string[]; tag?: string }) =>
  defineProduct({
    name: 'box',
    productType: 'Box',
    tag: changes.tag ?? 'BOX',
    description: 'a box',
    data: z.object({}),
    fixedInputs: changes.fixedInputs,
    workflows: changes.workflows,
  });

describe('products upserted at start-up', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const prepare = async (
    ...args: Parameters<typeof prepareDatabase> extends [unknown, unknown, ...infer R] ? R : never
  ) => {
    const dataSource = createDataSource({ databaseUrl: db.url, poolSize: 2 });
    try {
      await prepareDatabase(dataSource, db.url, ...args);
      return await new ProductQueries(dataSource).find('box', false);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  };

  it('inserts a product with its fixed inputs and allowed workflows, then follows its definition', async () => {
    const first = await prepare(
      [paint, fold],
      [box({ fixedInputs: { size: 'M', colour: 'red' }, workflows: ['fold_box'] })],
    );
    expect(first).toMatchObject({
      tag: 'BOX',
      fixedInputs: { size: 'M', colour: 'red' },
      workflows: ['fold_box', 'paint_box'],
    });
    const second = await prepare([paint, fold], [box({ fixedInputs: { size: 'L' }, workflows: [], tag: 'BX' })]);
    expect(second).toMatchObject({ id: first!.id, tag: 'BX', workflows: ['paint_box'] });
    expect(second?.fixedInputs).toEqual({ size: 'L' });
  });

  it('stops the start-up, writing no product, when a product names a workflow that is not registered', async () => {
    await expect(prepare([paint], [box({ fixedInputs: {}, workflows: ['nope'], tag: 'NEW' })])).rejects.toThrow(
      /allows workflow "nope", which is not registered/,
    );
    const dataSource = await createDataSource({ databaseUrl: db.url, poolSize: 1 }).initialize();
    try {
      expect(await new ProductQueries(dataSource).find('box', false)).toMatchObject({ tag: 'BX' });
    } finally {
      await dataSource.destroy();
    }
  });
});
