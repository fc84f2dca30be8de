import { z } from 'zod';
import { inputStep } from '../dsl/interaction-steps';
import { step } from '../dsl/steps';
import { defineWorkflow } from '../workflow';
import { missingRemainingSteps, pinWorkflow } from './pinned-workflow';
import { workflowOutline, workflowVersion } from './step-outline';
import { planMigration } from './version-migration';

const noop = () => undefined;
const wf = (steps: Parameters<typeof defineWorkflow>[0]['steps']) =>
  defineWorkflow({ name: 'versioned', target: 'SYSTEM', description: 'd', steps });

// Start, A, Confirm, B, C, Done
const v1 = wf([step('A', noop), inputStep('Confirm', { form: z.object({}) }), step('B', noop), step('C', noop)]);
const outlineV1 = workflowOutline(v1);
const CONFIRM = 2;

describe('the remaining-steps check', () => {
  it('finds nothing missing when a step was added after the position or removed before it', () => {
    const added = wf([
      step('A', noop),
      inputStep('Confirm', { form: z.object({}) }),
      step('B', noop),
      step('New', noop),
      step('C', noop),
    ]);
    const removed = wf([inputStep('Confirm', { form: z.object({}) }), step('B', noop), step('C', noop)]);
    expect(missingRemainingSteps(outlineV1, CONFIRM, added.steps)).toEqual([]);
    expect(missingRemainingSteps(outlineV1, CONFIRM, removed.steps)).toEqual([]);
  });

  it('names the steps yet to run that the code lacks, or has as another kind', () => {
    const changed = wf([step('A', noop), step('Confirm', noop), step('C', noop)]);
    expect(missingRemainingSteps(outlineV1, CONFIRM, changed.steps)).toEqual(['Confirm', 'B']);
    expect(missingRemainingSteps(outlineV1, 4, changed.steps)).toEqual([]);
  });

  it('matches same-named steps by position: the second "Check" of the version needs a second one in the code', () => {
    const once = wf([step('Check', noop), step('X', noop)]);
    // A version recorded before defineWorkflow refused a step name used twice: Start, Check, X, Check, Done.
    const twice = { steps: [...once.steps.slice(0, 3), step('Check', noop), ...once.steps.slice(3)] };
    expect(missingRemainingSteps(workflowOutline(twice), 1, once.steps)).toEqual(['Check']);
  });
});

describe('pinWorkflow', () => {
  it('runs the code when the process is on its version or on none recorded', () => {
    expect(pinWorkflow(v1, workflowVersion(v1), undefined, 2)).toEqual({ kind: 'current', workflow: v1 });
    expect(pinWorkflow(v1, null, undefined, 2)).toEqual({ kind: 'current', workflow: v1 });
  });

  it("keeps the version's positions, each step the code's of that name", () => {
    const v2 = wf([inputStep('Confirm', { form: z.object({}) }), step('New', noop), step('B', noop), step('C', noop)]);
    const pinned = pinWorkflow(v2, workflowVersion(v1), outlineV1, CONFIRM);
    if (pinned.kind !== 'pinned') throw new Error(`expected pinned, got ${pinned.kind}`);
    expect(pinned.workflow.steps.map((s) => s.name)).toEqual(['Start', 'A', 'Confirm', 'B', 'C', 'Done']);
    expect(pinned.workflow.steps[CONFIRM]).toBe(v2.steps[0 + 1]);
    expect(pinned.workflow.steps[3]).toBe(v2.steps[3]);
  });

  it('is changed, naming the missing steps and the step at the position, when a remaining step is gone', () => {
    const v2 = wf([step('A', noop), inputStep('Confirm', { form: z.object({}) }), step('C', noop)]);
    expect(pinWorkflow(v2, workflowVersion(v1), outlineV1, CONFIRM)).toEqual({
      kind: 'changed',
      missing: ['B'],
      stepName: 'Confirm',
    });
  });
});

describe('planMigration', () => {
  const v2 = wf([step('A', noop), inputStep('Confirm', { form: z.object({}) }), step('B2', noop), step('C', noop)]);

  it('goes on at the remaining step itself when the code still has it', () => {
    expect(planMigration(outlineV1, CONFIRM, v2, { B: 'B2' })).toEqual({
      kind: 'valid',
      stepIndex: 2,
      stepName: 'Confirm',
    });
  });

  it('goes on where the mapping sends the current step, skipping dropped ones', () => {
    expect(planMigration(outlineV1, 3, v2, { B: 'B2' })).toEqual({ kind: 'valid', stepIndex: 3, stepName: 'B2' });
    expect(planMigration(outlineV1, 3, v2, { B: null })).toEqual({ kind: 'valid', stepIndex: 4, stepName: 'C' });
  });

  it('goes on at Done when everything left is dropped', () => {
    const short = wf([step('A', noop)]);
    expect(planMigration(outlineV1, 3, short, { B: null, C: null })).toEqual({
      kind: 'valid',
      stepIndex: 2,
      stepName: 'Done',
    });
  });

  it('refuses unknown old names, unknown new names and a mapping that leaves a missing step unmapped', () => {
    const plan = planMigration(outlineV1, CONFIRM, v2, { Nope: null, C: 'Gone' });
    expect(plan).toEqual({
      kind: 'invalid',
      issues: [
        { path: 'mapping.Nope', message: `the process's version has no step "Nope"` },
        { path: 'mapping.C', message: `the workflow's code has no step "Gone"` },
        { path: 'mapping', message: '"B" is yet to run and the code no longer has it: map it to a step or to null' },
      ],
    });
  });
});
