// Dependents that still need this subscription: in service (active, disabled, migrating), being built
// (provisioning), or in the middle of a change that may have failed (out of sync, such as the leftover of
// a failed create, until an operator aborts it and puts it back in sync).
export const ACTIVE_DEPENDENTS_SQL = `
  SELECT r.in_use_by_id::text AS id
    FROM subscription_relations r JOIN subscriptions d ON d.subscription_id = r.in_use_by_id
   WHERE r.depends_on_id = $1
     AND (d.status IN ('active', 'disabled', 'migrating', 'provisioning') OR (NOT d.insync AND d.status <> 'terminated'))
   ORDER BY r.in_use_by_id`;
