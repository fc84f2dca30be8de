import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Products, their fixed inputs and allowed workflows, subscriptions, their relations and their processes. */
export class Subscriptions1764100000000 implements MigrationInterface {
  name = 'Subscriptions1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE products (
        product_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text NOT NULL,
        product_type text NOT NULL,
        tag text NOT NULL,
        status text NOT NULL DEFAULT 'active'
          CHECK (status IN ('active', 'pre-production', 'phase out', 'end of life')),
        created_at timestamptz NOT NULL DEFAULT now(),
        end_date timestamptz
      )`);
    await db.query(`
      CREATE TABLE product_fixed_inputs (
        product_id uuid NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
        name text NOT NULL,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, name)
      )`);
    await db.query(`
      CREATE TABLE product_workflows (
        product_id uuid NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES workflows (workflow_id) ON DELETE CASCADE,
        PRIMARY KEY (product_id, workflow_id)
      )`);
    await db.query(`CREATE INDEX product_workflows_workflow_idx ON product_workflows (workflow_id)`);
    await db.query(`
      CREATE TABLE subscriptions (
        subscription_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (product_id),
        customer_id text NOT NULL,
        description text NOT NULL,
        status text NOT NULL DEFAULT 'initial'
          CHECK (status IN ('initial', 'provisioning', 'active', 'disabled', 'terminated', 'migrating')),
        insync boolean NOT NULL DEFAULT false,
        start_date timestamptz,
        end_date timestamptz,
        note text,
        version integer NOT NULL DEFAULT 1,
        data jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(data) = 'object'),
        -- Milliseconds, as the keyset cursor carries them (a JavaScript Date has no microseconds).
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
      )`);
    // The list is keyset-paginated on (created_at DESC, subscription_id DESC), filtered by these columns.
    await db.query(`CREATE INDEX subscriptions_created_idx ON subscriptions (created_at DESC, subscription_id DESC)`);
    await db.query(
      `CREATE INDEX subscriptions_status_created_idx ON subscriptions (status, created_at DESC, subscription_id DESC)`,
    );
    await db.query(
      `CREATE INDEX subscriptions_product_created_idx ON subscriptions (product_id, created_at DESC, subscription_id DESC)`,
    );
    await db.query(
      `CREATE INDEX subscriptions_customer_created_idx ON subscriptions (customer_id, created_at DESC, subscription_id DESC)`,
    );
    // Few subscriptions are out of sync at any time, and those are the ones operators look for.
    await db.query(
      `CREATE INDEX subscriptions_out_of_sync_idx ON subscriptions (created_at DESC, subscription_id DESC) WHERE NOT insync`,
    );
    await db.query(`
      CREATE TABLE subscription_relations (
        in_use_by_id uuid NOT NULL REFERENCES subscriptions (subscription_id) ON DELETE CASCADE,
        depends_on_id uuid NOT NULL REFERENCES subscriptions (subscription_id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (in_use_by_id, depends_on_id),
        CHECK (in_use_by_id <> depends_on_id)
      )`);
    await db.query(`CREATE INDEX subscription_relations_depends_on_idx ON subscription_relations (depends_on_id)`);
    // locked: this process took the subscription out of sync and puts it back ("Unlock subscription").
    await db.query(`
      CREATE TABLE process_subscriptions (
        process_id uuid NOT NULL REFERENCES processes (process_id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES subscriptions (subscription_id),
        locked boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (process_id, subscription_id)
      )`);
    await db.query(
      `CREATE INDEX process_subscriptions_subscription_idx ON process_subscriptions (subscription_id, process_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'process_subscriptions',
      'subscription_relations',
      'subscriptions',
      'product_workflows',
      'product_fixed_inputs',
      'products',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
