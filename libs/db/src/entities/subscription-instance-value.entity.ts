import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { ResourceTypeEntity, type ResourceTypeRow } from './resource-type.entity';
import { SubscriptionInstanceEntity, type SubscriptionInstanceRow } from './subscription-instance.entity';

/** A JSON value other than null (an absent resource has no row). */
export type InstanceValue = string | number | boolean | unknown[] | Record<string, unknown>;

/** One resource value of an instance; `searchText` is a scalar's lower-case text, which search compares. */
export interface SubscriptionInstanceValueRow {
  subscriptionInstanceId: string;
  resourceTypeId: string;
  value: InstanceValue;
  searchText: string | null;
}

export interface SubscriptionInstanceValueRelations {
  instance?: SubscriptionInstanceRow;
  resourceType?: ResourceTypeRow;
}

const columns: ColumnsOf<SubscriptionInstanceValueRow> = {
  subscriptionInstanceId: { name: 'subscription_instance_id', type: 'uuid', primary: true },
  resourceTypeId: { name: 'resource_type_id', type: 'uuid', primary: true },
  value: { type: 'jsonb' },
  searchText: { name: 'search_text', type: 'text', nullable: true },
};

export const SubscriptionInstanceValueEntity = new EntitySchema<
  SubscriptionInstanceValueRow & SubscriptionInstanceValueRelations
>({
  name: 'SubscriptionInstanceValue',
  tableName: 'subscription_instance_values',
  columns,
  relations: {
    instance: {
      type: 'many-to-one',
      target: SubscriptionInstanceEntity,
      joinColumn: {
        name: 'subscription_instance_id',
        foreignKeyConstraintName: 'subscription_instance_values_subscription_instance_id_fkey',
      },
      onDelete: 'CASCADE',
    },
    resourceType: {
      type: 'many-to-one',
      target: ResourceTypeEntity,
      joinColumn: {
        name: 'resource_type_id',
        foreignKeyConstraintName: 'subscription_instance_values_resource_type_id_fkey',
      },
    },
  },
  indices: [{ name: 'subscription_instance_values_search_idx', columns: ['resourceTypeId', 'searchText'] }],
  checks: [
    {
      name: 'subscription_instance_values_search_text_check',
      expression: `search_text IS NOT DISTINCT FROM CASE WHEN jsonb_typeof(value) = ANY (ARRAY['string', 'number', 'boolean']) THEN lower(value #>> '{}') END`,
    },
  ],
});
