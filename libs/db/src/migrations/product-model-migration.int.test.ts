import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { defineProduct, defineWorkflow, ProductRegistry, step } from '@orchestrator/engine';
import { ADMIN_DATABASE_URL } from '@orchestrator/testing';
import { createDataSource } from '../data-source';
import { ensureDatabase, quoteIdentifier } from '../ensure-database';
import { prepareDatabase } from '../prepare-database';
import { ProcessCommands } from '../process-commands';
import { PostgresSubscriptionService } from '../subscriptions/postgres-subscription-service';
import { migrations } from './index';
import { ProductModel1764600000000 } from './1764600000000-product-model';

// The migration to the product model on a database that holds subscriptions with flat data, as every
// installation before it does: each becomes a root instance with one value per key, and keeps working.

const widget = defineProduct({
  name: 'widget',
  productType: 'Widget',
  tag: 'W',
  description: 'a widget',
  data: z.object({ colour: z.string(), size: z.number().optional(), parts: z.array(z.string()).optional() }),
  workflows: [],
});
const paint = defineWorkflow({ name: 'paint', target: 'SYSTEM', description: 'p', steps: [step('A', () => ({}))] });

describe('the product model migration', () => {
  const name = `orch_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(ADMIN_DATABASE_URL), { pathname: `/${name}` }).toString();
  let dataSource: DataSource | undefined;

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  });

  it('turns every flat subscription into a root instance with its values, and the copy carries its identity', async () => {
    await ensureDatabase(url);
    const before = createDataSource({ databaseUrl: url, poolSize: 1 });
    before.setOptions({ migrations: migrations.filter((m) => m !== ProductModel1764600000000) });
    await before.initialize();
    await before.runMigrations();
    await before.query(
      `INSERT INTO products (name, description, product_type, tag) VALUES ('widget', 'a widget', 'Widget', 'W')`,
    );
    await before.query(
      `INSERT INTO subscriptions (product_id, customer_id, description, status, insync, data)
       SELECT product_id, 'c', d.description, 'active', true, d.data::jsonb FROM products,
              (VALUES ('red', '{"colour": "Red", "size": 3, "parts": ["a", "b"]}'),
                      ('bare', '{}'),
                      ('nulls', '{"colour": "blue", "size": null}')) AS d(description, data)`,
    );
    await before.destroy();

    dataSource = createDataSource({ databaseUrl: url, poolSize: 2 });
    await dataSource.initialize();
    await dataSource.runMigrations();
    const rows = (await dataSource.query(
      `SELECT s.description, s.data, i.subscription_instance_id AS root, b.name AS block,
              (SELECT jsonb_object_agg(rt.resource_type, v.value ORDER BY rt.resource_type)
                 FROM subscription_instance_values v JOIN resource_types rt USING (resource_type_id)
                WHERE v.subscription_instance_id = i.subscription_instance_id) AS "values",
              (SELECT array_agg(v.search_text ORDER BY v.search_text)
                 FROM subscription_instance_values v WHERE v.subscription_instance_id = i.subscription_instance_id) AS texts
         FROM subscriptions s
         JOIN subscription_instances i ON i.subscription_id = s.subscription_id AND i.is_root
         JOIN product_blocks b ON b.product_block_id = i.product_block_id
        ORDER BY s.description`,
    )) as {
      description: string;
      data: Record<string, unknown>;
      root: string;
      block: string;
      values: unknown;
      texts: unknown;
    }[];
    expect(rows.map((row) => [row.description, row.block, row.values, row.texts])).toEqual([
      ['bare', 'widget', null, null],
      ['nulls', 'widget', { colour: 'blue' }, ['blue']],
      ['red', 'widget', { colour: 'Red', parts: ['a', 'b'], size: 3 }, ['3', 'red', null]],
    ]);
    for (const row of rows) {
      expect(row.data).toMatchObject({ subscriptionInstanceId: row.root });
      expect(row.data).not.toHaveProperty('size', null);
    }
    const [product] = (await dataSource.query(
      `SELECT b.name FROM products p JOIN product_blocks b ON b.product_block_id = p.root_block_id`,
    )) as { name: string }[];
    expect(product).toEqual({ name: 'widget' });
  });

  it('leaves the migrated subscriptions working: start-up fills in the block, a step reads and updates them', async () => {
    await dataSource!.destroy();
    dataSource = createDataSource({ databaseUrl: url, poolSize: 2 });
    await prepareDatabase(dataSource, url, [paint], [widget]);
    const [{ id }] = (await dataSource.query(
      `SELECT subscription_id AS id FROM subscriptions WHERE description = 'red'`,
    )) as [{ id: string }];
    const { processId } = await new ProcessCommands(dataSource).start(
      { workflowName: 'paint', state: {}, actor: 't' },
      null,
    );
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    const service = new PostgresSubscriptionService(runner.manager, processId, new ProductRegistry([widget]));
    const read = await service.get(id);
    expect(read.data).toEqual({ colour: 'Red', size: 3, parts: ['a', 'b'] });
    const updated = await service.update(id, { data: { ...read.data, colour: 'green' } });
    await runner.commitTransaction();
    await runner.release();
    expect(updated.data).toEqual({ colour: 'green', size: 3, parts: ['a', 'b'] });
    const required = (await dataSource.query(
      `SELECT rt.resource_type AS name, br.required_from AS "requiredFrom" FROM product_block_resource_types br
         JOIN resource_types rt USING (resource_type_id) ORDER BY 1`,
    )) as unknown[];
    expect(required).toEqual([
      { name: 'colour', requiredFrom: 'initial' },
      { name: 'parts', requiredFrom: null },
      { name: 'size', requiredFrom: null },
    ]);
  });
});
