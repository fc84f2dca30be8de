import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { workflowOutline, workflowVersion, type WorkflowDefinition } from '@orchestrator/engine';
import { WorkflowEntity } from './entities';
import { pinUnversionedProcesses } from './process-writes/pin-unversioned-processes';

// Every step list a workflow is registered with is kept (ENGINE.md 14.3): the processes pinned to it resume
// on it. A version is its digest, so the same list registered again changes nothing.
const RECORD_VERSIONS_SQL = `
  INSERT INTO workflow_versions (workflow_name, version, steps)
  SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
  ON CONFLICT (workflow_name, version) DO NOTHING`;

/**
 * Upserts the registered workflows (one statement) with their current version, records that version's step
 * list, and pins processes from before versions to it; workflows no longer registered are soft-deleted.
 */
export async function syncWorkflows(manager: EntityManager, workflows: readonly WorkflowDefinition[]): Promise<void> {
  const stored = manager.getRepository(WorkflowEntity);
  if (workflows.length > 0) {
    await stored.upsert(
      workflows.map((workflow) => ({
        name: workflow.name,
        target: workflow.target,
        description: workflow.description,
        isTask: workflow.isTask,
        version: workflowVersion(workflow),
        deletedAt: null,
      })),
      { conflictPaths: ['name'] },
    );
    await manager.query(RECORD_VERSIONS_SQL, [
      workflows.map((w) => w.name),
      workflows.map(workflowVersion),
      workflows.map((w) => JSON.stringify(workflowOutline(w))),
    ]);
    await pinUnversionedProcesses(
      manager,
      workflows.map((w) => w.name),
    );
  }
  await stored.update(
    { deletedAt: IsNull(), name: Not(In(workflows.map((w) => w.name))) },
    { deletedAt: () => 'now()' },
  );
}
