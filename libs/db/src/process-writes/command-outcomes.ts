import type { ProcessStatus } from '@orchestrator/engine';
import type { Queryable } from '../queryable';

/** Why a command on one process changed nothing. Nothing was written. */
export type CommandRefusal =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'invalid_status'; readonly status: ProcessStatus }
  | { readonly kind: 'not_a_task' };

/** A command that changed the process, which now has `version`; the workers run that version's step. */
export interface Moved {
  readonly kind: 'moved';
  readonly version: number;
}

/** The refusal for a process a conditional write did not match: unknown, or in the wrong status. */
export async function refusalOf(db: Queryable, processId: string): Promise<CommandRefusal> {
  const found = await processKind(db, processId);
  return found ? { kind: 'invalid_status', status: found.status } : { kind: 'not_found' };
}

export async function processKind(
  db: Queryable,
  processId: string,
): Promise<{ status: ProcessStatus; isTask: boolean } | undefined> {
  const rows = (await db.query('SELECT status, is_task AS "isTask" FROM processes WHERE process_id = $1', [
    processId,
  ])) as { status: ProcessStatus; isTask: boolean }[];
  return rows[0];
}
