import type { Request } from 'express';
import type { Logger } from 'pino';
import {
  authorizeWorkflow,
  type RuleOccasion,
  type RuleVerdict,
  type WorkflowDefinition,
  type WorkflowRegistry,
} from '@orchestrator/engine';
import { forbidden, type RefusedTarget } from '../api-error';
import { workflowUserOf } from './request-auth';

/**
 * A per-workflow rule (ENGINE.md 10.7) before anything is written: a refusal is 403 FORBIDDEN with the rule's
 * reason, and its audit row names `target`. A rule that throws refuses, and its error goes to the log.
 */
export async function requireWorkflowRule(
  req: Request,
  logger: Logger,
  workflow: WorkflowDefinition,
  occasion: RuleOccasion,
  target: RefusedTarget,
): Promise<void> {
  const verdict = await authorizeWorkflow(workflow, occasion, workflowUserOf(req), ruleErrorLog(logger, workflow));
  if (verdict.kind === 'refused') throw forbidden(verdict.reason, target);
}

/** The start rule's verdict for the caller, for a list that shows what the caller may run. */
export function startVerdictFor(req: Request, logger: Logger, workflow: WorkflowDefinition): Promise<RuleVerdict> {
  return authorizeWorkflow(workflow, { kind: 'start' }, workflowUserOf(req), ruleErrorLog(logger, workflow));
}

/** Whether the caller may retry processes of a workflow (by name): for resume-all, which skips the others. */
export function retryRuleOf(
  req: Request,
  registry: WorkflowRegistry,
  logger: Logger,
): (workflowName: string) => Promise<boolean> {
  const user = workflowUserOf(req);
  return async (name) => {
    const workflow = registry.get(name);
    if (!workflow) return true;
    const verdict = await authorizeWorkflow(workflow, { kind: 'retry' }, user, ruleErrorLog(logger, workflow));
    return verdict.kind === 'allowed';
  };
}

function ruleErrorLog(logger: Logger, workflow: WorkflowDefinition) {
  return (error: unknown) => logger.error({ err: error, workflow: workflow.name }, 'a per-workflow rule failed');
}
