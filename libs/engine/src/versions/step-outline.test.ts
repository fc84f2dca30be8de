import { defineWorkflow } from '../workflow';
import { inputStep } from '../dsl/interaction-steps';
import { conditional, step, stepGroup } from '../dsl/steps';
import { parallel } from '../dsl/parallel';
import { outlineDigest, workflowOutline, workflowVersion } from './step-outline';
import { z } from 'zod';

const wf = (steps: Parameters<typeof defineWorkflow>[0]['steps']) =>
  defineWorkflow({ name: 'versioned', target: 'SYSTEM', description: 'd', steps });

describe('the workflow version digest', () => {
  it('outlines names, kinds and the steps nested in a group, between Start and Done', () => {
    const outline = workflowOutline(wf([step('A', () => undefined), stepGroup('G', [step('G1', () => undefined)])]));
    expect(outline).toEqual([
      { name: 'Start', kind: 'start' },
      { name: 'A', kind: 'step' },
      { name: 'G', kind: 'group', nested: { steps: [{ name: 'G1', kind: 'step' }] } },
      { name: 'Done', kind: 'done' },
    ]);
  });

  it("outlines each branch of a parallel step, so that a branch's change is a new version", () => {
    const fork = (b: string) =>
      wf([parallel('P', { left: [step('L1', () => undefined)], right: [step(b, () => undefined)] })]);
    expect(workflowOutline(fork('R1'))[1]).toEqual({
      name: 'P',
      kind: 'parallel',
      nested: { 'branch:left': [{ name: 'L1', kind: 'step' }], 'branch:right': [{ name: 'R1', kind: 'step' }] },
    });
    expect(workflowVersion(fork('R1'))).not.toBe(workflowVersion(fork('R2')));
  });

  it('is 16 hex characters and the same for the same step list, whatever the step functions do', () => {
    const a = workflowVersion(
      wf([step('A', () => ({ a: 1 })), ...conditional(() => true, [step('B', () => undefined)])]),
    );
    const b = workflowVersion(wf([step('A', () => ({ a: 2 })), step('B', () => undefined)]));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).toBe(b);
  });

  it('changes when a step is added, removed, renamed, moved or changes kind', () => {
    const base = workflowVersion(wf([step('A', () => undefined), step('B', () => undefined)]));
    const variants = [
      wf([step('A', () => undefined), step('B', () => undefined), step('C', () => undefined)]),
      wf([step('A', () => undefined)]),
      wf([step('A', () => undefined), step('B2', () => undefined)]),
      wf([step('B', () => undefined), step('A', () => undefined)]),
      wf([step('A', () => undefined), inputStep('B', { form: z.object({}) })]),
    ].map(workflowVersion);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('changes when the nesting changes: a sub-step of a group, or a step moved into a group', () => {
    const flat = workflowVersion(wf([step('A', () => undefined), step('B', () => undefined)]));
    const grouped = workflowVersion(wf([stepGroup('A', [step('B', () => undefined)])]));
    const otherSub = workflowVersion(wf([stepGroup('A', [step('C', () => undefined)])]));
    expect(new Set([flat, grouped, otherSub]).size).toBe(3);
  });

  it('digests an outline read back from JSON (keys in another order) the same', () => {
    const outline = workflowOutline(wf([stepGroup('G', [step('G1', () => undefined)])]));
    const reordered = JSON.parse(
      JSON.stringify(outline.map((s) => ({ nested: s.nested, kind: s.kind, name: s.name }))),
    ) as typeof outline;
    expect(outlineDigest(reordered)).toBe(outlineDigest(outline));
  });
});
