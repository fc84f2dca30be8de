import { z } from 'zod';
import { WORKFLOW_TARGETS } from '@orchestrator/engine';
import { jsonObject } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';

export const workflowSchema = z
  .object({
    name: z.string(),
    target: z.enum(WORKFLOW_TARGETS),
    description: z.string(),
    isTask: z.boolean(),
    steps: z.array(z.string()).meta({ description: 'Start first and Done last' }),
    version: z.string().meta({ description: 'The current version: a digest of the step list (names, kinds, nesting)' }),
    branches: z
      .record(z.string(), z.record(z.string(), z.array(z.string())))
      .meta({ description: "Each parallel step's branches with their step names (ENGINE.md 14.1)" }),
    inputSchema: jsonObject.nullable().meta({ description: 'JSON Schema of the input (or of the first form page)' }),
  })
  .meta({ id: 'Workflow' });

export const listWorkflows = defineOperation({
  method: 'get',
  path: '/api/workflows',
  operationId: 'listWorkflows',
  summary: 'The registered workflows, with their steps and input schema',
  tag: 'workflows',
  responses: {
    200: {
      description: 'Every workflow',
      schema: z.array(
        workflowSchema
          .extend({
            processesOnOlderVersions: z
              .number()
              .int()
              .meta({ description: 'Unfinished processes pinned to an earlier version of it' }),
          })
          .meta({ id: 'RegisteredWorkflow' }),
      ),
    },
  },
  errors: [],
});
