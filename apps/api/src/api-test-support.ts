import { z } from 'zod';
import { defineWorkflow, step, type WorkflowTarget } from '@orchestrator/engine';
import type { HttpResponse, TestStack } from '@orchestrator/test-stack';

// Helpers shared by the API's integration tests. Not a test file itself: it only uses Jest's global `expect`.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The input schema of the greeting workflows: a name, a count with a default and an optional nested number. */
export const greetInput = z.object({
  name: z.string(),
  count: z.number().int().default(1),
  a: z.object({ b: z.number() }).optional(),
});

/** A workflow without an input schema whose one step changes nothing; a SYSTEM workflow unless told. */
export function oneStepWorkflow(
  name: string,
  description: string,
  stepName: string,
  options: { target?: WorkflowTarget; isTask?: boolean } = {},
) {
  return defineWorkflow({
    name,
    target: options.target ?? 'SYSTEM',
    description,
    isTask: options.isTask,
    steps: [step(stepName, () => ({}))],
  });
}

/** A SYSTEM workflow without an input schema, so that it takes any object as input. */
export function freeformWorkflow(name: string) {
  return oneStepWorkflow(name, 'takes any object as input', 'Only step');
}

/** The workflows of the API tests that run no worker. */
export const noWorkerWorkflows = [
  defineWorkflow({
    name: 'api_greet',
    target: 'CREATE',
    description: 'greets somebody; has an input schema',
    input: greetInput,
    steps: [
      step('Say hello', (state) => ({ greeting: `hello ${String(state.name)}` })),
      step('Wave', () => ({ waved: true })),
    ],
  }),
  freeformWorkflow('api_freeform'),
  defineWorkflow({
    name: 'api_cleanup_task',
    target: 'SYSTEM',
    description: 'a task that is never run here',
    isTask: true,
    steps: [step('Clean up', () => ({ cleaned: true }))],
  }),
];

/** A typed client's answer as an HttpResponse (status and body, data or error), for expectError. */
export function answerOf(result: { data?: unknown; error?: unknown; response: Response }): HttpResponse {
  return { status: result.response.status, body: result.data ?? result.error };
}

/** The standard error body, with the expected status and code, and nothing that looks like a stack trace. */
export function expectError(res: HttpResponse, status: number, code?: string): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: {
      error: {
        code: code ?? expect.stringMatching(/^[A-Z][A-Z0-9_]*$/),
        message: expect.any(String),
        details: expect.any(Array),
      },
    },
  });
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |\bat \S+ \(|\.[jt]s:\d+|node_modules/);
}

/** `expectError`, and the error has no `stack` property either. */
export function expectErrorWithoutStack(res: HttpResponse, status: number, code?: string): void {
  expectError(res, status, code);
  expect(res.body.error).not.toHaveProperty('stack');
}

/** How many processes, input states and idempotency keys exist. */
async function countRecords(stack: TestStack): Promise<{ processes: number; inputs: number; keys: number }> {
  const [row] = await stack.sql<{ processes: number; inputs: number; keys: number }>(
    `SELECT (SELECT count(*)::int FROM processes) AS processes,
            (SELECT count(*)::int FROM input_states) AS inputs,
            (SELECT count(*)::int FROM idempotency_keys) AS keys`,
  );
  if (!row) throw new Error('no counts');
  return row;
}

/** Starts a process of the workflow through the API, expects 201 and returns the new process's id. */
export async function startProcess(
  stack: TestStack,
  workflow: string,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await stack.request('POST', `/api/processes/${workflow}`, body, headers);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/**
 * The helpers of the tests against a stack of `noWorkerWorkflows`: `counts` of the records a start writes, and
 * `start`, by default of an `api_freeform` process with an empty body.
 */
export function noWorkerHelpers(stack: () => TestStack) {
  return {
    counts: () => countRecords(stack()),
    start: (workflow = 'api_freeform', body: unknown = {}, headers: Record<string, string> = {}) =>
      startProcess(stack(), workflow, body, headers),
  };
}
