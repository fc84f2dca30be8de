import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';
import { ProcessEntity, type ProcessRow } from './process.entity';

/** The W3C `traceparent` of the request that started a process, and of the latest one that resumed it. */
export interface ProcessTraceRow {
  processId: string;
  traceContext: string;
  traceLink: string | null;
}

export interface ProcessTraceRelations {
  process?: ProcessRow;
}

const columns: ColumnsOf<ProcessTraceRow> = {
  processId: { name: 'process_id', type: 'uuid', primary: true },
  traceContext: { name: 'trace_context', type: 'text' },
  traceLink: { name: 'trace_link', type: 'text', nullable: true },
};

export const ProcessTraceEntity = new EntitySchema<ProcessTraceRow & ProcessTraceRelations>({
  name: 'ProcessTrace',
  tableName: 'process_traces',
  columns,
  relations: {
    process: {
      type: 'one-to-one',
      target: ProcessEntity,
      joinColumn: { name: 'process_id', foreignKeyConstraintName: 'process_traces_process_id_fkey' },
      onDelete: 'CASCADE',
    },
  },
});
