import { In, IsNull, Not, type EntityManager } from 'typeorm';
import type { WorkflowDefinition } from '@orchestrator/engine';
import { WorkflowEntity } from './entities';

/** Upserts the registered workflows (one statement); workflows no longer registered are soft-deleted. */
export async function syncWorkflows(manager: EntityManager, workflows: readonly WorkflowDefinition[]): Promise<void> {
  const stored = manager.getRepository(WorkflowEntity);
  if (workflows.length > 0) {
    await stored.upsert(
      workflows.map(({ name, target, description, isTask }) => ({
        name,
        target,
        description,
        isTask,
        deletedAt: null,
      })),
      { conflictPaths: ['name'] },
    );
  }
  await stored.update(
    { deletedAt: IsNull(), name: Not(In(workflows.map((w) => w.name))) },
    { deletedAt: () => 'now()' },
  );
}
