import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';

/** A resource type (ENGINE.md 13.2): a resource key shared by every block that has it. */
export interface ResourceTypeRow {
  resourceTypeId: string;
  resourceType: string;
  description: string | null;
  createdAt: Date;
}

const columns: ColumnsOf<ResourceTypeRow> = {
  resourceTypeId: { name: 'resource_type_id', type: 'uuid', primary: true, generated: 'uuid' },
  resourceType: { name: 'resource_type', type: 'text', unique: true },
  description: { type: 'text', nullable: true },
  createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
};

export const ResourceTypeEntity = new EntitySchema<ResourceTypeRow>({
  name: 'ResourceType',
  tableName: 'resource_types',
  columns,
});
