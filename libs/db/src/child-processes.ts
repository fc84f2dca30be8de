import type { ChildProcesses, ChildSnapshot, State, StepRequest } from '@orchestrator/engine';
import { resumeProcesses } from './process-writes/resume-processes';
import { startChild } from './process-writes/start-child';
import type { Queryable } from './queryable';

// FOR SHARE: a child whose completion is committing right now is read after that commit, and a child that
// is about to complete waits for the parent's step to commit its `waiting` first; either way the child's
// wake-up (wake-parent.ts) finds the parent as the parent's step left it.
const LATEST_CHILD = `
  SELECT process_id, workflow_name, status, version, state, failed_reason
    FROM processes
   WHERE parent_id = $1 AND parent_step_index = $2
   ORDER BY started_at DESC, process_id DESC
   LIMIT 1
     FOR SHARE`;

interface ChildRow {
  process_id: string;
  workflow_name: string;
  status: ChildSnapshot['status'];
  version: number;
  state: State;
  failed_reason: string | null;
}

const FAILED_STATUSES = ['failed', 'api_unavailable', 'inconsistent_data'] as const;

/** The engine's ChildProcesses on the parent's step transaction. */
export class PostgresChildProcesses implements ChildProcesses {
  constructor(
    private readonly tx: Queryable,
    private readonly parentId: string,
  ) {}

  async latest(stepIndex: number): Promise<ChildSnapshot | null> {
    const rows = (await this.tx.query(LATEST_CHILD, [this.parentId, stepIndex])) as ChildRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      processId: row.process_id,
      workflowName: row.workflow_name,
      status: row.status,
      version: row.version,
      state: row.state,
      failedReason: row.failed_reason,
    };
  }

  start(child: { workflowName: string; stepIndex: number; state: State; actor: string }): Promise<StepRequest> {
    return startChild(this.tx, { ...child, parentId: this.parentId });
  }

  async resume(child: ChildSnapshot, actor: string): Promise<StepRequest | null> {
    const [resumed] = await resumeProcesses(this.tx, {
      processIds: [child.processId],
      statuses: FAILED_STATUSES,
      actor,
      expectedVersion: child.version,
      audit: null,
    });
    return resumed ? { processId: resumed.processId, version: resumed.version } : null;
  }
}
