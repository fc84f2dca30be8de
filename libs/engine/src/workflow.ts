import type { ZodType } from 'zod';
import type { AuthorizeRule } from './authorization';
import { expandInteractionSteps } from './dsl/interaction-steps';
import { isFormGenerator, type AnyFormGenerator } from './forms';
import type { DoneStepDefinition, StartStepDefinition, StepDefinition } from './step-types';
import type { StartPredicate } from './start-predicate';
import { assertObjectInput, assertUniqueStepNames } from './workflow-checks';

export const WORKFLOW_TARGETS = ['CREATE', 'MODIFY', 'TERMINATE', 'SYSTEM', 'VALIDATE', 'RECONCILE'] as const;
export type WorkflowTarget = (typeof WORKFLOW_TARGETS)[number];

export const START_STEP: StartStepDefinition = { kind: 'start', name: 'Start' };
export const DONE_STEP: DoneStepDefinition = { kind: 'done', name: 'Done' };

export interface WorkflowOptions {
  /** Unique, snake_case. */
  name: string;
  target: WorkflowTarget;
  description: string;
  isTask?: boolean;
  /**
   * Validated on start; a mismatch is a 400 with details and writes nothing. A form generator (an async
   * generator function of zod pages, ENGINE.md 13.7) makes it a multi-page form.
   */
  input?: ZodType | AnyFormGenerator;
  steps: readonly StepDefinition[];
  /** Checked before anything is written; a refusal is a 412 START_PREDICATE_FAILED. */
  startPredicate?: StartPredicate;
  /** Who may start it (and, unless the rules below say otherwise, retry it and answer its forms): ENGINE.md 10.7. */
  authorize?: AuthorizeRule;
  /** Who may retry (resume) a failed, waiting or otherwise stopped process of it; default: `authorize`. */
  authorizeRetry?: AuthorizeRule;
}

/** Set by the subscription wrappers (modifyWorkflow, terminateWorkflow, validateWorkflow): gates and lock at start. */
export interface SubscriptionBinding {
  /** The start transaction locks `input.subscriptionId`: lifecycle gates, insync, link, insync = false. */
  readonly lockOnStart: true;
  /** Start even when the subscription is out of sync (it is then left out of sync at the end). */
  readonly allowOutOfSync: boolean;
}

export interface WorkflowDefinition {
  readonly name: string;
  readonly target: WorkflowTarget;
  readonly description: string;
  readonly isTask: boolean;
  readonly input?: ZodType;
  /** A multi-page input form (ENGINE.md 13.7), when the workflow's `input` is a form generator. */
  readonly inputForm?: AnyFormGenerator;
  /** The full step list as executed: Start, the workflow's own steps, Done. */
  readonly steps: readonly StepDefinition[];
  readonly startPredicate?: StartPredicate;
  readonly authorize?: AuthorizeRule;
  readonly authorizeRetry?: AuthorizeRule;
  /** The product this workflow belongs to (subscription wrappers), added to that product's allowed workflows. */
  readonly product?: string;
  /** Present on workflows built by a subscription wrapper that locks an existing subscription. */
  readonly subscription?: SubscriptionBinding;
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export function defineWorkflow(options: WorkflowOptions): WorkflowDefinition {
  if (!SNAKE_CASE.test(options.name)) {
    throw new TypeError(`workflow name "${options.name}" must be snake_case (for example create_node)`);
  }
  if (!(WORKFLOW_TARGETS as readonly string[]).includes(options.target)) {
    throw new TypeError(`workflow "${options.name}": target must be one of ${WORKFLOW_TARGETS.join(', ')}`);
  }
  if (options.steps.some((s) => s.kind === 'start' || s.kind === 'done')) {
    throw new TypeError(`workflow "${options.name}": Start and Done are added implicitly`);
  }
  for (const rule of ['authorize', 'authorizeRetry'] as const) {
    if (options[rule] !== undefined && typeof options[rule] !== 'function') {
      throw new TypeError(`workflow "${options.name}": ${rule} must be a function of the user`);
    }
  }
  const { input } = options;
  if (
    input !== undefined &&
    !isFormGenerator(input) &&
    typeof (input as { safeParse?: unknown }).safeParse !== 'function'
  ) {
    throw new TypeError(
      `workflow "${options.name}": input must be a zod schema or an async generator function (a multi-page form)`,
    );
  }
  if (input !== undefined && !isFormGenerator(input)) assertObjectInput(options.name, input as ZodType);
  const steps = [START_STEP, ...expandInteractionSteps(options.steps), DONE_STEP];
  assertUniqueStepNames(options.name, steps);
  return {
    ...(options.startPredicate ? { startPredicate: options.startPredicate } : {}),
    ...(options.authorize ? { authorize: options.authorize } : {}),
    ...(options.authorizeRetry ? { authorizeRetry: options.authorizeRetry } : {}),
    ...(isFormGenerator(input) ? { inputForm: input } : {}),
    name: options.name,
    target: options.target,
    description: options.description,
    isTask: options.isTask ?? false,
    input: isFormGenerator(input) ? undefined : input,
    steps,
  };
}

export function stepNames(workflow: WorkflowDefinition): string[] {
  return workflow.steps.map((s) => s.name);
}
