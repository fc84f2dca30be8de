import { z } from 'zod';
import { defineOperation } from '../openapi/operation';
import { processIdParams } from './processes-operations';

export const migrateProcess = defineOperation({
  method: 'post',
  path: '/api/processes/:id/migrate',
  operationId: 'migrateProcess',
  summary: "Move a process to its workflow's current version",
  description:
    'For a process whose workflow version lacks steps it has yet to run (resume answers 409 WORKFLOW_CHANGED): ' +
    '`mapping` sends each old step name to a step of the current code, or to null to drop it. Every step yet to run that the code lacks must be mapped. The process is re-pinned to the current version at the first remaining step that is not dropped, in the status it had; resume it next.',
  tag: 'processes',
  params: processIdParams,
  body: z
    .object({
      mapping: z
        .record(z.string(), z.string().nullable())
        .meta({ description: 'old step name -> new step name, or null to drop it' }),
    })
    .strict()
    .meta({ example: { mapping: { 'Configure port': 'Configure interface', 'Old check': null } } }),
  responses: {
    200: {
      description: 'Re-pinned',
      schema: z
        .object({
          workflowVersion: z.string().meta({ description: 'The version the process is pinned to now' }),
          nextStep: z.string().meta({ description: 'The step it goes on at when resumed' }),
        })
        .meta({ id: 'ProcessMigration' }),
    },
  },
  errors: ['VALIDATION_FAILED', 'PROCESS_NOT_FOUND', 'INVALID_PROCESS_STATUS', 'WORKFLOW_CHANGED', 'WORKFLOW_REMOVED'],
});
