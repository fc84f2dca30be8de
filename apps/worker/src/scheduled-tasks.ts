import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ConfigError } from '@orchestrator/config';
import { EngineSettings, ProcessCommands } from '@orchestrator/db';
import type { StepScheduler, WorkflowRegistry } from '@orchestrator/engine';
import { TaskSchedules, type TaskScheduleJob } from '@orchestrator/queue';
import { defaultTaskSchedules } from '@orchestrator/workflows';

export interface ScheduledTasksDeps {
  connection: Redis;
  prefix: string;
  overrides: Readonly<Record<string, string>>;
  registry: WorkflowRegistry;
  dataSource: DataSource;
  scheduler: StepScheduler;
  logger: Logger;
}

/**
 * Applies the task schedules (built-in defaults for the tasks registered here, overridden by
 * TASK_SCHEDULES) and starts each scheduled run as a task process, once per run, never while paused.
 */
export async function startScheduledTasks(deps: ScheduledTasksDeps): Promise<{ stop(): Promise<void> }> {
  for (const name of Object.keys(deps.overrides)) {
    if (!deps.registry.get(name)?.isTask) {
      throw new ConfigError(`invalid configuration: TASK_SCHEDULES names ${name}, which is not a registered task`);
    }
  }
  const defaults = Object.fromEntries(Object.entries(defaultTaskSchedules).filter(([name]) => deps.registry.get(name)));
  const schedules = new TaskSchedules({ connection: deps.connection, prefix: deps.prefix, logger: deps.logger });
  try {
    await schedules.apply({ ...defaults, ...deps.overrides });
  } catch (error) {
    await schedules.close();
    throw new ConfigError(`invalid configuration: ${(error as Error).message}`, { cause: error });
  }

  const commands = new ProcessCommands(deps.dataSource);
  const engine = new EngineSettings(deps.dataSource);
  const worker: Worker<TaskScheduleJob> = schedules.startWorker(async (workflowName, runKey) => {
    const workflow = deps.registry.get(workflowName);
    if (!workflow) return;
    if (await engine.isPaused()) {
      deps.logger.info({ task: workflowName }, 'scheduled task skipped: the engine is paused');
      return;
    }
    const state = (workflow.input?.parse({}) ?? {}) as Record<string, unknown>;
    // No audit row: nobody asked for a scheduled run (the schedule itself is the audited change).
    const started = await commands.start(
      { workflowName, state, actor: 'SCHEDULER', idempotencyKey: `schedule:${runKey}` },
      null,
    );
    if (started.kind === 'started') {
      await deps.scheduler.schedule({ processId: started.processId, version: started.version }, 0);
    }
    deps.logger.info({ task: workflowName, processId: started.processId }, 'scheduled task started');
  });
  await worker.waitUntilReady();
  return {
    async stop() {
      await worker.close();
      await schedules.close();
    },
  };
}
