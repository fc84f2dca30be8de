import { ConfigError } from '@orchestrator/config';
import { TaskScheduleStore, type ConfiguredSchedule } from '@orchestrator/db';
import type { WorkflowRegistry } from '@orchestrator/engine';
import { checkCron } from '@orchestrator/queue';
import { defaultTaskSchedules } from '@orchestrator/workflows';
import type { Booted } from './boot';

/**
 * The schedules the configuration asks for: the built-in defaults of the tasks registered here, overridden
 * by TASK_SCHEDULES (`name=cron`, or `name=off`). Refuses, in one line, a name that is no registered task
 * and a pattern that is no cron.
 */
export function configuredTaskSchedules(
  registry: WorkflowRegistry,
  overrides: Readonly<Record<string, string>>,
): ConfiguredSchedule[] {
  for (const [name, pattern] of Object.entries(overrides)) {
    if (!registry.get(name)?.isTask) {
      throw new ConfigError(`invalid configuration: TASK_SCHEDULES names ${name}, which is not a registered task`);
    }
    const check = pattern === 'off' ? { kind: 'valid' as const } : checkCron(pattern);
    if (check.kind === 'invalid') {
      throw new ConfigError(`invalid configuration: TASK_SCHEDULES: ${check.message} (for ${name})`);
    }
  }
  const names = new Set([
    ...Object.keys(defaultTaskSchedules).filter((name) => registry.get(name)),
    ...Object.keys(overrides),
  ]);
  return [...names].map((taskName) => {
    const override = overrides[taskName];
    const fallback = defaultTaskSchedules[taskName] ?? null;
    if (override === 'off') return { taskName, cron: fallback, enabled: false };
    return { taskName, cron: override ?? fallback, enabled: true };
  });
}

/**
 * Writes the configured schedules to PostgreSQL, which holds them from then on: rows nobody changed through
 * the API follow the configuration of the latest process to start; rows changed through PUT
 * /api/schedules/{name} keep the change. API and workers both call it at start-up.
 */
export async function applyTaskScheduleConfiguration(booted: Booted): Promise<void> {
  const configured = configuredTaskSchedules(booted.registry, booted.config.taskSchedules);
  const tasks = booted.registry
    .all()
    .filter((workflow) => workflow.isTask)
    .map((workflow) => workflow.name);
  await new TaskScheduleStore(booted.dataSource).applyConfiguration(configured, tasks);
}
