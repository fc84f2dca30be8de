import { defineWorkflow, step, WorkflowRegistry } from '@orchestrator/engine';
import { cleanUpTasks, timeoutCallbacks } from '@orchestrator/workflows';
import { configuredTaskSchedules } from './task-schedule-config';

const customTask = defineWorkflow({
  name: 'custom_task',
  target: 'SYSTEM',
  description: 'x',
  isTask: true,
  steps: [step('Work', () => undefined)],
});
const registry = new WorkflowRegistry([cleanUpTasks, timeoutCallbacks, customTask]);

describe('the configured task schedules', () => {
  it('are the defaults of the registered built-in tasks, overridden by TASK_SCHEDULES, off included', () => {
    const configured = configuredTaskSchedules(registry, { task_timeout_callbacks: 'off', custom_task: '*/5 * * * *' });
    expect(configured).toEqual(
      expect.arrayContaining([
        { taskName: 'task_clean_up_tasks', cron: '0 3 * * *', enabled: true },
        { taskName: 'task_timeout_callbacks', cron: '* * * * *', enabled: false },
        { taskName: 'custom_task', cron: '*/5 * * * *', enabled: true },
      ]),
    );
    expect(configured).toHaveLength(3);
  });

  it('turn a task without a default schedule off as no schedule at all', () => {
    expect(configuredTaskSchedules(registry, { custom_task: 'off' })).toContainEqual({
      taskName: 'custom_task',
      cron: null,
      enabled: false,
    });
  });

  it('refuse, in one line, a name that is not a registered task', () => {
    expect(() => configuredTaskSchedules(registry, { no_such_task: '0 3 * * *' })).toThrow(
      'invalid configuration: TASK_SCHEDULES names no_such_task, which is not a registered task',
    );
  });

  it('refuse, in one line, a pattern that is not a cron', () => {
    expect(() => configuredTaskSchedules(registry, { custom_task: '61 * * * *' })).toThrow(
      /^invalid configuration: TASK_SCHEDULES: "61 \* \* \* \*" is not a cron pattern: .* \(for custom_task\)$/,
    );
  });
});
