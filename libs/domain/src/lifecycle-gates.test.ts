import {
  createWorkflow,
  modifyWorkflow,
  step,
  task,
  terminateWorkflow,
  validateWorkflow,
  type SubscriptionStatus,
  type WorkflowTarget,
} from '@orchestrator/engine';
import { lifecycleRefusal, requiresInsync, setInSyncRefusal, startRefusal, type GatedSubscription } from './index';

const steps = [step('Work', () => ({}))];
const modify = modifyWorkflow({ name: 'modify_thing', description: 'm', steps });
const terminate = terminateWorkflow({ name: 'terminate_thing', description: 't', steps });
const validate = validateWorkflow({ name: 'validate_thing', description: 'v', steps });
const reconcile = modifyWorkflow({ name: 'reconcile_thing', description: 'r', target: 'RECONCILE', steps });
const anyway = modifyWorkflow({ name: 'modify_anyway', description: 'a', allowOutOfSync: true, steps });
const validateTask = validateWorkflow({ name: 'validate_task', description: 'v', isTask: true, steps });

const allowed = [modify, terminate, validate, reconcile, anyway, validateTask].map((w) => w.name);

function subscription(changes: Partial<GatedSubscription> = {}): GatedSubscription {
  return { id: 'sub-1', productName: 'thing', status: 'active', insync: true, version: 3, ...changes };
}

describe('lifecycle gates by target', () => {
  const cases: [WorkflowTarget, SubscriptionStatus, boolean][] = [
    ['MODIFY', 'active', true],
    ['MODIFY', 'provisioning', false],
    ['MODIFY', 'terminated', false],
    ['SYSTEM', 'active', true],
    ['SYSTEM', 'disabled', false],
    ['VALIDATE', 'active', true],
    ['VALIDATE', 'initial', false],
    ['RECONCILE', 'active', true],
    ['RECONCILE', 'migrating', false],
    ['TERMINATE', 'active', true],
    ['TERMINATE', 'provisioning', true],
    ['TERMINATE', 'terminated', false],
    ['TERMINATE', 'initial', false],
  ];
  it.each(cases)('%s on a subscription that is %s: allowed %s', (target, status, allowedToStart) => {
    const refusal = lifecycleRefusal(target, { id: 's', status }, []);
    expect(refusal === null).toBe(allowedToStart);
    if (refusal) expect(refusal.code).toBe('SUBSCRIPTION_LIFECYCLE');
  });

  it('refuses TERMINATE while an active subscription depends on it, naming the dependents', () => {
    const refusal = lifecycleRefusal('TERMINATE', { id: 's', status: 'active' }, ['dep-1', 'dep-2']);
    expect(refusal).toEqual({ code: 'SUBSCRIPTION_LIFECYCLE', message: expect.stringContaining('dep-1, dep-2') });
  });

  it('refuses a CREATE workflow on an existing subscription', () => {
    expect(lifecycleRefusal('CREATE', { id: 's', status: 'active' }, [])?.code).toBe('SUBSCRIPTION_LIFECYCLE');
  });
});

describe('which workflows need the subscription in sync', () => {
  it('needs it for modify, terminate and validate workflows', () => {
    expect([modify, terminate, validate].map(requiresInsync)).toEqual([true, true, true]);
  });
  it('does not for a task, a RECONCILE workflow or one marked allowOutOfSync', () => {
    expect([validateTask, reconcile, anyway].map(requiresInsync)).toEqual([false, false, false]);
  });
  it('does not for a plain task', () => {
    expect(requiresInsync(task({ name: 'task_x', description: 'x', steps }))).toBe(false);
  });
});

describe('startRefusal', () => {
  const gate = (
    workflow = modify,
    sub = subscription(),
    extra: { activeDependents?: string[]; inputVersion?: number; allowedWorkflows?: string[] } = {},
  ) =>
    startRefusal({
      workflow,
      subscription: sub,
      allowedWorkflows: extra.allowedWorkflows ?? allowed,
      activeDependents: extra.activeDependents ?? [],
      inputVersion: extra.inputVersion,
    });

  it('lets a modify workflow start on an active, in-sync subscription', () => {
    expect(gate()).toBeNull();
  });
  it('refuses a workflow the product does not allow', () => {
    expect(gate(modify, subscription(), { allowedWorkflows: [] })?.code).toBe('WORKFLOW_NOT_ALLOWED');
  });
  it('refuses an out-of-sync subscription with SUBSCRIPTION_NOT_IN_SYNC', () => {
    expect(gate(modify, subscription({ insync: false }))?.code).toBe('SUBSCRIPTION_NOT_IN_SYNC');
  });
  it('lets a RECONCILE, a task and an allowOutOfSync workflow start out of sync', () => {
    for (const workflow of [reconcile, validateTask, anyway]) {
      expect(gate(workflow, subscription({ insync: false }))).toBeNull();
    }
  });
  it('checks the lifecycle before insync', () => {
    expect(gate(modify, subscription({ insync: false, status: 'terminated' }))?.code).toBe('SUBSCRIPTION_LIFECYCLE');
  });
  it('refuses a stale version with STALE_DATA ("Stale data")', () => {
    const refusal = gate(modify, subscription({ version: 4 }), { inputVersion: 3 });
    expect(refusal).toEqual({ code: 'STALE_DATA', message: expect.stringMatching(/^Stale data/) });
  });
  it('accepts the current version', () => {
    expect(gate(modify, subscription({ version: 4 }), { inputVersion: 4 })).toBeNull();
  });
  it('refuses a terminate while an active subscription depends on it', () => {
    expect(gate(terminate, subscription(), { activeDependents: ['dep'] })?.code).toBe('SUBSCRIPTION_LIFECYCLE');
  });
});

describe('setInSyncRefusal', () => {
  it('allows set-in-sync without open processes', () => {
    expect(setInSyncRefusal('s', [])).toBeNull();
  });
  it('names the open processes', () => {
    expect(setInSyncRefusal('s', ['p1'])).toContain('p1');
  });
});

describe('createWorkflow', () => {
  it('ends with Set subscription active and Unlock subscription, and is not gated at start', () => {
    const create = createWorkflow({ name: 'create_thing', description: 'c', steps });
    expect(create.steps.map((s) => s.name)).toEqual([
      'Start',
      'Work',
      'Set subscription active',
      'Unlock subscription',
      'Done',
    ]);
    expect(create.subscription).toBeUndefined();
    expect(create.target).toBe('CREATE');
  });
});
