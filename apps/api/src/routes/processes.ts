import { Router, type Request } from 'express';
import { z } from 'zod';
import { inputFormSchema, inputStepAt } from '@orchestrator/engine';
import type { AppDeps } from '../app';
import { ApiError, processNotFound } from '../api-error';
import { refusal } from '../command-refusal';
import { refuseWhilePaused } from '../engine-pause-guard';
import { processDetail, processListItem } from '../process-json';
import { processWorkflow } from '../process-workflow';
import { startWorkflowProcess } from '../process-start';
import { bodyObjectOrArray, formContext } from '../form-answers';
import { bodyOf, queryOf, reply, replyEmpty } from '../openapi/operation';
import { isUuid } from '../request-input';
import { startState } from '../start-input';
import { resumeProcess } from '../resume-process';
import { actorOf, auditOf, roleOf } from '../security/request-auth';
import { withStackTracesFor } from '../security/stack-trace-view';
import { requireWorkflowRule, retryRuleOf } from '../security/workflow-rules';
import { handOffToWorkers } from '../step-handoff';
import { registerBulkRoute } from './process-bulk';
import { registerMigrateRoute } from './process-migration';
import { registerCallbackRoutes } from './callbacks';
import {
  abortProcess,
  deleteTask,
  getProcess,
  listProcesses,
  processStatusCounts,
  resumeAllTasks,
  resumeProcess as resumeProcessOperation,
  startProcess,
  updateProcess,
} from './processes-operations';

export type ProcessRoutesDeps = Pick<
  AppDeps,
  | 'registry'
  | 'versions'
  | 'commands'
  | 'queries'
  | 'engine'
  | 'scheduler'
  | 'logger'
  | 'inventory'
  | 'products'
  | 'subscriptions'
  | 'announce'
  | 'audit'
>;

const idempotencyKeySchema = z.string().trim().min(1).max(255);

export function processRoutes(deps: ProcessRoutesDeps): Router {
  const router = Router();

  router.get('/status-counts', async (_req, res) => {
    reply(res, processStatusCounts, 200, await deps.queries.statusCounts());
  });

  router.get('/', async (req, res) => {
    const { limit, cursor, q, sort, ...filters } = queryOf(listProcesses, req);
    const page = await deps.queries.list(filters, { limit, cursor, q, sort });
    reply(res, listProcesses, 200, {
      ...page,
      items: page.items.map((process) => withStackTracesFor(roleOf(req), processListItem(process))),
    });
  });

  registerBulkRoute(router, deps);

  router.post('/:workflowName', async (req, res) => {
    const workflow = deps.registry.get(String(req.params.workflowName));
    if (!workflow) throw new ApiError('WORKFLOW_NOT_FOUND', `workflow "${String(req.params.workflowName)}" not found`);
    await requireWorkflowRule(
      req,
      deps.logger,
      workflow,
      { kind: 'start' },
      { targetType: 'workflow', targetId: workflow.name },
    );
    const actor = actorOf(req);
    const idempotencyKey = idempotencyKeyOf(req);
    // The input schema, or a multi-page form (510 until every page is answered); nothing is written before.
    const state = await startState(deps, workflow, req, actor);
    await refuseWhilePaused(deps.engine);
    const started = await startWorkflowProcess(
      deps,
      workflow,
      { workflowName: workflow.name, state, actor, idempotencyKey },
      auditOf(req),
    );
    switch (started.kind) {
      case 'started':
        // The locking start took the subscription out of sync in its transaction.
        if (workflow.subscription) await deps.announce.subscriptions([String(state.subscriptionId)]);
        await handOffToWorkers(deps, started.processId, started.version, 'start', {
          id: started.processId,
          workflowName: workflow.name,
          status: 'created',
          lastStep: null,
          lastModifiedAt: started.modifiedAt,
          isTask: workflow.isTask,
        });
        reply(res, startProcess, 201, { id: started.processId });
        return;
      case 'repeated':
        reply(res, startProcess, 200, { id: started.processId });
        return;
    }
  });

  router.get('/:id', async (req, res) => {
    const id = processId(req);
    const found = await deps.queries.detail(id);
    if (!found) throw processNotFound(id);
    const { process } = found;
    // The steps of its version (ENGINE.md 14.3); none listed as pending for a removed workflow.
    const pinned = await processWorkflow(deps, process);
    const workflow = pinned.kind === 'removed' ? undefined : pinned.workflow;
    const input = process.status === 'suspended' ? inputStepAt(workflow, process.stepIndex) : null;
    const ctx = formContext(deps.inventory, process.createdBy, process.workflowName);
    const [form, subscriptionDeltas] = await Promise.all([
      input ? renderForm(deps, id, () => inputFormSchema(input, process.state ?? {}, ctx)) : null,
      deps.subscriptions.deltas(id),
    ]);
    reply(
      res,
      getProcess,
      200,
      withStackTracesFor(roleOf(req), { ...processDetail(process, found.steps, workflow, form), subscriptionDeltas }),
    );
  });

  router.patch('/:id', async (req, res) => {
    const id = processId(req);
    const { note } = bodyOf(updateProcess, req, 'expected {"note": "..."} (or null to clear it)');
    const outcome = await deps.commands.setNote(id, note === '' ? null : note, auditOf(req));
    if (outcome.kind === 'not_found') throw processNotFound(id);
    // Pages showing the process (another operator's included) refetch it: the note is live like the rest.
    await deps.announce.process(id);
    const found = await deps.queries.detail(id);
    if (!found) throw processNotFound(id);
    reply(res, updateProcess, 200, withStackTracesFor(roleOf(req), processListItem(found.process)));
  });

  router.put('/resume-all', async (req, res) => {
    await refuseWhilePaused(deps.engine);
    const outcome = await deps.commands.resumeAllTasks(
      actorOf(req),
      async (requests) => {
        for (const request of requests) await handOffToWorkers(deps, request.processId, request.version);
      },
      // Each task's workflow decides whether this caller may retry it; the ones it refuses stay as they are.
      { mayRetry: retryRuleOf(req, deps.registry, deps.logger), audit: auditOf(req) },
    );
    switch (outcome.kind) {
      case 'in_progress':
        throw new ApiError('RESUME_ALL_IN_PROGRESS', 'another resume-all is running');
      case 'resumed':
        deps.logger.info({ count: outcome.count, refusedByRules: outcome.refusedByRules }, 'tasks resumed');
        reply(res, resumeAllTasks, 200, {
          count: outcome.count,
          ...(outcome.refusedByRules > 0 ? { refusedByRules: outcome.refusedByRules } : {}),
        });
    }
  });

  router.put('/:id/resume', async (req, res) => {
    const id = processId(req);
    const body = bodyObjectOrArray(req);
    await refuseWhilePaused(deps.engine);
    const version = await resumeProcess(deps, id, req, body);
    await handOffToWorkers(deps, id, version);
    replyEmpty(res, resumeProcessOperation, 204);
  });

  registerMigrateRoute(router, deps, processIdOf);

  router.put('/:id/abort', async (req, res) => {
    const id = processId(req);
    const outcome = await deps.commands.abort(id, actorOf(req), auditOf(req));
    if (outcome.kind !== 'aborted') throw refusal(id, outcome, 'aborted');
    await deps.announce.process(id);
    // An aborted child woke the parent waiting for it: the parent's step runs next (ENGINE.md 14.2).
    if (outcome.woken) await handOffToWorkers(deps, outcome.woken.processId, outcome.woken.version);
    replyEmpty(res, abortProcess, 204);
  });

  registerCallbackRoutes(router, {
    registry: deps.registry,
    versions: deps.versions,
    commands: deps.commands,
    queries: deps.queries,
    handOff: (id, version) => handOffToWorkers(deps, id, version),
  });

  router.delete('/:id', async (req, res) => {
    const id = processId(req);
    const before = await deps.announce.snapshot(id);
    const outcome = await deps.commands.deleteTask(id, auditOf(req));
    if (outcome.kind !== 'deleted') throw refusal(id, outcome, 'deleted');
    deps.announce.deleted(before);
    replyEmpty(res, deleteTask, 204);
  });

  return router;
}

/** A form that cannot be built (a workflow bug) must not hide the rest of the process from the operator. */
async function renderForm(
  deps: ProcessRoutesDeps,
  processId: string,
  render: () => Promise<Record<string, unknown> | null>,
): Promise<Record<string, unknown> | null> {
  try {
    return await render();
  } catch (error) {
    deps.logger.error({ err: error, processId }, 'the form of the suspended process cannot be built');
    return null;
  }
}

function processId(req: Request): string {
  return processIdOf(String(req.params.id));
}

function processIdOf(id: string): string {
  // A malformed id is answered like an unknown one (ENGINE.md 8.9).
  if (!isUuid(id)) throw processNotFound(id);
  return id.toLowerCase();
}

function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  if (header === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new ApiError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 characters', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
    ]);
  }
  return parsed.data;
}
