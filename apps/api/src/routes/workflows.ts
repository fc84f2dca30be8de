import { Router } from 'express';
import { z } from 'zod';
import {
  firstFormPage,
  parallelBranches,
  stepNames,
  workflowVersion,
  type WorkflowDefinition,
} from '@orchestrator/engine';
import type { AppDeps } from '../app';
import { formContext } from '../form-answers';
import { reply } from '../openapi/operation';
import { listWorkflows } from './workflows-operations';

export type WorkflowRoutesDeps = Pick<AppDeps, 'registry' | 'inventory' | 'logger' | 'versions'>;

/**
 * A workflow as `GET /api/workflows` lists it. `inputSchema` is the JSON Schema of its input, or of the first
 * page of its multi-page form (given by the caller, since building it may read the inventory).
 */
export function workflowJson(workflow: WorkflowDefinition, firstPage: Record<string, unknown> | null = null) {
  return {
    name: workflow.name,
    target: workflow.target,
    description: workflow.description,
    isTask: workflow.isTask,
    steps: stepNames(workflow),
    version: workflowVersion(workflow),
    branches: parallelBranches(workflow),
    inputSchema: workflow.input ? z.toJSONSchema(workflow.input, { unrepresentable: 'any', io: 'input' }) : firstPage,
  };
}

/** `workflowJson` with the first page of a multi-page form built now; a form that cannot be built shows none. */
export async function describeWorkflow(
  deps: Pick<WorkflowRoutesDeps, 'inventory' | 'logger'>,
  workflow: WorkflowDefinition,
  actor = 'SYSTEM',
) {
  if (!workflow.inputForm) return workflowJson(workflow);
  try {
    return workflowJson(
      workflow,
      await firstFormPage(workflow.inputForm, {}, formContext(deps.inventory, actor, workflow.name)),
    );
  } catch (error) {
    deps.logger.error({ err: error, workflow: workflow.name }, 'the first page of the form cannot be built');
    return workflowJson(workflow);
  }
}

export function workflowRoutes(deps: WorkflowRoutesDeps): Router {
  const router = Router();
  const plain = deps.registry.all().filter((workflow) => !workflow.inputForm);
  const body = new Map(plain.map((workflow) => [workflow.name, workflowJson(workflow)]));
  const versions = new Map(deps.registry.all().map((workflow) => [workflow.name, workflowVersion(workflow)]));
  router.get('/', async (_req, res) => {
    const [described, older] = await Promise.all([
      Promise.all(
        deps.registry
          .all()
          .map(async (workflow) => body.get(workflow.name) ?? (await describeWorkflow(deps, workflow))),
      ),
      deps.versions.unfinishedOnOlderVersions(versions),
    ]);
    reply(
      res,
      listWorkflows,
      200,
      described.map((workflow) => ({ ...workflow, processesOnOlderVersions: older.get(workflow.name) ?? 0 })),
    );
  });
  return router;
}
