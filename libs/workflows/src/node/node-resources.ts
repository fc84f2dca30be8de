import type { StepContext } from '@orchestrator/engine';

// The node product's resources live in the orchestrator's database (migration 1764100000001): a loopback
// address pool, one address per subscription, and sites that may be closed for changes. Every function runs
// on the step's transaction, so a failed step gives back what it took.

/**
 * The subscription's loopback address: the one it holds already (a retry allocates nothing new), else the
 * lowest free one, taken under a row lock (SKIP LOCKED: two nodes provisioned at once get different ones).
 */
export async function allocateLoopback(tx: StepContext['tx'], subscriptionId: string): Promise<string> {
  const held = (await tx.query(
    `SELECT host(address) AS address FROM node_loopback_addresses WHERE subscription_id = $1`,
    [subscriptionId],
  )) as { address: string }[];
  if (held[0]) return held[0].address;
  const [taken] = (await tx.query(
    `UPDATE node_loopback_addresses SET subscription_id = $1, allocated_at = now()
      WHERE address = (SELECT address FROM node_loopback_addresses WHERE subscription_id IS NULL
                        ORDER BY address LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING host(address) AS address`,
    [subscriptionId],
  )) as [{ address: string }[], number];
  const address = taken[0]?.address;
  if (!address) throw new Error('the loopback address pool is exhausted');
  return address;
}

/** Gives the subscription's loopback address back to the pool; null when it held none. */
export async function releaseLoopback(tx: StepContext['tx'], subscriptionId: string): Promise<string | null> {
  const [released] = (await tx.query(
    `UPDATE node_loopback_addresses SET subscription_id = NULL, allocated_at = NULL
      WHERE subscription_id = $1 RETURNING host(address) AS address`,
    [subscriptionId],
  )) as [{ address: string }[], number];
  return released[0]?.address ?? null;
}

/** The address the pool says the subscription holds. */
export async function heldLoopback(tx: StepContext['tx'], subscriptionId: string): Promise<string | null> {
  const rows = (await tx.query(
    `SELECT host(address) AS address FROM node_loopback_addresses WHERE subscription_id = $1`,
    [subscriptionId],
  )) as { address: string }[];
  return rows[0]?.address ?? null;
}

/**
 * Stands in for pushing configuration to the device: refused while the site is closed for changes (a
 * maintenance freeze), so that a step fails on demand and succeeds when retried after the site reopens.
 */
export async function pushConfiguration(tx: StepContext['tx'], site: string, hostname: string): Promise<string> {
  const rows = (await tx.query(`SELECT open_for_changes FROM node_sites WHERE name = $1`, [site])) as {
    open_for_changes: boolean;
  }[];
  const found = rows[0];
  if (!found) throw new Error(`site ${site} does not exist`);
  if (!found.open_for_changes) throw new Error(`site ${site} is closed for changes: cannot configure ${hostname}`);
  return `${hostname}.${site}`;
}
