import { Router } from 'express';
import { z } from 'zod';
import type { TaskScheduleRow } from '@orchestrator/db';
import { checkCron, nextFire } from '@orchestrator/queue';
import type { AppDeps } from '../app';
import { ApiError } from '../api-error';
import { bodyObject, zodDetails } from '../request-input';
import { actorOf, auditOf } from '../security/request-auth';

export type ScheduleRoutesDeps = Pick<AppDeps, 'schedules' | 'registry' | 'logger'>;

const changeSchema = z
  .object({ cron: z.string().trim().min(1).max(200).optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((body) => body.cron !== undefined || body.enabled !== undefined, {
    message: 'expected {"cron": "..."} or {"enabled": true|false}, or both',
  });

/** A schedule as the API shows it; `nextRunAt` is read from the cron, so it needs no Redis. */
function scheduleJson(row: TaskScheduleRow, now = new Date()) {
  return {
    name: row.taskName,
    cron: row.cron,
    enabled: row.enabled,
    nextRunAt: row.enabled ? (nextFire(row.cron, now)?.toISOString() ?? null) : null,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastProcessId: row.lastProcessId,
    missedRuns: row.missedRuns,
    changedBy: row.changedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The task schedules (ENGINE.md 11.6), held by PostgreSQL: a change is written there and every worker's
 * schedule reconciler applies it to BullMQ within a recovery interval, without a restart.
 */
export function scheduleRoutes(deps: ScheduleRoutesDeps): Router {
  const router = Router();
  const isScheduledTask = (row: TaskScheduleRow) => deps.registry.get(row.taskName)?.isTask === true;

  // role: read
  router.get('/', async (_req, res) => {
    const now = new Date();
    res.json((await deps.schedules.list()).filter(isScheduledTask).map((row) => scheduleJson(row, now)));
  });

  // role: admin
  router.put('/:name', async (req, res) => {
    const name = String(req.params.name);
    const parsed = changeSchema.safeParse(bodyObject(req));
    if (!parsed.success) {
      throw new ApiError('VALIDATION_FAILED', 'invalid schedule change', zodDetails(parsed.error));
    }
    const { cron, enabled } = parsed.data;
    const check = cron === undefined ? undefined : checkCron(cron);
    if (check?.kind === 'invalid') {
      throw new ApiError('VALIDATION_FAILED', check.message, [{ path: 'cron', message: check.message }]);
    }
    const existing = await deps.schedules.get(name);
    if (!existing || !isScheduledTask(existing)) {
      throw new ApiError('SCHEDULE_NOT_FOUND', `no scheduled task named ${name}`);
    }
    const actor = actorOf(req);
    const changed = await deps.schedules.change(name, { cron, enabled }, actor, auditOf(req));
    if (!changed) throw new ApiError('SCHEDULE_NOT_FOUND', `no scheduled task named ${name}`);
    deps.logger.info({ task: name, cron: changed.cron, enabled: changed.enabled, actor }, 'task schedule changed');
    res.json(scheduleJson(changed));
  });

  return router;
}
