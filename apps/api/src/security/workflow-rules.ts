import type { Request } from 'express';
import type { Logger } from 'pino';
import { authorizeWorkflow, type RuleOccasion, type WorkflowDefinition } from '@orchestrator/engine';
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
  const verdict = await authorizeWorkflow(workflow, occasion, workflowUserOf(req), (error) =>
    logger.error({ err: error, workflow: workflow.name, occasion: occasion.kind }, 'a per-workflow rule failed'),
  );
  if (verdict.kind === 'refused') throw forbidden(verdict.reason, target);
}
