import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';

/** The sites of the example `node` product; a site closed for changes refuses configuration pushes. */
export interface NodeSiteRow {
  name: string;
  openForChanges: boolean;
}

const columns: ColumnsOf<NodeSiteRow> = {
  name: { type: 'text', primary: true },
  openForChanges: { name: 'open_for_changes', type: 'boolean', default: true },
};

export const NodeSiteEntity = new EntitySchema<NodeSiteRow>({ name: 'NodeSite', tableName: 'node_sites', columns });
