import { SUBSCRIPTION_STATUSES } from '@orchestrator/engine';
import { defineSearchFields, type JsonRowsLookup } from '@orchestrator/search';

// `q` on subscriptions (ENGINE.md 11.2) with `data.<path>` searched on the block instances' values (13.3):
// the values of one resource type equal to a text are found on the index (resource_type_id, search_text),
// then the relations are climbed to the subscriptions whose trees hold them at that path. So "every
// subscription using port X" is one query: `data.endpoints.port.portName:ge-0/0/1`, whichever subscription
// owns the port block. A list's position may be given or not (`data.endpoints.0.vlan`, `data.endpoints.vlan`).

/** The rows behind `data.<path>`: `head` the attributes (and list positions) down to the value, `key` its name. */
export const SUBSCRIPTION_DATA_ROWS: JsonRowsLookup = {
  value: 'v.value',
  text: 'v.search_text',
  within: (condition, { head, key }) => `s.subscription_id IN (
    WITH RECURSIVE hit(instance_id, want) AS (
      SELECT v.subscription_instance_id, ${head}
        FROM subscription_instance_values v
       WHERE v.resource_type_id = (SELECT rt.resource_type_id FROM resource_types rt WHERE rt.resource_type = ${key})
         AND ${condition}
      UNION
      SELECT r.parent_instance_id,
             CASE WHEN h.want[cardinality(h.want)] = r.attribute THEN h.want[1:cardinality(h.want) - 1]
                  ELSE h.want[1:cardinality(h.want) - 2] END
        FROM hit h JOIN subscription_instance_relations r ON r.child_instance_id = h.instance_id
       WHERE cardinality(h.want) > 0
         AND (h.want[cardinality(h.want)] = r.attribute
              OR (cardinality(h.want) >= 2 AND h.want[cardinality(h.want)] = r.order_id::text
                  AND h.want[cardinality(h.want) - 1] = r.attribute
                  AND EXISTS (SELECT 1 FROM subscription_instances pi
                                JOIN product_block_children k
                                  ON k.product_block_id = pi.product_block_id AND k.attribute = r.attribute
                               WHERE pi.subscription_instance_id = r.parent_instance_id AND k.kind = 'list')))
    )
    SELECT i.subscription_id FROM hit h JOIN subscription_instances i ON i.subscription_instance_id = h.instance_id
     WHERE i.is_root AND cardinality(h.want) = 0)`,
};

/** The searchable fields of `GET /api/subscriptions`, over `subscriptions s JOIN products p`. */
export const subscriptionSearchFields = defineSearchFields({
  id: { kind: 'uuid', sql: 's.subscription_id', freeText: true },
  description: { kind: 'text', sql: 's.description', match: 'contains', freeText: true },
  status: { kind: 'enum', sql: 's.status', values: SUBSCRIPTION_STATUSES, freeText: true },
  insync: { kind: 'boolean', sql: 's.insync' },
  productName: { kind: 'text', sql: 'p.name', freeText: true, aliases: ['product'] },
  productTag: { kind: 'text', sql: 'p.tag', freeText: true, aliases: ['tag'] },
  customerId: { kind: 'text', sql: 's.customer_id', freeText: true },
  note: { kind: 'text', sql: 's.note', match: 'contains', freeText: true },
  startDate: { kind: 'date', sql: 's.start_date' },
  endDate: { kind: 'date', sql: 's.end_date' },
  data: { kind: 'json', sql: 's.data', rows: SUBSCRIPTION_DATA_ROWS },
});
