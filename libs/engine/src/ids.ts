const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Process ids are UUID strings (ENGINE.md 8.9). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
