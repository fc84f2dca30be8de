import type { CommandRefusal } from '@orchestrator/db';
import { ApiError, processNotFound } from './api-error';

/** The API error for a process command that was refused (`action`: what it could not be, e.g. "resumed"). */
export function refusal(id: string, outcome: CommandRefusal, action: string): ApiError {
  switch (outcome.kind) {
    case 'not_found':
      return processNotFound(id);
    case 'not_a_task':
      return new ApiError('NOT_A_TASK', 'only tasks can be deleted; a workflow process is an audit record');
    case 'invalid_status':
      return new ApiError('INVALID_PROCESS_STATUS', `process ${id} is ${outcome.status} and cannot be ${action}`);
  }
}
