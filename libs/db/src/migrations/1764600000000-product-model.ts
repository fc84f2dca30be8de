import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The lower-case text of a scalar instance value, which `data.<path>:value` searches (indexed). */
export const SEARCH_TEXT_SQL = (value: string) =>
  `CASE WHEN jsonb_typeof(${value}) = ANY (ARRAY['string', 'number', 'boolean']) THEN lower(${value} #>> '{}') END`;

/**
 * The product model (ENGINE.md 13): resource types, product blocks with their resources and child blocks, a
 * product's root block, subscriptions stored as block instances with their values and relations, and the
 * subscriptions as a process found and left them. Every existing subscription's flat data becomes the root
 * instance of its product's block, one value per key; `subscriptions.data` stays as the copy reads use, now
 * with the root instance's identity.
 */
export class ProductModel1764600000000 implements MigrationInterface {
  name = 'ProductModel1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE resource_types (
        resource_type_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_type text NOT NULL UNIQUE,
        description text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE product_blocks (
        product_block_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text NOT NULL,
        tag text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // required_from NULL: the resource may be missing at every lifecycle status.
    await db.query(`
      CREATE TABLE product_block_resource_types (
        product_block_id uuid NOT NULL REFERENCES product_blocks (product_block_id) ON DELETE CASCADE,
        resource_type_id uuid NOT NULL REFERENCES resource_types (resource_type_id) ON DELETE CASCADE,
        required_from text CHECK (required_from IN ('initial', 'provisioning', 'active')),
        PRIMARY KEY (product_block_id, resource_type_id)
      )`);
    await db.query(
      `CREATE INDEX product_block_resource_types_resource_type_idx ON product_block_resource_types (resource_type_id)`,
    );
    await db.query(`
      CREATE TABLE product_block_children (
        product_block_id uuid NOT NULL REFERENCES product_blocks (product_block_id) ON DELETE CASCADE,
        attribute text NOT NULL,
        child_block_id uuid NOT NULL REFERENCES product_blocks (product_block_id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('one', 'optional', 'list')),
        min_count integer NOT NULL DEFAULT 0,
        max_count integer,
        required_from text CHECK (required_from IN ('initial', 'provisioning', 'active')),
        PRIMARY KEY (product_block_id, attribute),
        CHECK (min_count >= 0 AND (max_count IS NULL OR max_count >= GREATEST(min_count, 1)))
      )`);
    await db.query(`CREATE INDEX product_block_children_child_idx ON product_block_children (child_block_id)`);
    await db.query(`ALTER TABLE products ADD COLUMN root_block_id uuid REFERENCES product_blocks (product_block_id)`);

    await db.query(`
      CREATE TABLE subscription_instances (
        subscription_instance_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES subscriptions (subscription_id) ON DELETE CASCADE,
        product_block_id uuid NOT NULL REFERENCES product_blocks (product_block_id),
        is_root boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX subscription_instances_subscription_idx ON subscription_instances (subscription_id)`);
    await db.query(
      `CREATE UNIQUE INDEX subscription_instances_root_idx ON subscription_instances (subscription_id) WHERE is_root`,
    );
    await db.query(`CREATE INDEX subscription_instances_block_idx ON subscription_instances (product_block_id)`);
    await db.query(`
      CREATE TABLE subscription_instance_values (
        subscription_instance_id uuid NOT NULL
          REFERENCES subscription_instances (subscription_instance_id) ON DELETE CASCADE,
        resource_type_id uuid NOT NULL REFERENCES resource_types (resource_type_id),
        value jsonb NOT NULL,
        search_text text,
        PRIMARY KEY (subscription_instance_id, resource_type_id),
        CONSTRAINT subscription_instance_values_search_text_check
          CHECK (search_text IS NOT DISTINCT FROM ${SEARCH_TEXT_SQL('value')})
      )`);
    // data.<path>:value finds the values of one resource type equal to a text: then walks up to the subscriptions.
    await db.query(
      `CREATE INDEX subscription_instance_values_search_idx ON subscription_instance_values (resource_type_id, search_text)`,
    );
    // A child instance may belong to another subscription (an endpoint uses a port subscription's port block);
    // one that is used cannot be deleted (NO ACTION), so it is never silently cut out of another tree.
    await db.query(`
      CREATE TABLE subscription_instance_relations (
        parent_instance_id uuid NOT NULL
          REFERENCES subscription_instances (subscription_instance_id) ON DELETE CASCADE,
        attribute text NOT NULL,
        order_id integer NOT NULL DEFAULT 0 CHECK (order_id >= 0),
        child_instance_id uuid NOT NULL REFERENCES subscription_instances (subscription_instance_id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (parent_instance_id, attribute, order_id),
        CHECK (parent_instance_id <> child_instance_id)
      )`);
    await db.query(
      `CREATE INDEX subscription_instance_relations_child_idx ON subscription_instance_relations (child_instance_id)`,
    );
    // What a process found ("Lock subscription") and left (its last "Unlock subscription"): subscriptionDeltas.
    await db.query(`ALTER TABLE process_subscriptions ADD COLUMN before jsonb, ADD COLUMN after jsonb`);

    await migrateFlatData(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE process_subscriptions DROP COLUMN before, DROP COLUMN after`);
    await db.query(
      `UPDATE subscriptions SET data = data - 'subscriptionInstanceId' - 'ownerSubscriptionId' WHERE data ? 'subscriptionInstanceId'`,
    );
    for (const table of ['subscription_instance_relations', 'subscription_instance_values', 'subscription_instances']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`ALTER TABLE products DROP COLUMN root_block_id`);
    for (const table of [
      'product_block_children',
      'product_block_resource_types',
      'product_blocks',
      'resource_types',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}

/**
 * Every product gets a root block named after it (what `defineProduct({ data })` declares; start-up fills in
 * its resources' requirements), every key of the subscriptions' data a resource type, and every subscription a
 * root instance holding its data, one value per key (JSON nulls are absent values).
 */
async function migrateFlatData(db: QueryRunner): Promise<void> {
  await db.query(`
    INSERT INTO product_blocks (name, description, tag)
    SELECT name, description, tag FROM products ON CONFLICT (name) DO NOTHING`);
  await db.query(
    `UPDATE products p SET root_block_id = b.product_block_id FROM product_blocks b WHERE b.name = p.name`,
  );
  await db.query(`
    INSERT INTO resource_types (resource_type)
    SELECT DISTINCT e.key FROM subscriptions s CROSS JOIN LATERAL jsonb_each(s.data) e
    ON CONFLICT (resource_type) DO NOTHING`);
  await db.query(`
    INSERT INTO product_block_resource_types (product_block_id, resource_type_id)
    SELECT DISTINCT p.root_block_id, rt.resource_type_id
      FROM subscriptions s JOIN products p USING (product_id)
      CROSS JOIN LATERAL jsonb_each(s.data) e JOIN resource_types rt ON rt.resource_type = e.key
    ON CONFLICT DO NOTHING`);
  await db.query(`
    INSERT INTO subscription_instances (subscription_id, product_block_id, is_root)
    SELECT s.subscription_id, p.root_block_id, true FROM subscriptions s JOIN products p USING (product_id)`);
  await db.query(`
    INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value, search_text)
    SELECT i.subscription_instance_id, rt.resource_type_id, e.value, ${SEARCH_TEXT_SQL('e.value')}
      FROM subscription_instances i JOIN subscriptions s USING (subscription_id)
      CROSS JOIN LATERAL jsonb_each(s.data) e JOIN resource_types rt ON rt.resource_type = e.key
     WHERE e.value <> 'null'::jsonb`);
  await db.query(`
    UPDATE subscriptions s
       SET data = (SELECT COALESCE(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
                     FROM jsonb_each(s.data) e WHERE e.value <> 'null'::jsonb)
                  || jsonb_build_object('subscriptionInstanceId', i.subscription_instance_id,
                                        'ownerSubscriptionId', s.subscription_id)
      FROM subscription_instances i
     WHERE i.subscription_id = s.subscription_id AND i.is_root`);
}
