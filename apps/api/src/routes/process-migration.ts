import type { Router } from 'express';
import {
  planMigration,
  RESUMABLE_STATUSES,
  workflowOutline,
  workflowVersion,
  type WorkflowDefinition,
} from '@orchestrator/engine';
import type { ResumeTarget } from '@orchestrator/db';
import { ApiError, processNotFound } from '../api-error';
import { refusal } from '../command-refusal';
import { bodyOf, reply } from '../openapi/operation';
import { workflowRemoved } from '../process-workflow';
import { auditOf } from '../security/request-auth';
import { handOffToWorkers } from '../step-handoff';
import type { ProcessRoutesDeps } from './processes';
import { migrateProcess } from './process-migration-operations';

/**
 * `POST /api/processes/{id}/migrate` (ENGINE.md 14.3): re-pins a process to the current version of its
 * workflow at the position the operator's mapping gives. A mapping that names unknown steps, or leaves a
 * step the process has yet to run unmapped while the code lacks it, is a 400 and writes nothing.
 */
export function registerMigrateRoute(router: Router, deps: ProcessRoutesDeps, idOf: (raw: string) => string): void {
  router.post('/:id/migrate', async (req, res) => {
    const id = idOf(String(req.params.id));
    const { mapping } = bodyOf(migrateProcess, req, 'expected {"mapping": {"old step": "new step" or null}}');
    const target = await deps.queries.resumeTarget(id);
    if (!target) throw processNotFound(id);
    const code = deps.registry.get(target.workflowName);
    if (!code) throw workflowRemoved(id, target.workflowName);
    if (!RESUMABLE_STATUSES.includes(target.status)) {
      throw new ApiError('INVALID_PROCESS_STATUS', `process ${id} is ${target.status} and cannot be migrated`);
    }
    const outline = await outlineOfProcess(deps, code, target);
    if (!outline) {
      throw new ApiError(
        'WORKFLOW_CHANGED',
        `the version ${String(target.workflowVersion)} of workflow "${code.name}" is not recorded`,
      );
    }
    const plan = planMigration(outline, target.stepIndex, code, mapping);
    if (plan.kind === 'invalid') {
      throw new ApiError('VALIDATION_FAILED', `the mapping does not migrate process ${id}`, [...plan.issues]);
    }
    const toWorkflowVersion = workflowVersion(code);
    const outcome = await deps.commands.migrate(
      {
        processId: id,
        expectedVersion: target.version,
        fromWorkflowVersion: target.workflowVersion,
        toWorkflowVersion,
        stepIndex: plan.stepIndex,
        mapping,
        nextStep: plan.stepName,
      },
      auditOf(req),
    );
    if (outcome.kind !== 'moved') {
      if (outcome.kind === 'invalid_status' && RESUMABLE_STATUSES.includes(outcome.status)) {
        throw new ApiError('INVALID_PROCESS_STATUS', `process ${id} changed meanwhile; reload it`);
      }
      throw refusal(id, outcome, 'migrated');
    }
    // A resumed process was waiting for a worker: its request died with the version bump, so ask again.
    if (target.status === 'resumed') await handOffToWorkers(deps, id, outcome.version);
    else await deps.announce.process(id);
    reply(res, migrateProcess, 200, { workflowVersion: toWorkflowVersion, nextStep: plan.stepName });
  });
}

/** The step list of the version the process is pinned to (the code's own when it is on it). */
async function outlineOfProcess(deps: ProcessRoutesDeps, code: WorkflowDefinition, target: ResumeTarget) {
  const pinnedTo = target.workflowVersion ?? workflowVersion(code);
  if (pinnedTo === workflowVersion(code)) return workflowOutline(code);
  return deps.versions.outlineOf(code.name, pinnedTo);
}
