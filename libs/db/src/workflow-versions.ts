import type { DataSource } from 'typeorm';
import { FINAL_STATUSES, PROCESS_STATUSES, type StepOutline, type WorkflowVersionSource } from '@orchestrator/engine';

const UNFINISHED = PROCESS_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));

/**
 * The recorded workflow versions (ENGINE.md 14.3). A version's step list never changes once written (it is
 * its digest), so what is found is cached for the life of the process: a pinned process costs its worker one
 * read per version, not one per step.
 */
export class WorkflowVersions implements WorkflowVersionSource {
  private readonly found = new Map<string, readonly StepOutline[]>();

  constructor(private readonly dataSource: DataSource) {}

  async outlineOf(workflowName: string, version: string): Promise<readonly StepOutline[] | undefined> {
    const key = `${workflowName}\u0000${version}`;
    const cached = this.found.get(key);
    if (cached) return cached;
    const rows = (await this.dataSource.query(
      `SELECT steps FROM workflow_versions WHERE workflow_name = $1 AND version = $2`,
      [workflowName, version],
    )) as { steps: StepOutline[] }[];
    const steps = rows[0]?.steps;
    if (steps) this.found.set(key, steps);
    return steps;
  }

  /** Per workflow, how many unfinished processes are pinned to another version than `current` gives. */
  async unfinishedOnOlderVersions(current: ReadonlyMap<string, string>): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(
      `SELECT p.workflow_name AS name, count(*)::int AS count
         FROM processes p JOIN unnest($1::text[], $2::text[]) AS c(name, version) ON p.workflow_name = c.name
        WHERE p.status = ANY($3::text[]) AND p.workflow_version IS DISTINCT FROM c.version
        GROUP BY p.workflow_name`,
      [[...current.keys()], [...current.values()], UNFINISHED],
    )) as { name: string; count: number }[];
    return new Map(rows.map((row) => [row.name, row.count]));
  }
}
