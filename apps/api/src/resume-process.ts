import type { Request } from 'express';
import type { Logger } from 'pino';
import type { ProcessCommands, ProcessQueries } from '@orchestrator/db';
import {
  answerInputForm,
  inputStepAt,
  RESUMABLE_STATUSES,
  workflowOf,
  type SubscriptionReader,
  type WorkflowRegistry,
} from '@orchestrator/engine';
import { ApiError, processNotFound } from './api-error';
import { refusal } from './command-refusal';
import { actorOf, auditOf } from './security/request-auth';
import { requireWorkflowRule } from './security/workflow-rules';
import { formContext, formNotComplete, invalidPage } from './form-answers';

export interface ResumeDeps {
  registry: WorkflowRegistry;
  commands: ProcessCommands;
  queries: ProcessQueries;
  logger: Logger;
  /** What a multi-page form reads. */
  inventory: SubscriptionReader;
}

/**
 * Resume (retry) a process, or answer the form of the input step it is suspended at (ENGINE.md 8.6), and
 * return the version whose step the workers should run next. Either way fenced on the version read here:
 * a process that moved on meanwhile is a 409. The workflow's rule for it (authorizeResume of the input step
 * for an answer, authorizeRetry otherwise) is asked first; a refusal writes nothing.
 */
export async function resumeProcess(
  deps: ResumeDeps,
  id: string,
  req: Request,
  body: unknown,
  /** false for one process of a bulk action, which writes one audit row for all of them. */
  audited = true,
): Promise<number> {
  const auditAs = (action: string) => (audited ? auditOf(req, action) : null);
  const target = await deps.queries.resumeTarget(id);
  if (!target) throw processNotFound(id);
  // A branch process of a parallel step answers the input steps of its branch (ENGINE.md 14.1).
  const { branch, parentStepIndex } = target;
  const workflow = workflowOf(deps.registry, {
    workflowName: target.workflowName,
    branch: branch !== null && parentStepIndex !== null ? { name: branch, parentStepIndex } : undefined,
  });
  const input = target.status === 'suspended' && inputStepAt(workflow, target.stepIndex);
  if (workflow) {
    const occasion = input ? ({ kind: 'answer', step: input } as const) : ({ kind: 'retry' } as const);
    await requireWorkflowRule(req, deps.logger, workflow, occasion, { targetType: 'process', targetId: id });
  }
  const actor = actorOf(req);
  if (input) {
    // A form takes a JSON object; a multi-page form the array of its page answers (ENGINE.md 13.7).
    const ctx = formContext(deps.inventory, actor, target.workflowName);
    const answer = await answerInputForm(input, target.state, body, ctx);
    if (answer.kind === 'incomplete') throw formNotComplete(`"${input.name}"`, answer.page, answer.form);
    if (answer.kind === 'invalid') {
      if (answer.page !== undefined) throw invalidPage(`"${input.name}"`, answer.page, answer.issues);
      throw new ApiError('VALIDATION_FAILED', `the answer does not match the form of "${input.name}"`, answer.issues);
    }
    const answered = await deps.commands.answerInput(
      {
        processId: id,
        expectedVersion: target.version,
        stepIndex: target.stepIndex,
        stepName: input.name,
        state: answer.state,
        input: answer.input,
        actor,
      },
      auditAs('process.answer'),
    );
    switch (answered.kind) {
      case 'moved':
        return answered.version;
      case 'changed':
        throw new ApiError('INVALID_PROCESS_STATUS', `process ${id} changed meanwhile; reload it`);
    }
  }
  if (Array.isArray(body)) {
    throw new ApiError('VALIDATION_FAILED', 'request body must be a JSON object', [
      { path: '', message: 'expected an object, got an array' },
    ]);
  }
  // An answer to a process that waits for none is not silently dropped: a 400 when the process could be
  // resumed without it, a 409 when it cannot be resumed at all (answered already, finished).
  if (Object.keys(body as object).length > 0) {
    const resumable = RESUMABLE_STATUSES.includes(target.status) && target.status !== 'resumed';
    throw new ApiError(
      resumable ? 'VALIDATION_FAILED' : 'INVALID_PROCESS_STATUS',
      `process ${id} is ${target.status} and waits for no input: resume it without a body`,
      resumable ? [{ path: '', message: 'expected no body' }] : undefined,
    );
  }
  const outcome = await deps.commands.resume(id, actor, target.version, auditAs('process.resume'));
  if (outcome.kind === 'moved') return outcome.version;
  if (outcome.kind === 'invalid_status' && RESUMABLE_STATUSES.includes(outcome.status)) {
    throw new ApiError('INVALID_PROCESS_STATUS', `process ${id} changed meanwhile (now ${outcome.status}); reload it`);
  }
  throw refusal(id, outcome, 'resumed');
}
