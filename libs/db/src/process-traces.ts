import type { DataSource } from 'typeorm';

/**
 * The trace context kept with a process while tracing is on (table process_traces): the request that started
 * it, and the latest request that resumed it. Not a write of the process row: the status diagram is unchanged.
 */
export class ProcessTraces {
  constructor(private readonly dataSource: DataSource) {}

  /** The start request's `traceparent`; written once, after the start committed and before the hand-off. */
  async recordStart(processId: string, traceparent: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO process_traces (process_id, trace_context) VALUES ($1, $2) ON CONFLICT (process_id) DO NOTHING`,
      [processId, traceparent],
    );
  }

  /** A resume, answer or callback request: the steps after it link to its trace. */
  async recordLink(processId: string, traceparent: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO process_traces (process_id, trace_context, trace_link) VALUES ($1, $2, $2)
       ON CONFLICT (process_id) DO UPDATE SET trace_link = EXCLUDED.trace_link`,
      [processId, traceparent],
    );
  }
}
