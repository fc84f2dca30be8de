import { Router } from 'express';
import { z } from 'zod';
import { stepNames, type WorkflowDefinition, type WorkflowRegistry } from '@orchestrator/engine';

export function workflowJson(workflow: WorkflowDefinition) {
  return {
    name: workflow.name,
    target: workflow.target,
    description: workflow.description,
    isTask: workflow.isTask,
    steps: stepNames(workflow),
    inputSchema: workflow.input ? z.toJSONSchema(workflow.input, { unrepresentable: 'any', io: 'input' }) : null,
  };
}

export function workflowRoutes(registry: WorkflowRegistry): Router {
  const router = Router();
  const body = registry.all().map(workflowJson);
  router.get('/', (_req, res) => {
    res.json(body);
  });
  return router;
}
