import { OrchestratorError } from '@orchestrator/engine';

/** A `q` the grammar or the list's fields refuse; the API answers 400 INVALID_QUERY naming the position. */
export class InvalidQueryError extends OrchestratorError {
  /** `reason` without the position, e.g. `unexpected ")"`; `message` is `unexpected ")" at 14`. */
  readonly reason: string;

  constructor(
    reason: string,
    /** Offset of the offending character in `q`, counted from 0. */
    readonly position: number,
  ) {
    super('INVALID_QUERY', `${reason} at ${position}`, [{ path: 'q', message: `${reason} at ${position}`, position }]);
    this.name = 'InvalidQueryError';
    this.reason = reason;
  }
}

/** A `sort` that names no sortable field of the list, or a direction other than asc and desc. */
export function invalidSort(message: string): OrchestratorError {
  return new OrchestratorError('VALIDATION_FAILED', message, [{ path: 'sort', message }]);
}

/** A cursor this list did not hand out for this sort: 400 INVALID_CURSOR. */
export function invalidCursor(reason: string, cause?: unknown): OrchestratorError {
  const message = `cursor is not one this list handed out for this sort: ${reason}`;
  return new OrchestratorError('INVALID_CURSOR', message, [{ path: 'cursor', message: reason }], { cause });
}
