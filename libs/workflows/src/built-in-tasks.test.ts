import { builtInWorkflows, defaultTaskSchedules } from './index';

describe('built-in tasks', () => {
  it('has a default schedule for every built-in task, and only for tasks', () => {
    const tasks = builtInWorkflows.filter((workflow) => workflow.isTask).map((workflow) => workflow.name);
    expect(Object.keys(defaultTaskSchedules).sort()).toEqual(tasks.sort());
    expect(tasks.sort()).toEqual(['task_clean_up_tasks', 'task_resume_workflows', 'task_timeout_callbacks']);
  });
});
