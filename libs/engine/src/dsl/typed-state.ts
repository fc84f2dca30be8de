// The state types of the typed builder (workflow()): how the state a step sees follows from the workflow's
// input and what the earlier steps returned. Each rule mirrors what the engine does at run time (ENGINE.md 3):
// a step's return is merged shallowly, a skipped step changes nothing, focused steps work on state[key].

/** Flattens an intersection into one object type, so that editors show `{ device: string; port: number }`. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Object types with a string index signature (an untyped `Record<string, unknown>`), or `any`. */
type IsOpenRecord<T> = 0 extends 1 & T ? true : string extends keyof T ? true : false;

/**
 * The state after merging `Returned` into `State` shallowly: its keys replace the same keys. An untyped
 * return (`Record<string, unknown>`, `any`) keeps the known keys and adds any other key as `unknown`.
 */
export type Merge<State, Returned> =
  IsOpenRecord<Returned> extends true
    ? Simplify<State & { [key: string]: unknown }>
    : Simplify<Omit<State, keyof Returned> & Returned>;

/**
 * The state after steps that may be skipped (a `conditional`, or a step that may return nothing): a key
 * they add is optional, a key they replace has either its old or its new type.
 */
export type AfterSkippable<Before, After> = Simplify<
  { [K in keyof Before]: K extends keyof After ? Before[K] | After[K] : Before[K] } & {
    [K in Exclude<keyof After, keyof Before>]?: After[K];
  }
>;

/** What a step function may return: a partial state, or nothing. */
export type StepOutput = object | void | undefined | null;

type Nothing = void | undefined | null;

/** The state after a step that returned `Returned` (already awaited). */
export type StateAfterStep<State, Returned> = [Exclude<Returned, Nothing>] extends [never]
  ? State
  : [Extract<Returned, Nothing>] extends [never]
    ? Merge<State, Exclude<Returned, Nothing>>
    : AfterSkippable<State, Merge<State, Exclude<Returned, Nothing>>>;

type IsPlainObject<V> = V extends readonly unknown[] ? false : V extends object ? true : false;

/** The keys `focusSteps` accepts: those holding an object (possibly optional) in the state. */
export type FocusableKey<State> = {
  [K in keyof State]-?: IsPlainObject<NonNullable<State[K]>> extends true ? K : never;
}[keyof State] &
  string;

/**
 * What focused steps see as their state: the object at `state[key]`, each of its keys optional when the
 * object itself may be missing (the engine then hands the steps an empty object).
 */
export type FocusedState<Value> = [Extract<Value, Nothing>] extends [never]
  ? NonNullable<Value>
  : Partial<NonNullable<Value>>;

/** The state after focused steps that ended with `Inner`: it sits at `state[key]` (still optional if it was). */
export type AfterFocus<State, Key extends keyof State, Inner> = [Extract<State[Key], Nothing>] extends [never]
  ? Merge<State, { [P in Key]: Inner }>
  : Merge<State, { [P in Key]?: Inner }>;
