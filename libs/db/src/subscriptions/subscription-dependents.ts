// Which subscriptions one depends on and which depend on it (ENGINE.md 13.3): the relations recorded between
// subscriptions (`ctx.subscriptions.relate`), and those derived from block instances, where an instance
// of one subscription's tree is owned by another (an L2VPN endpoint uses a port subscription's port block).
// `$S` stands for the subscription's id expression.

/** (id, at) of the subscriptions `$S` depends on. */
const DEPENDS_ON = `
  SELECT r.depends_on_id AS id, r.created_at AS at FROM subscription_relations r WHERE r.in_use_by_id = $S
  UNION ALL
  SELECT c.subscription_id, ir.created_at
    FROM subscription_instances p
    JOIN subscription_instance_relations ir ON ir.parent_instance_id = p.subscription_instance_id
    JOIN subscription_instances c ON c.subscription_instance_id = ir.child_instance_id
   WHERE p.subscription_id = $S AND c.subscription_id <> $S`;

/** (id, at) of the subscriptions that depend on `$S`. */
const IN_USE_BY = `
  SELECT r.in_use_by_id AS id, r.created_at AS at FROM subscription_relations r WHERE r.depends_on_id = $S
  UNION ALL
  SELECT p.subscription_id, ir.created_at
    FROM subscription_instances c
    JOIN subscription_instance_relations ir ON ir.child_instance_id = c.subscription_instance_id
    JOIN subscription_instances p ON p.subscription_instance_id = ir.parent_instance_id
   WHERE c.subscription_id = $S AND p.subscription_id <> $S`;

const related = (sql: string, subscription: string) =>
  `ARRAY(SELECT u.id::text FROM (${sql.replaceAll('$S', subscription)}) u GROUP BY u.id ORDER BY min(u.at), u.id)`;

/** The `dependsOn` and `inUseBy` columns of a subscription row aliased `s`. */
export const DEPENDS_ON_COLUMN = related(DEPENDS_ON, 's.subscription_id');
export const IN_USE_BY_COLUMN = related(IN_USE_BY, 's.subscription_id');

// Dependents that still need this subscription: in service (active, disabled, migrating), being built
// (provisioning), or in the middle of a change that may have failed (out of sync, such as the leftover of
// a failed create, until an operator aborts it and puts it back in sync).
export const ACTIVE_DEPENDENTS_SQL = `
  SELECT DISTINCT u.id::text AS id
    FROM (${IN_USE_BY.replaceAll('$S', '$1::uuid')}) u JOIN subscriptions d ON d.subscription_id = u.id
   WHERE d.status IN ('active', 'disabled', 'migrating', 'provisioning') OR (NOT d.insync AND d.status <> 'terminated')
   ORDER BY 1`;
