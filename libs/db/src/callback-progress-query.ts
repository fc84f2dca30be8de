import type { DataSource } from 'typeorm';

/**
 * The latest progress message of the callback the process waits for at `stepIndex` (also after that
 * callback timed out), or null: once the process moved past the step, its progress is history.
 */
export async function latestCallbackProgress(
  dataSource: DataSource,
  processId: string,
  stepIndex: number,
): Promise<unknown> {
  const rows = (await dataSource.query(
    `SELECT progress FROM callback_tokens
      WHERE process_id = $1 AND step_index = $2
      ORDER BY created_at DESC LIMIT 1`,
    [processId, stepIndex],
  )) as { progress: unknown }[];
  return rows[0]?.progress ?? null;
}
