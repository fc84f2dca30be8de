import type { SubscriptionStatus, WorkflowDefinition, WorkflowTarget } from '@orchestrator/engine';

/** Why a workflow may not start on a subscription now; `code` is the API's error code. */
export interface StartRefusal {
  readonly code: 'SUBSCRIPTION_LIFECYCLE' | 'SUBSCRIPTION_NOT_IN_SYNC' | 'STALE_DATA' | 'WORKFLOW_NOT_ALLOWED';
  readonly message: string;
}

/** What the gates need to know about the workflow. */
export type GatedWorkflow = Pick<WorkflowDefinition, 'name' | 'target' | 'isTask' | 'subscription'>;

/** What the gates need to know about the subscription, read under its row lock. */
export interface GatedSubscription {
  readonly id: string;
  readonly productName: string;
  readonly status: SubscriptionStatus;
  readonly insync: boolean;
  readonly version: number;
}

export interface StartGateInput {
  readonly workflow: GatedWorkflow;
  readonly subscription: GatedSubscription;
  /** The workflows the subscription's product allows. */
  readonly allowedWorkflows: readonly string[];
  /** Active subscriptions that depend on this one. */
  readonly activeDependents: readonly string[];
  /** The `version` field of the start input, when the client sent one. */
  readonly inputVersion?: number;
}

/** Lifecycle statuses from which each target may start (ENGINE.md 5); CREATE starts without a subscription. */
const ALLOWED_STATUSES: Record<WorkflowTarget, readonly SubscriptionStatus[]> = {
  CREATE: [],
  MODIFY: ['active'],
  SYSTEM: ['active'],
  VALIDATE: ['active'],
  RECONCILE: ['active'],
  TERMINATE: ['active', 'provisioning'],
};

/** A task, a RECONCILE, or a workflow marked allowOutOfSync may start on an out-of-sync subscription. */
export function requiresInsync(workflow: GatedWorkflow): boolean {
  return !(workflow.isTask || workflow.target === 'RECONCILE' || workflow.subscription?.allowOutOfSync === true);
}

/** The lifecycle gate by target; TERMINATE is also refused while a subscription that still needs this one depends on it. */
export function lifecycleRefusal(
  target: WorkflowTarget,
  subscription: Pick<GatedSubscription, 'id' | 'status'>,
  activeDependents: readonly string[],
): StartRefusal | null {
  if (target === 'CREATE') {
    return { code: 'SUBSCRIPTION_LIFECYCLE', message: 'a CREATE workflow creates a new subscription' };
  }
  const allowed = ALLOWED_STATUSES[target];
  if (!allowed.includes(subscription.status)) {
    return {
      code: 'SUBSCRIPTION_LIFECYCLE',
      message: `subscription ${subscription.id} is ${subscription.status}; a ${target} workflow needs it ${allowed.join(' or ')}`,
    };
  }
  if (target === 'TERMINATE' && activeDependents.length > 0) {
    return {
      code: 'SUBSCRIPTION_LIFECYCLE',
      message: `subscription ${subscription.id} is in use by subscription(s) ${activeDependents.join(', ')}, in service or being changed; terminate those first`,
    };
  }
  return null;
}

/**
 * Every gate a subscription workflow passes at start (ENGINE.md 5 and 8.2), in order: the product allows the
 * workflow, the lifecycle allows the target, the subscription is in sync (unless not required), and the
 * client's version is the current one.
 */
export function startRefusal(input: StartGateInput): StartRefusal | null {
  const { workflow, subscription } = input;
  if (!input.allowedWorkflows.includes(workflow.name)) {
    return {
      code: 'WORKFLOW_NOT_ALLOWED',
      message: `product ${subscription.productName} does not allow workflow ${workflow.name}`,
    };
  }
  const lifecycle = lifecycleRefusal(workflow.target, subscription, input.activeDependents);
  if (lifecycle) return lifecycle;
  if (!subscription.insync && requiresInsync(workflow)) {
    return {
      code: 'SUBSCRIPTION_NOT_IN_SYNC',
      message: `subscription ${subscription.id} is not in sync: another process changes it, or one failed and awaits an operator`,
    };
  }
  if (input.inputVersion !== undefined && input.inputVersion !== subscription.version) {
    return {
      code: 'STALE_DATA',
      message: `Stale data: the input carries version ${input.inputVersion} of subscription ${subscription.id}, which is at version ${subscription.version}`,
    };
  }
  return null;
}

/** PUT set-in-sync is refused while a process linked to the subscription is not completed or aborted. */
export function setInSyncRefusal(subscriptionId: string, openProcessIds: readonly string[]): string | null {
  if (openProcessIds.length === 0) return null;
  return `subscription ${subscriptionId} has open processes (${openProcessIds.join(', ')}): complete or abort them first`;
}
