import type { EntityManager } from 'typeorm';
import type { WorkflowDefinition } from '@orchestrator/engine';

/** Upserts the registered workflows; workflows no longer registered are soft-deleted. */
export async function syncWorkflows(manager: EntityManager, workflows: readonly WorkflowDefinition[]): Promise<void> {
  const names = workflows.map((w) => w.name);
  if (workflows.length > 0) {
    await manager.query(
      `INSERT INTO workflows (name, target, description, is_task)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
       ON CONFLICT (name) DO UPDATE
         SET target = EXCLUDED.target, description = EXCLUDED.description, is_task = EXCLUDED.is_task, deleted_at = NULL`,
      [names, workflows.map((w) => w.target), workflows.map((w) => w.description), workflows.map((w) => w.isTask)],
    );
  }
  await manager.query(
    `UPDATE workflows SET deleted_at = now() WHERE deleted_at IS NULL AND NOT (name = ANY($1::text[]))`,
    [names],
  );
}
