import type { InputStepDefinition } from './step-types';
import type { WorkflowDefinition } from './workflow';

/**
 * Who asks, as per-workflow rules see them (ENGINE.md 10.7): the acting user's name, every role they hold
 * (`['read', 'operate']` for an operator: each role includes the ones before it) and the verified claims of
 * their access token (empty for an API key).
 */
export interface WorkflowUser {
  readonly name: string;
  readonly roles: readonly string[];
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * A per-workflow rule, as orchestrator-core's `authorize_callback`: `true` allows; `false`, or a string giving
 * the reason, refuses (403 FORBIDDEN with the reason, nothing written).
 */
export type AuthorizeRule = (user: WorkflowUser) => boolean | string | Promise<boolean | string>;

export type RuleVerdict = { readonly kind: 'allowed' } | { readonly kind: 'refused'; readonly reason: string };

/** Which rule decides what (orchestrator-core's defaults): a retry falls back to the start rule, so does an answer. */
export type RuleOccasion =
  | { readonly kind: 'start' }
  | { readonly kind: 'retry' }
  | { readonly kind: 'answer'; readonly step: InputStepDefinition };

/** The rule that decides `occasion` for `workflow`; undefined when everyone with the route's role may. */
export function ruleFor(workflow: WorkflowDefinition, occasion: RuleOccasion): AuthorizeRule | undefined {
  switch (occasion.kind) {
    case 'start':
      return workflow.authorize;
    case 'retry':
      return workflow.authorizeRetry ?? workflow.authorize;
    case 'answer':
      return occasion.step.authorizeResume ?? workflow.authorize;
  }
}

/**
 * Applies the rule for `occasion`. A rule that throws or answers anything but true, false or a string refuses
 * (a broken rule must not open the workflow to everyone); `onRuleError` hears why, for the log.
 */
export async function authorizeWorkflow(
  workflow: WorkflowDefinition,
  occasion: RuleOccasion,
  user: WorkflowUser,
  onRuleError?: (error: unknown) => void,
): Promise<RuleVerdict> {
  const rule = ruleFor(workflow, occasion);
  if (rule === undefined) return { kind: 'allowed' };
  const what = `${occasion.kind === 'answer' ? `answer "${occasion.step.name}" of` : occasion.kind} workflow "${workflow.name}"`;
  let verdict: unknown;
  try {
    verdict = await rule(user);
  } catch (error) {
    onRuleError?.(error);
    return { kind: 'refused', reason: `the rule deciding who may ${what} failed` };
  }
  if (verdict === true) return { kind: 'allowed' };
  if (typeof verdict === 'string' && verdict.trim() !== '') return { kind: 'refused', reason: verdict };
  if (verdict !== false && typeof verdict !== 'string') {
    onRuleError?.(new TypeError(`the rule of workflow "${workflow.name}" answered ${typeof verdict}`));
  }
  return { kind: 'refused', reason: `${user.name} may not ${what}` };
}
