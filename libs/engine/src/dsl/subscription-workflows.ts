import { z, type ZodType } from 'zod';
import { formPage, isFormGenerator, type AnyFormGenerator } from '../forms';
import type { PlainStepDefinition, StepContext, StepState } from '../step-types';
import type { SubscriptionStatus } from '../subscriptions';
import { defineWorkflow, type WorkflowDefinition, type WorkflowOptions, type WorkflowTarget } from '../workflow';
import { step } from './steps';

// Workflows that change a subscription read like a sentence (ENGINE.md 3 and 5):
//   create:    Start, <your steps create it>, Set subscription active, Unlock subscription, Done
//   modify:    Start, Lock subscription, <your steps>, Unlock subscription, Done
//   terminate: Start, Lock subscription, <your steps>, Set subscription terminated, Unlock subscription, Done
//   validate:  Start, Lock subscription, <your steps>, Unlock subscription, Done
// For modify, terminate and validate the start transaction already gates and locks the subscription
// (ENGINE.md 8.2); the "Lock subscription" row records it (and takes the lock itself for a process that
// was written some other way).

type WrapperOptions = Omit<WorkflowOptions, 'target'> & {
  /** The product this workflow belongs to: it is added to that product's allowed workflows. */
  product?: string;
};

export type CreateWorkflowOptions = WrapperOptions;

export type LockingWorkflowOptions = WrapperOptions & {
  /** Start even when the subscription is out of sync; it is then left out of sync at the end. */
  allowOutOfSync?: boolean;
};

export type ModifyWorkflowOptions = LockingWorkflowOptions & {
  /** MODIFY by default; SYSTEM and RECONCILE workflows change a subscription the same way. */
  target?: Extract<WorkflowTarget, 'MODIFY' | 'SYSTEM' | 'RECONCILE'>;
};

export type TaskOptions = Omit<WorkflowOptions, 'isTask' | 'target'> & { target?: WorkflowTarget };

/** The input every locking workflow needs: the subscription, and optionally the version the client saw. */
export const subscriptionInput = z.object({
  subscriptionId: z.uuid(),
  /** The subscription's version as the client last saw it; an older one is refused as stale data. */
  version: z.number().int().min(0).optional(),
});

/** A workflow whose steps create a subscription and return `{ subscriptionId }`; it ends active and in sync. */
export function createWorkflow(options: CreateWorkflowOptions): WorkflowDefinition {
  const { product, ...rest } = options;
  const workflow = defineWorkflow({
    ...rest,
    target: 'CREATE',
    steps: [...options.steps, setStatusStep('active', 'Set subscription active'), unlockStep()],
  });
  return withProduct(workflow, product);
}

/** Changes an existing subscription (input `subscriptionId`): locked at start, unlocked at the end. */
export function modifyWorkflow(options: ModifyWorkflowOptions): WorkflowDefinition {
  return lockingWorkflow(options.target ?? 'MODIFY', options, []);
}

/** Terminates a subscription: refused at start while an active subscription depends on it. */
export function terminateWorkflow(options: LockingWorkflowOptions): WorkflowDefinition {
  return lockingWorkflow('TERMINATE', options, [setStatusStep('terminated', 'Set subscription terminated')]);
}

/** Checks a subscription against the network; a failure leaves it out of sync for an operator to look at. */
export function validateWorkflow(options: LockingWorkflowOptions): WorkflowDefinition {
  return lockingWorkflow('VALIDATE', options, []);
}

/** System work not tied to a subscription (ENGINE.md 1): `isTask: true`, SYSTEM unless told. */
export function task(options: TaskOptions): WorkflowDefinition {
  return defineWorkflow({ ...options, target: options.target ?? 'SYSTEM', isTask: true });
}

function lockingWorkflow(
  target: WorkflowTarget,
  options: LockingWorkflowOptions & { target?: unknown },
  closingSteps: PlainStepDefinition[],
): WorkflowDefinition {
  const { product, allowOutOfSync = false, ...rest } = options;
  const workflow = defineWorkflow({
    ...rest,
    target,
    input: withSubscriptionInput(options.name, options.input),
    steps: [lockStep(allowOutOfSync), ...options.steps, ...closingSteps, unlockStep()],
  });
  return { ...withProduct(workflow, product), subscription: { lockOnStart: true, allowOutOfSync } };
}

function withProduct(workflow: WorkflowDefinition, product: string | undefined): WorkflowDefinition {
  return product === undefined ? workflow : { ...workflow, product };
}

function withSubscriptionInput(
  name: string,
  input: ZodType | AnyFormGenerator | undefined,
): ZodType | AnyFormGenerator {
  if (input === undefined) return subscriptionInput.loose();
  if (isFormGenerator(input)) return withSubscriptionPage(input);
  if (input instanceof z.ZodObject) return input.extend(subscriptionInput.shape);
  throw new TypeError(`workflow "${name}": the input of a subscription workflow must be a z.object(...)`);
}

/**
 * A multi-page form of a locking workflow: its first page names the subscription (and optionally the version
 * seen), then the workflow's own pages follow, seeing `subscriptionId` and `version` in their state.
 */
function withSubscriptionPage(form: AnyFormGenerator): AnyFormGenerator {
  return async function* subscriptionForm(state, ctx) {
    const chosen = yield* formPage(subscriptionInput);
    const rest: unknown = yield* form({ ...state, ...chosen }, ctx);
    return { ...(rest as object), ...chosen };
  };
}

function subscriptionIdOf(state: StepState, ctx: StepContext): string {
  const id: unknown = state.subscriptionId;
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(
      `workflow "${ctx.workflowName}": no subscriptionId in the state (a create workflow's steps must return { subscriptionId })`,
    );
  }
  return id;
}

function lockStep(allowOutOfSync: boolean): PlainStepDefinition {
  return step('Lock subscription', async (state, ctx) => {
    await ctx.subscriptions.holdLock(subscriptionIdOf(state, ctx), { allowOutOfSync });
  });
}

function unlockStep(): PlainStepDefinition {
  return step('Unlock subscription', async (_state, ctx) => {
    await ctx.subscriptions.releaseLocks();
  });
}

function setStatusStep(status: SubscriptionStatus, name: string): PlainStepDefinition {
  return step(name, async (state, ctx) => {
    await ctx.subscriptions.setStatus(subscriptionIdOf(state, ctx), status);
  });
}
