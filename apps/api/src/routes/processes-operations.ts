import { z } from 'zod';
import { PROCESS_SORT_FIELDS } from '@orchestrator/db';
import { PROCESS_STATUSES, STEP_STATUSES, WORKFLOW_TARGETS } from '@orchestrator/engine';
import { jsonObject, listParameters, pageFields, queryBoolean, timestamp, uuid } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';
import { commaSeparated } from '../request-input';

// The schemas of routes/processes.ts and routes/process-bulk.ts: what the handlers validate and answer, and
// what the OpenAPI document shows (openapi/document.ts).

const processStatus = z.enum(PROCESS_STATUSES).meta({ id: 'ProcessStatus' });

export const processIdParams = z.object({ id: uuid.meta({ description: 'The process id' }) });

/** The list's plain filters, also a bulk action's (each an exact match; all ANDed with `q`). */
export const processFilterFields = {
  status: commaSeparated(PROCESS_STATUSES)
    .optional()
    .meta({ description: 'One or more statuses, comma-separated', example: 'failed,waiting' }),
  workflowName: z.string().min(1).optional(),
  isTask: queryBoolean.optional(),
  createdBy: z.string().min(1).optional(),
  subscriptionId: z.uuid().optional(),
};

export const processListItem = z
  .object({
    id: uuid,
    workflowName: z.string(),
    workflowTarget: z.enum(WORKFLOW_TARGETS),
    isTask: z.boolean(),
    status: processStatus,
    lastStep: z.string().nullable(),
    assignee: z.string(),
    failedReason: z.string().nullable(),
    traceback: z.string().nullable().meta({ description: 'Null for the read role' }),
    createdBy: z.string(),
    startedAt: timestamp,
    lastModifiedAt: timestamp,
    note: z.string().nullable(),
    subscriptionIds: z.array(uuid),
    callbackProgress: z.unknown().meta({ description: 'The latest progress of the callback it waits for' }),
    nextRetryAt: timestamp.nullable(),
    failedAttempts: z.number().int(),
  })
  .meta({ id: 'ProcessListItem' });

const stateDelta = z
  .object({
    added: jsonObject,
    changed: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
    removed: jsonObject,
  })
  .meta({
    id: 'StateDelta',
    description: "What the step changed in the state, against the previous row's state",
    example: { added: { port: 7 }, changed: { speed: { before: '1G', after: '10G' } }, removed: {} },
  });

const executedStep = z
  .object({
    id: uuid,
    name: z.string(),
    status: z.enum(STEP_STATUSES),
    state: jsonObject,
    stateDelta,
    error: z.record(z.string(), z.unknown()).nullable(),
    createdBy: z.string(),
    startedAt: timestamp,
    completedAt: timestamp.nullable(),
    retries: z.number().int(),
    branch: z.string().nullable().meta({ description: 'The branch of a parallel step the row belongs to' }),
  })
  .meta({ id: 'ExecutedStep' });

const pendingStep = z.object({ name: z.string(), status: z.literal('pending') }).meta({ id: 'PendingStep' });

export const processDetail = processListItem
  .extend({
    workflowVersion: z.string().nullable().meta({
      description: 'The workflow version (step-list digest) the process runs; GET /api/workflows shows the current one',
    }),
    parentId: uuid.nullable().meta({ description: 'The process whose sub-workflow step started this one' }),
    childIds: z.array(uuid).meta({ description: 'The processes its sub-workflow steps started, oldest first' }),
    branch: z.string().nullable().meta({ description: "The branch of the parent's parallel step this process runs" }),
    branches: z
      .array(
        z.object({
          name: z.string(),
          processId: uuid,
          status: processStatus,
          stepIndex: z.number().int(),
          pendingSteps: z
            .array(z.string())
            .meta({ description: 'The steps the branch has yet to run (none once it has ended)' }),
        }),
      )
      .meta({ description: 'The branch processes of its parallel steps (one per run of a branch)' }),
    currentState: jsonObject,
    form: jsonObject.nullable().meta({ description: 'JSON Schema of the input a suspended process waits for' }),
    steps: z.array(z.union([executedStep, pendingStep])),
    subscriptionDeltas: z.array(
      z.object({ subscriptionId: uuid, before: jsonObject.nullable(), after: jsonObject.nullable() }),
    ),
  })
  .meta({ id: 'ProcessDetail' });

const processId = z.object({ id: uuid });

export const listProcesses = defineOperation({
  method: 'get',
  path: '/api/processes',
  operationId: 'listProcesses',
  summary: 'List processes',
  description: 'Newest first unless `sort` says otherwise; `q` searches (README: search syntax).',
  tag: 'processes',
  query: z.object({ ...processFilterFields, ...listParameters(PROCESS_SORT_FIELDS, 'startedAt,desc') }).strict(),
  responses: {
    200: {
      description: 'A page of processes',
      schema: z.object({ items: z.array(processListItem), ...pageFields }).meta({ id: 'ProcessPage' }),
    },
  },
  errors: ['VALIDATION_FAILED', 'INVALID_QUERY', 'INVALID_CURSOR'],
});

const counts = z.record(z.string(), z.number().int());

export const processStatusCounts = defineOperation({
  method: 'get',
  path: '/api/processes/status-counts',
  operationId: 'processStatusCounts',
  summary: 'Count processes and tasks by status',
  tag: 'processes',
  responses: {
    200: {
      description: 'Workflow processes and tasks by status',
      schema: z
        .object({ processCounts: counts, taskCounts: counts })
        .meta({ example: { processCounts: { completed: 12, failed: 1 }, taskCounts: { completed: 3 } } }),
    },
  },
  errors: [],
});

export const startProcess = defineOperation({
  method: 'post',
  path: '/api/processes/:workflowName',
  operationId: 'startProcess',
  summary: 'Start a process of a workflow',
  description:
    "The body is the workflow's input (GET /api/workflows shows its schema); for a multi-page form, the array " +
    'of page answers (510 FORM_NOT_COMPLETE with the next page until all are there).',
  tag: 'processes',
  params: z.object({ workflowName: z.string().meta({ example: 'hello_world' }) }),
  headers: z.object({ 'idempotency-key': z.string().min(1).max(255).optional() }),
  body: z.union([jsonObject, z.array(jsonObject)]),
  responses: {
    201: { description: 'Started', schema: processId },
    200: { description: 'The Idempotency-Key was used before: the process it started', schema: processId },
  },
  errors: [
    'VALIDATION_FAILED',
    'MALFORMED_JSON',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'WORKFLOW_NOT_FOUND',
    'STALE_DATA',
    'SUBSCRIPTION_NOT_IN_SYNC',
    'SUBSCRIPTION_LIFECYCLE',
    'PRODUCT_NOT_ORDERABLE',
    'START_PREDICATE_FAILED',
    'FORM_NOT_COMPLETE',
    'ENGINE_PAUSED',
  ],
});

export const getProcess = defineOperation({
  method: 'get',
  path: '/api/processes/:id',
  operationId: 'getProcess',
  summary: 'A process with its steps',
  tag: 'processes',
  params: processIdParams,
  responses: { 200: { description: 'The process', schema: processDetail } },
  errors: ['PROCESS_NOT_FOUND'],
});

export const updateProcess = defineOperation({
  method: 'patch',
  path: '/api/processes/:id',
  operationId: 'updateProcess',
  summary: "Change a process's note",
  tag: 'processes',
  params: processIdParams,
  body: z
    .object({ note: z.string().trim().max(10_000).nullable().meta({ description: 'null or "" clears it' }) })
    .strict()
    .meta({ example: { note: 'waiting for the field engineer' } }),
  responses: { 200: { description: 'The process', schema: processListItem } },
  errors: ['VALIDATION_FAILED', 'PROCESS_NOT_FOUND'],
});

export const resumeAllTasks = defineOperation({
  method: 'put',
  path: '/api/processes/resume-all',
  operationId: 'resumeAllTasks',
  summary: 'Resume every task in failed, waiting, api_unavailable or inconsistent_data',
  tag: 'processes',
  responses: {
    200: {
      description: 'How many were resumed (and refused by their workflow rules)',
      schema: z.object({ count: z.number().int(), refusedByRules: z.number().int().optional() }),
    },
  },
  errors: ['RESUME_ALL_IN_PROGRESS', 'ENGINE_PAUSED'],
});

export const resumeProcess = defineOperation({
  method: 'put',
  path: '/api/processes/:id/resume',
  operationId: 'resumeProcess',
  summary: 'Retry a process, or answer the form of a suspended one',
  tag: 'processes',
  params: processIdParams,
  body: z.union([jsonObject, z.array(jsonObject)]).meta({ description: 'The answer; none to retry' }),
  responses: { 204: { description: 'Resumed' } },
  errors: [
    'VALIDATION_FAILED',
    'PROCESS_NOT_FOUND',
    'INVALID_PROCESS_STATUS',
    'WORKFLOW_CHANGED',
    'WORKFLOW_REMOVED',
    'FORM_NOT_COMPLETE',
    'ENGINE_PAUSED',
  ],
});

export const abortProcess = defineOperation({
  method: 'put',
  path: '/api/processes/:id/abort',
  operationId: 'abortProcess',
  summary: 'Abort a process now',
  tag: 'processes',
  params: processIdParams,
  responses: { 204: { description: 'Aborted' } },
  errors: ['PROCESS_NOT_FOUND', 'INVALID_PROCESS_STATUS'],
});

export const deleteTask = defineOperation({
  method: 'delete',
  path: '/api/processes/:id',
  operationId: 'deleteTask',
  summary: 'Delete a finished task',
  tag: 'processes',
  params: processIdParams,
  responses: { 204: { description: 'Deleted' } },
  errors: ['NOT_A_TASK', 'PROCESS_NOT_FOUND', 'INVALID_PROCESS_STATUS'],
});

const callbackParams = z.object({ id: uuid, token: z.string().meta({ description: 'The token of ctx.callbackUrl' }) });

export const deliverCallback = defineOperation({
  method: 'post',
  path: '/api/processes/:id/callback/:token',
  operationId: 'deliverCallback',
  summary: "A callback step's answer",
  tag: 'callbacks',
  params: callbackParams,
  body: jsonObject,
  responses: {
    200: {
      description: 'Taken; the process runs on',
      schema: z.object({ id: uuid, status: z.literal('running') }),
    },
  },
  errors: ['VALIDATION_FAILED', 'INVALID_CALLBACK_TOKEN', 'INVALID_PROCESS_STATUS', 'CALLBACK_NOT_READY'],
});

export const reportCallbackProgress = defineOperation({
  method: 'post',
  path: '/api/processes/:id/callback/:token/progress',
  operationId: 'reportCallbackProgress',
  summary: 'The latest progress of a callback step',
  tag: 'callbacks',
  params: callbackParams,
  body: z.union([jsonObject, z.string()]),
  responses: { 200: { description: 'Kept', schema: z.object({ id: uuid, callbackProgress: z.unknown() }) } },
  errors: ['VALIDATION_FAILED', 'INVALID_CALLBACK_TOKEN', 'INVALID_PROCESS_STATUS'],
});

export const bulkProcessAction = defineOperation({
  method: 'post',
  path: '/api/processes/bulk',
  operationId: 'bulkProcessAction',
  summary: 'Resume or abort every process a filter lists',
  description:
    'The filter is that of GET /api/processes (`q` and the plain filters, at least one of them: a bulk ' +
    "action without one is refused). Each process is resumed or aborted on its own, under its workflow's " +
    'rules; one audit row records the action and the counts. At most 10,000 processes at a time.',
  tag: 'processes',
  body: z
    .object({
      action: z.enum(['resume', 'abort']),
      q: z.string().max(2000).optional(),
      ...processFilterFields,
      status: z.union([z.array(processStatus), processStatus]).optional(),
      isTask: z.boolean().optional(),
    })
    .strict()
    .meta({ example: { action: 'resume', q: 'workflowName:create_node', status: 'failed' } }),
  responses: {
    200: {
      description: 'What was done',
      schema: z
        .object({
          matched: z.number().int(),
          done: z.number().int(),
          refused: z.array(z.object({ id: uuid, code: z.string(), message: z.string() })),
        })
        .meta({ id: 'BulkOutcome' }),
    },
  },
  errors: ['VALIDATION_FAILED', 'INVALID_QUERY', 'BULK_TOO_LARGE', 'ENGINE_PAUSED'],
});
