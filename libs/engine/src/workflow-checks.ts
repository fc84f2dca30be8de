import { z, type ZodType } from 'zod';
import type { StepDefinition } from './step-types';

// Mistakes in a workflow definition that would otherwise show only when a process runs: found when the
// module defining it loads (start-up), each as one line naming the workflow and the step.

/** Step names identify a step in the log, in a retry and in a migration: one name, one step. */
export function assertUniqueStepNames(workflowName: string, steps: readonly StepDefinition[]): void {
  const seen = new Set<string>();
  for (const definition of steps) {
    if (seen.has(definition.name)) {
      throw new TypeError(
        `workflow "${workflowName}": step "${definition.name}" is used twice; give each step its own name`,
      );
    }
    seen.add(definition.name);
    if (definition.kind === 'group')
      assertUniqueStepNames(`${workflowName}" group "${definition.name}`, definition.steps);
  }
}

/** The start body is a JSON object: an input schema that accepts no object would refuse every start. */
export function assertObjectInput(workflowName: string, input: ZodType): void {
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return; // a schema JSON Schema cannot show is left to the start's validation
  }
  const types = [schema, ...[schema.anyOf, schema.oneOf].flatMap((members) => (Array.isArray(members) ? members : []))]
    .map((member) => (member as { type?: unknown }).type)
    .filter((type) => type !== undefined);
  const notObject = types.find((type) => type !== 'object');
  if (notObject !== undefined) {
    throw new TypeError(
      `workflow "${workflowName}": input must be an object schema such as z.object({...}), not one of type ${JSON.stringify(notObject)}`,
    );
  }
}
