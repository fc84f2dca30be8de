import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import { InteractionCommands, isEnginePaused, type ProcessCommands, type ProcessQueries } from '@orchestrator/db';
import type { DataSource } from 'typeorm';
import {
  formJsonSchema,
  inputStepAt,
  PROCESS_STATUSES,
  type StepScheduler,
  type WorkflowRegistry,
} from '@orchestrator/engine';
import { ApiError, processNotFound } from '../api-error';
import { decodeCursor, encodeCursor } from '../cursor';
import { startWorkflowProcess } from '../process-start';
import { processDetail, processListItem } from '../process-json';
import { registerCallbackRoutes } from './callbacks';
import { refusal } from '../command-refusal';
import { resumeProcess } from '../resume-process';
import { actingUser, bodyObject, commaSeparated, isUuid, zodDetails } from '../request-input';

export interface ProcessRoutesDeps {
  registry: WorkflowRegistry;
  commands: ProcessCommands;
  queries: ProcessQueries;
  scheduler: StepScheduler;
  logger: Logger;
  dataSource: DataSource;
}

const listQuerySchema = z
  .object({
    status: commaSeparated(PROCESS_STATUSES).optional(),
    workflowName: z.string().min(1).optional(),
    isTask: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    createdBy: z.string().min(1).optional(),
    subscriptionId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).optional(),
  })
  .strict();

const idempotencyKeySchema = z.string().trim().min(1).max(255);

export function processRoutes(deps: ProcessRoutesDeps): Router {
  const router = Router();
  const interactions = new InteractionCommands(deps.dataSource);

  router.get('/status-counts', async (_req, res) => {
    res.json(await deps.queries.statusCounts());
  });

  router.get('/', async (req, res) => {
    const parsed = listQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new ApiError('VALIDATION_FAILED', 'invalid query parameters', zodDetails(parsed.error));
    const { limit, cursor, ...filters } = parsed.data;
    const rows = await deps.queries.list({
      ...filters,
      limit: limit + 1,
      after: cursor ? decodeCursor(cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    res.json({
      items: page.map(processListItem),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    });
  });

  router.post('/:workflowName', async (req, res) => {
    const workflow = deps.registry.get(String(req.params.workflowName));
    if (!workflow) throw new ApiError('WORKFLOW_NOT_FOUND', `workflow "${String(req.params.workflowName)}" not found`);
    const body = bodyObject(req);
    const user = actingUser(req);
    const idempotencyKey = idempotencyKeyOf(req);
    let state: Record<string, unknown> = body;
    if (workflow.input) {
      const parsed = workflow.input.safeParse(body);
      if (!parsed.success) {
        throw new ApiError(
          'VALIDATION_FAILED',
          `input does not match workflow "${workflow.name}"`,
          zodDetails(parsed.error),
        );
      }
      state = parsed.data as Record<string, unknown>;
    }
    await refuseWhilePaused(deps);
    const started = await startWorkflowProcess(deps, workflow, {
      workflowName: workflow.name,
      state,
      user,
      idempotencyKey,
    });
    if (started.created) await enqueueOrLeaveToSweeper(deps, started.processId, started.version);
    res.status(started.created ? 201 : 200).json({ id: started.processId });
  });

  router.get('/:id', async (req, res) => {
    const id = processId(req);
    const found = await deps.queries.detail(id);
    if (!found) throw processNotFound(id);
    const { process } = found;
    const workflow = deps.registry.get(process.workflowName);
    const input = process.status === 'suspended' ? inputStepAt(workflow, process.stepIndex) : null;
    res.json(
      processDetail(
        process,
        found.steps,
        workflow,
        input ? renderForm(deps, id, () => formJsonSchema(input, process.state ?? {})) : null,
      ),
    );
  });

  router.put('/resume-all', async (req, res) => {
    await refuseWhilePaused(deps);
    const outcome = await deps.commands.resumeAllTasks(actingUser(req), async (jobs) => {
      for (const job of jobs) await enqueueOrLeaveToSweeper(deps, job.processId, job.version);
    });
    if (outcome === 'in_progress') throw new ApiError('RESUME_ALL_IN_PROGRESS', 'another resume-all is running');
    deps.logger.info({ count: outcome.count }, 'tasks resumed');
    res.json(outcome);
  });

  router.put('/:id/resume', async (req, res) => {
    const id = processId(req);
    const body = bodyObject(req);
    await refuseWhilePaused(deps);
    const version = await resumeProcess({ ...deps, interactions }, id, actingUser(req), body);
    await enqueueOrLeaveToSweeper(deps, id, version);
    res.status(204).end();
  });

  router.put('/:id/abort', async (req, res) => {
    const id = processId(req);
    const outcome = await deps.commands.abort(id, actingUser(req));
    if ('kind' in outcome) throw refusal(id, outcome, 'aborted');
    res.status(204).end();
  });

  registerCallbackRoutes(router, {
    registry: deps.registry,
    interactions,
    enqueue: (id, version) => enqueueOrLeaveToSweeper(deps, id, version),
  });

  router.delete('/:id', async (req, res) => {
    const id = processId(req);
    const outcome = await deps.commands.deleteTask(id);
    if ('kind' in outcome) throw refusal(id, outcome, 'deleted');
    res.status(204).end();
  });

  return router;
}

/** A form that cannot be built (a workflow bug) must not hide the rest of the process from the operator. */
function renderForm(
  deps: ProcessRoutesDeps,
  processId: string,
  render: () => Record<string, unknown>,
): Record<string, unknown> | null {
  try {
    return render();
  } catch (error) {
    deps.logger.error({ err: error, processId }, 'the form of the suspended process cannot be built');
    return null;
  }
}

/** Starting and resuming wait for the engine to run again (ENGINE.md 8.10); abort does not. */
async function refuseWhilePaused(deps: ProcessRoutesDeps): Promise<void> {
  if (await isEnginePaused(deps.dataSource)) {
    throw new ApiError(
      'ENGINE_PAUSED',
      'the engine is paused: PUT /api/settings/status {"globalLock": false} to run again',
    );
  }
}

function processId(req: Request): string {
  const id = String(req.params.id);
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

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The process is committed; if Redis refuses the job or does not answer in time, the recovery sweeper
 * enqueues it later (a late add is harmless: job ids dedupe and the step is fenced on the version).
 */
async function enqueueOrLeaveToSweeper(deps: ProcessRoutesDeps, processId: string, version: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`)),
      ENQUEUE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([deps.scheduler.schedule({ processId, version }, 0), timeout]);
  } catch (error) {
    deps.logger.warn({ err: error, processId }, 'enqueue failed; the recovery sweeper will enqueue the process');
  } finally {
    clearTimeout(timer);
  }
}
