import type { Request, Router } from 'express';
import { OrchestratorError } from '@orchestrator/engine';
import { ApiError } from '../api-error';
import { refusal } from '../command-refusal';
import { refuseWhilePaused } from '../engine-pause-guard';
import { bodyOf, reply } from '../openapi/operation';
import { resumeProcess } from '../resume-process';
import { actorOf, auditOf } from '../security/request-auth';
import { handOffToWorkers } from '../step-handoff';
import type { ProcessRoutesDeps } from './processes';
import { bulkProcessAction } from './processes-operations';

/** A bulk action acts on at most this many processes; a broader filter is refused before anything is done. */
export const BULK_LIMIT = 10_000;

const FILTERS = ['q', 'status', 'workflowName', 'isTask', 'createdBy', 'subscriptionId'] as const;

/**
 * `POST /api/processes/bulk` (ENGINE.md 11.7): resume or abort every process the list's filter lists, one at
 * a time, each under its own rules (its status, its workflow's authorizeRetry); one audit row with the counts.
 */
export function registerBulkRoute(router: Router, deps: ProcessRoutesDeps): void {
  router.post('/bulk', async (req, res) => {
    const { action, q, status, ...filters } = bodyOf(bulkProcessAction, req, 'expected {"action", "q" or a filter}');
    const given = FILTERS.filter((name) => {
      const value = { q, status, ...filters }[name];
      return (
        value !== undefined &&
        !(typeof value === 'string' && value.trim() === '') &&
        !(Array.isArray(value) && value.length === 0)
      );
    });
    if (given.length === 0) {
      throw new ApiError(
        'VALIDATION_FAILED',
        'a bulk action needs a filter (q, status, ...): it would touch every process',
        [{ path: 'q', message: 'give q or at least one filter' }],
      );
    }
    if (action === 'resume') await refuseWhilePaused(deps.engine);
    const statuses = status === undefined ? undefined : Array.isArray(status) ? status : [status];
    const ids = await deps.queries.matchingIds({ ...filters, status: statuses }, q, BULK_LIMIT + 1);
    if (ids.length > BULK_LIMIT) {
      throw new ApiError('BULK_TOO_LARGE', `the filter lists more than ${BULK_LIMIT} processes: narrow it`, [
        { path: 'q', message: `more than ${BULK_LIMIT} processes match` },
      ]);
    }
    const refused: { id: string; code: string; message: string }[] = [];
    for (const id of ids) {
      try {
        await (action === 'resume' ? resumeOne(deps, req, id) : abortOne(deps, req, id));
      } catch (error) {
        if (!(error instanceof OrchestratorError)) throw error;
        refused.push({ id, code: error.code, message: error.message });
      }
    }
    const outcome = { matched: ids.length, done: ids.length - refused.length, refused };
    await deps.audit.recordAllowed(auditOf(req), {
      targetType: 'processes',
      targetId: null,
      details: {
        bulkAction: action,
        filter: { q, status: statuses, ...filters },
        matched: outcome.matched,
        done: outcome.done,
        refused: refused.length,
      },
    });
    deps.logger.info({ action, matched: outcome.matched, done: outcome.done, refused: refused.length }, 'bulk action');
    reply(res, bulkProcessAction, 200, outcome);
  });
}

async function resumeOne(deps: ProcessRoutesDeps, req: Request, id: string): Promise<void> {
  const version = await resumeProcess(deps, id, req, {}, false);
  await handOffToWorkers(deps, id, version);
}

async function abortOne(deps: ProcessRoutesDeps, req: Request, id: string): Promise<void> {
  const outcome = await deps.commands.abort(id, actorOf(req), null);
  if (outcome.kind !== 'aborted') throw refusal(id, outcome, 'aborted');
  if (outcome.woken) await handOffToWorkers(deps, outcome.woken.processId, outcome.woken.version);
}
