import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The example `node` product's resources (libs/workflows/src/node): a pool of loopback addresses, each held by
 * at most one subscription, and the sites nodes live in (a closed site refuses configuration changes).
 */
export class NodeAddressPool1764100000001 implements MigrationInterface {
  name = 'NodeAddressPool1764100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE node_loopback_addresses (
        address inet PRIMARY KEY,
        subscription_id uuid UNIQUE REFERENCES subscriptions (subscription_id),
        allocated_at timestamptz
      )`);
    await db.query(`
      INSERT INTO node_loopback_addresses (address)
      SELECT ('10.255.0.' || n)::inet FROM generate_series(1, 16) AS n`);
    await db.query(`
      CREATE TABLE node_sites (
        name text PRIMARY KEY,
        open_for_changes boolean NOT NULL DEFAULT true
      )`);
    await db.query(`INSERT INTO node_sites (name) VALUES ('ams'), ('fra'), ('lon')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE node_sites`);
    await db.query(`DROP TABLE node_loopback_addresses`);
  }
}
