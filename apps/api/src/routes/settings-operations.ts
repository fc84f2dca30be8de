import { z } from 'zod';
import { defineOperation } from '../openapi/operation';

const engineStatus = z
  .object({
    globalLock: z.boolean(),
    globalStatus: z.enum(['RUNNING', 'PAUSING', 'PAUSED']),
    runningProcesses: z.number().int().meta({ description: 'Steps executing now, on every worker' }),
    pausedQueues: z
      .array(z.string())
      .nullable()
      .meta({ description: 'Queues paused in Redis outside the engine; null when Redis cannot be asked' }),
  })
  .meta({ id: 'EngineStatus' });

export const getEngineStatus = defineOperation({
  method: 'get',
  path: '/api/settings/status',
  operationId: 'getEngineStatus',
  summary: 'The engine pause',
  tag: 'settings',
  responses: { 200: { description: 'The engine status', schema: engineStatus } },
  errors: [],
});

export const setEngineStatus = defineOperation({
  method: 'put',
  path: '/api/settings/status',
  operationId: 'setEngineStatus',
  summary: 'Pause or unpause the engine',
  tag: 'settings',
  body: z
    .object({ globalLock: z.boolean() })
    .strict()
    .meta({ example: { globalLock: true } }),
  responses: { 200: { description: 'The engine status', schema: engineStatus } },
  errors: ['VALIDATION_FAILED'],
});
