import type { Request, Router } from 'express';
import type {
  CallbackRefusal,
  CallbackTarget,
  ProcessCommands,
  ProcessQueries,
  WorkflowVersions,
} from '@orchestrator/db';
import { acceptCallback, callbackStepAt, type WorkflowDefinition, type WorkflowRegistry } from '@orchestrator/engine';
import { ApiError } from '../api-error';
import { processWorkflow } from '../process-workflow';
import { assertStorable, bodyObject, isUuid } from '../request-input';
import { reply } from '../openapi/operation';
import { actorOf } from '../security/request-auth';
import { deliverCallback as deliverCallbackOperation, reportCallbackProgress } from './processes-operations';

export interface CallbackRoutesDeps {
  registry: WorkflowRegistry;
  versions: WorkflowVersions;
  commands: ProcessCommands;
  queries: ProcessQueries;
  /** Hands the process on to the workers once the callback is stored. */
  handOff(processId: string, version: number): Promise<void>;
}

// Tokens are 43 URL-safe characters; anything far off that was never issued.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * POST /api/processes/{id}/callback/{token} and .../progress (ENGINE.md 6 and 8.12). While the engine is
 * paused both are accepted; the workers hold the continuation until it runs again (8.10).
 */
export function registerCallbackRoutes(router: Router, deps: CallbackRoutesDeps): void {
  router.post('/:id/callback/:token', async (req, res) => {
    const { target, workflow } = await callbackTarget(req, deps);
    const { processId } = target;
    const body = bodyObject(req);
    const outcome = await deps.commands.deliverCallback(target, actorOf(req), (awaited) => {
      const definition = callbackStepAt(workflow(awaited.workflowName), awaited.stepIndex);
      if (!definition) {
        throw new ApiError('INVALID_PROCESS_STATUS', `process ${processId} is not at a callback step in this version`);
      }
      return { stepName: definition.name, state: acceptCallback(definition, awaited.state, body) };
    });
    if (outcome.kind !== 'moved') throw callbackRefusal(outcome);
    await deps.handOff(processId, outcome.version);
    reply(res, deliverCallbackOperation, 200, { id: processId, status: 'running' });
  });

  router.post('/:id/callback/:token/progress', async (req, res) => {
    const { target } = await callbackTarget(req, deps);
    const progress = progressBody(req);
    const outcome = await deps.commands.recordCallbackProgress(target, progress);
    if (outcome.kind !== 'recorded') throw callbackRefusal(outcome);
    reply(res, reportCallbackProgress, 200, { id: target.processId, callbackProgress: progress });
  });
}

async function callbackTarget(
  req: Request,
  deps: CallbackRoutesDeps,
): Promise<{ target: CallbackTarget; workflow: (name: string) => WorkflowDefinition | undefined }> {
  const processId = String(req.params.id);
  const token = String(req.params.token);
  if (!isUuid(processId) || !TOKEN_SHAPE.test(token)) throw unknownToken();
  const pinned = await pinnedWorkflow(deps, processId.toLowerCase());
  // The step index is one of the process's workflow version (ENGINE.md 14.3). A migration in between bumps
  // the process version, which the token is bound to: then the token is refused anyway.
  const workflow = (name: string) => (pinned?.name === name ? pinned : undefined);
  return {
    target: {
      processId: processId.toLowerCase(),
      token,
      isCallbackStep: (workflowName, stepIndex) => callbackStepAt(workflow(workflowName), stepIndex) !== null,
    },
    workflow,
  };
}

/** The workflow of the process on its version, as this API's code has it; undefined when there is none. */
async function pinnedWorkflow(deps: CallbackRoutesDeps, processId: string): Promise<WorkflowDefinition | undefined> {
  const found = await deps.queries.resumeTarget(processId);
  if (!found) return undefined;
  const resolved = await processWorkflow(deps, found);
  return resolved.kind === 'removed' ? undefined : resolved.workflow;
}

/** A progress report is a JSON object or a plain message string (`"50% done"`). */
function progressBody(req: Request): unknown {
  const body: unknown = req.body;
  if (typeof body !== 'string') return bodyObject(req);
  assertStorable(body);
  return body;
}

function callbackRefusal(refusal: CallbackRefusal): ApiError {
  switch (refusal.kind) {
    case 'unknown_token':
      return unknownToken();
    case 'not_ready':
      return new ApiError(
        'CALLBACK_NOT_READY',
        'the step issuing this callback is still running; send the callback again in a few seconds',
      );
    case 'not_waiting':
      return new ApiError('INVALID_PROCESS_STATUS', refusal.reason);
  }
}

function unknownToken(): ApiError {
  return new ApiError('INVALID_CALLBACK_TOKEN', 'no callback with this token was issued for this process');
}
