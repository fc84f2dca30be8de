// Type assertions for type tests: `npm run typecheck` fails when one does not hold.

/** True when A and B are the same type, not merely assignable one way. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `typeOf(value).is<T>(true)` compiles only when the type of `value` is exactly `T`. */
export function typeOf<Actual>(_value: Actual) {
  return { is: <Expected>(_proof: Equal<Actual, Expected>): void => undefined };
}
