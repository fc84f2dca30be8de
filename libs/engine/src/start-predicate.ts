import type { StepState } from './step-types';
import type { Subscription } from './subscriptions';

/**
 * Decides whether a process may start: `true` allows it; `false`, or a string giving the reason, refuses it.
 * For workflows that lock a subscription it runs in the start transaction and sees the locked subscription.
 */
export type StartPredicate = (
  input: StepState,
  context: { readonly actor: string; readonly subscription: Subscription | null },
) => boolean | string | Promise<boolean | string>;
