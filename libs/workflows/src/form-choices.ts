import { z } from 'zod';

export interface Choice {
  readonly id: string;
  readonly title: string;
}

/**
 * A form field choosing one of `options` by id; its JSON Schema lists each with a title
 * (`anyOf: [{ const: id, title }]`), so that a form shows "ams-core-1 ge-0/0/1" rather than a UUID.
 */
export function choiceOf(options: readonly Choice[], description: string): z.ZodType<string> {
  const [first, ...rest] = options.map((option) => z.literal(option.id).meta({ title: option.title }));
  if (!first) throw new TypeError('choiceOf needs at least one option');
  return (rest.length === 0 ? first : z.union([first, ...rest])).describe(description) as z.ZodType<string>;
}
