import { Router } from 'express';
import type { TaskScheduleRow } from '@orchestrator/db';
import { checkCron, nextFire } from '@orchestrator/queue';
import type { AppDeps } from '../app';
import { ApiError } from '../api-error';
import { bodyOf, reply } from '../openapi/operation';
import { changeSchedule, listSchedules } from './schedules-operations';
import { actorOf, auditOf } from '../security/request-auth';

export type ScheduleRoutesDeps = Pick<AppDeps, 'schedules' | 'registry' | 'logger'>;

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
    reply(
      res,
      listSchedules,
      200,
      (await deps.schedules.list()).filter(isScheduledTask).map((row) => scheduleJson(row, now)),
    );
  });

  // role: admin
  router.put('/:name', async (req, res) => {
    const name = String(req.params.name);
    const { cron, enabled } = bodyOf(changeSchedule, req, 'invalid schedule change');
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
    reply(res, changeSchedule, 200, scheduleJson(changed));
  });

  return router;
}
