/** A step's name as given, refused when empty: it is how operators find the step in the log. */
export function checkedName(name: string): string {
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('a step needs a non-empty name');
  return name;
}
