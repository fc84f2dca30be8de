import { EntitySchema } from 'typeorm';
import type { ProcessStatus } from '@orchestrator/engine';
import type { ColumnsOf } from './entity-columns';

/** How many processes (or tasks) have a status, as of the last compaction (process-status-counts.ts). */
export interface ProcessStatusCountRow {
  isTask: boolean;
  status: ProcessStatus;
  count: string;
}

/** A change of a count not folded in yet: a trigger on processes appends one per status a process leaves or takes. */
export interface ProcessStatusCountChangeRow {
  changeId: string;
  isTask: boolean;
  status: ProcessStatus;
  delta: number;
}

const countColumns: ColumnsOf<ProcessStatusCountRow> = {
  isTask: { name: 'is_task', type: 'boolean', primary: true },
  status: { type: 'text', primary: true },
  count: { type: 'bigint' },
};

const changeColumns: ColumnsOf<ProcessStatusCountChangeRow> = {
  changeId: { name: 'change_id', type: 'bigint', primary: true, generated: 'increment' },
  isTask: { name: 'is_task', type: 'boolean' },
  status: { type: 'text' },
  delta: { type: 'integer' },
};

export const ProcessStatusCountEntity = new EntitySchema<ProcessStatusCountRow>({
  name: 'ProcessStatusCount',
  tableName: 'process_status_counts',
  columns: countColumns,
});

export const ProcessStatusCountChangeEntity = new EntitySchema<ProcessStatusCountChangeRow>({
  name: 'ProcessStatusCountChange',
  tableName: 'process_status_count_changes',
  columns: changeColumns,
});
