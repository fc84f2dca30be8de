import { z } from 'zod';
import { timestamp, uuid } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';

const schedule = z
  .object({
    name: z.string().meta({ example: 'task_clean_up_tasks' }),
    cron: z.string().meta({ example: '0 * * * *' }),
    enabled: z.boolean(),
    nextRunAt: timestamp.nullable(),
    lastRunAt: timestamp.nullable(),
    lastProcessId: uuid.nullable(),
    missedRuns: z.number().int(),
    changedBy: z.string().nullable(),
    updatedAt: timestamp,
  })
  .meta({ id: 'Schedule' });

export const listSchedules = defineOperation({
  method: 'get',
  path: '/api/schedules',
  operationId: 'listSchedules',
  summary: 'Every scheduled task',
  tag: 'settings',
  responses: { 200: { description: 'The schedules', schema: z.array(schedule) } },
  errors: [],
});

export const changeSchedule = defineOperation({
  method: 'put',
  path: '/api/schedules/:name',
  operationId: 'changeSchedule',
  summary: "Change a task's schedule",
  tag: 'settings',
  params: z.object({ name: z.string() }),
  body: z
    .object({ cron: z.string().trim().min(1).max(200).optional(), enabled: z.boolean().optional() })
    .strict()
    .refine((body) => body.cron !== undefined || body.enabled !== undefined, {
      message: 'expected {"cron": "..."} or {"enabled": true|false}, or both',
    })
    .meta({ example: { cron: '*/30 * * * *' } }),
  responses: { 200: { description: 'The schedule', schema: schedule } },
  errors: ['VALIDATION_FAILED', 'SCHEDULE_NOT_FOUND'],
});
