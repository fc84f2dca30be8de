import type { ChildProcesses, ChildSnapshot, State, StepRequest } from '@orchestrator/engine';
import { resumeProcesses } from './process-writes/resume-processes';
import { startChild } from './process-writes/start-child';
import type { Queryable } from './queryable';

// FOR SHARE: a child whose completion is committing right now is read after that commit, and a child that
// is about to complete waits for the parent's step to commit its `waiting` first; either way the child's
// wake-up (wake-parent.ts) finds the parent as the parent's step left it.
const LATEST_CHILD = `
  SELECT process_id, workflow_name, status, version, state, failed_reason, branch
    FROM processes
   WHERE parent_id = $1 AND parent_step_index = $2 AND branch IS NULL
   ORDER BY started_at DESC, process_id DESC
   LIMIT 1
     FOR SHARE`;

// The newest child of each branch of a parallel step, locked like LATEST_CHILD.
const LATEST_BRANCHES = `
  SELECT process_id, workflow_name, status, version, state, failed_reason, branch
    FROM processes
   WHERE process_id IN (
           SELECT DISTINCT ON (branch) process_id FROM processes
            WHERE parent_id = $1 AND parent_step_index = $2 AND branch IS NOT NULL
            ORDER BY branch, started_at DESC, process_id DESC)
     FOR SHARE`;

interface ChildRow {
  process_id: string;
  workflow_name: string;
  status: ChildSnapshot['status'];
  version: number;
  state: State;
  failed_reason: string | null;
  branch: string | null;
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
    return row ? toSnapshot(row) : null;
  }

  async branches(stepIndex: number): Promise<ChildSnapshot[]> {
    return ((await this.tx.query(LATEST_BRANCHES, [this.parentId, stepIndex])) as ChildRow[]).map(toSnapshot);
  }

  start(child: Parameters<ChildProcesses['start']>[0]): Promise<StepRequest> {
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

function toSnapshot(row: ChildRow): ChildSnapshot {
  return {
    processId: row.process_id,
    workflowName: row.workflow_name,
    status: row.status,
    version: row.version,
    state: row.state,
    failedReason: row.failed_reason,
    branch: row.branch,
  };
}
