import { z } from 'zod';
import { authorizeWorkflow, ruleFor, type AuthorizeRule, type WorkflowUser } from './authorization';
import { inputStep } from './dsl/interaction-steps';
import { step } from './dsl/steps';
import { createWorkflow, modifyWorkflow, task } from './dsl/subscription-workflows';
import { workflow } from './dsl/typed-workflow';
import type { InputStepDefinition } from './step-types';
import { defineWorkflow } from './workflow';

const operator: WorkflowUser = { name: 'anna', roles: ['read', 'operate'], claims: { groups: ['noc'] } };
const reader: WorkflowUser = { name: 'rita', roles: ['read'], claims: {} };
const operatorsOnly: AuthorizeRule = (user) => user.roles.includes('operate') || 'only operators';
const nocOnly: AuthorizeRule = (user) => (user.claims.groups as string[] | undefined)?.includes('noc') === true;
const steps = [step('Work', () => ({}))];

function inputStepOf(definition: ReturnType<typeof defineWorkflow>): InputStepDefinition {
  const found = definition.steps.find((s) => s.kind === 'input');
  if (found?.kind !== 'input') throw new Error('no input step');
  return found;
}

describe('per-workflow rules', () => {
  it('allows everyone when a workflow has no rule', async () => {
    const open = defineWorkflow({ name: 'open', target: 'SYSTEM', description: 'o', steps });
    expect(await authorizeWorkflow(open, { kind: 'start' }, reader)).toEqual({ kind: 'allowed' });
    expect(await authorizeWorkflow(open, { kind: 'retry' }, reader)).toEqual({ kind: 'allowed' });
  });

  it('refuses with the reason a rule gives, or a sentence naming the user and the workflow when it answers false', async () => {
    const guarded = defineWorkflow({
      name: 'guarded',
      target: 'SYSTEM',
      description: 'g',
      steps,
      authorize: operatorsOnly,
      authorizeRetry: nocOnly,
    });
    expect(await authorizeWorkflow(guarded, { kind: 'start' }, operator)).toEqual({ kind: 'allowed' });
    expect(await authorizeWorkflow(guarded, { kind: 'start' }, reader)).toEqual({
      kind: 'refused',
      reason: 'only operators',
    });
    expect(await authorizeWorkflow(guarded, { kind: 'retry' }, reader)).toEqual({
      kind: 'refused',
      reason: 'rita may not retry workflow "guarded"',
    });
  });

  it('retries and answers under the start rule unless the workflow or the input step has its own', async () => {
    const confirm = inputStep('Confirm', { form: z.object({ ok: z.boolean() }) });
    const approve = inputStep('Approve', { form: z.object({ ok: z.boolean() }), authorizeResume: nocOnly });
    const plain = defineWorkflow({
      name: 'plain',
      target: 'SYSTEM',
      description: 'p',
      steps: [confirm],
      authorize: operatorsOnly,
    });
    const withOwn = defineWorkflow({ name: 'own', target: 'SYSTEM', description: 'p', steps: [approve] });
    expect(ruleFor(plain, { kind: 'retry' })).toBe(operatorsOnly);
    expect(ruleFor(plain, { kind: 'answer', step: inputStepOf(plain) })).toBe(operatorsOnly);
    expect(ruleFor(withOwn, { kind: 'answer', step: inputStepOf(withOwn) })).toBe(nocOnly);
    expect(await authorizeWorkflow(withOwn, { kind: 'answer', step: inputStepOf(withOwn) }, reader)).toEqual({
      kind: 'refused',
      reason: 'rita may not answer "Approve" of workflow "own"',
    });
  });

  it('refuses when a rule throws or answers something that is not a verdict, and reports why', async () => {
    const errors: unknown[] = [];
    const broken = defineWorkflow({
      name: 'broken',
      target: 'SYSTEM',
      description: 'b',
      steps,
      authorize: () => {
        throw new Error('directory down');
      },
      authorizeRetry: (() => 1) as unknown as AuthorizeRule,
    });
    expect(await authorizeWorkflow(broken, { kind: 'start' }, operator, (e) => errors.push(e))).toEqual({
      kind: 'refused',
      reason: 'the rule deciding who may start workflow "broken" failed',
    });
    expect((await authorizeWorkflow(broken, { kind: 'retry' }, operator, (e) => errors.push(e))).kind).toBe('refused');
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'directory down',
      'the rule of workflow "broken" answered number',
    ]);
  });

  it('awaits an asynchronous rule', async () => {
    const later = defineWorkflow({
      name: 'later',
      target: 'SYSTEM',
      description: 'l',
      steps,
      authorize: async (user) => Promise.resolve(user.name === 'anna'),
    });
    expect((await authorizeWorkflow(later, { kind: 'start' }, operator)).kind).toBe('allowed');
    expect((await authorizeWorkflow(later, { kind: 'start' }, reader)).kind).toBe('refused');
  });

  it('keeps the rules through the subscription wrappers and the typed builder', () => {
    const options = { description: 'd', steps, authorize: operatorsOnly, authorizeRetry: nocOnly };
    for (const definition of [
      createWorkflow({ name: 'create_y', ...options }),
      modifyWorkflow({ name: 'modify_y', ...options }),
      task({ name: 'task_y', ...options }),
      workflow({
        name: 'typed_y',
        target: 'SYSTEM',
        description: 'd',
        authorize: operatorsOnly,
        authorizeRetry: nocOnly,
      })
        .step('Work', () => ({}))
        .build(),
      workflow
        .modify({ name: 'typed_modify_y', description: 'd', authorize: operatorsOnly, authorizeRetry: nocOnly })
        .build(),
    ]) {
      expect({ name: definition.name, authorize: definition.authorize, retry: definition.authorizeRetry }).toEqual({
        name: definition.name,
        authorize: operatorsOnly,
        retry: nocOnly,
      });
    }
    const typed = workflow({ name: 'typed_input', target: 'SYSTEM', description: 'd' })
      .inputStep('Approve', { form: z.object({ ok: z.boolean() }), authorizeResume: nocOnly })
      .build();
    expect(inputStepOf(typed).authorizeResume).toBe(nocOnly);
  });

  it('refuses a rule that is not a function when the workflow is defined', () => {
    expect(() =>
      defineWorkflow({ name: 'bad', target: 'SYSTEM', description: 'b', steps, authorize: 'admins' as never }),
    ).toThrow('workflow "bad": authorize must be a function of the user');
    expect(() => inputStep('Ask', { form: z.object({}), authorizeResume: true as never })).toThrow(
      'inputStep "Ask": authorizeResume must be a function of the user',
    );
  });
});
