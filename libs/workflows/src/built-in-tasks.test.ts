import { builtInProducts, builtInWorkflows, defaultTaskSchedules } from './index';

describe('built-in tasks', () => {
  it('schedules the housekeeping tasks by default, and leaves the validation tasks to TASK_SCHEDULES', () => {
    const tasks = builtInWorkflows.filter((workflow) => workflow.isTask).map((workflow) => workflow.name);
    expect(tasks.sort()).toEqual([
      'task_clean_up_tasks',
      'task_resume_workflows',
      'task_timeout_callbacks',
      'task_validate_products',
      'task_validate_subscriptions',
    ]);
    expect(Object.keys(defaultTaskSchedules).sort()).toEqual([
      'task_clean_up_tasks',
      'task_resume_workflows',
      'task_timeout_callbacks',
    ]);
  });

  it('has the example products node, port and l2vpn, each with create, modify, terminate and validate workflows', () => {
    expect(builtInProducts.map((product) => product.name)).toEqual(['node', 'port', 'l2vpn']);
    const names = new Set(builtInWorkflows.map((workflow) => workflow.name));
    for (const product of builtInProducts) {
      expect(product.workflows.filter((name) => names.has(name))).toEqual(
        ['create', 'modify', 'terminate', 'validate'].map((verb) => `${verb}_${product.name}`),
      );
    }
  });
});
