import type { WorkflowDefinition } from './workflow';

/** The workflows this process knows, by name. Duplicate names are a start-up error. */
export class WorkflowRegistry {
  private readonly byName = new Map<string, WorkflowDefinition>();

  constructor(workflows: Iterable<WorkflowDefinition> = []) {
    for (const workflow of workflows) this.add(workflow);
  }

  add(workflow: WorkflowDefinition): void {
    const existing = this.byName.get(workflow.name);
    if (existing && existing !== workflow) throw new Error(`workflow "${workflow.name}" is defined twice`);
    this.byName.set(workflow.name, workflow);
  }

  get(name: string): WorkflowDefinition | undefined {
    return this.byName.get(name);
  }

  all(): WorkflowDefinition[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
