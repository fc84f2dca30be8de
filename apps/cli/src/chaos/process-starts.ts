import type { ChaosStack } from './chaos-stack';

export interface StartOutcome {
  /** Process ids the API answered 201 or 200 for. */
  acknowledged: string[];
  /** Answers other than 201/200, by status ("error" for no answer at all). */
  refused: Record<string, number>;
  /** The indexes of the starts that got no acknowledgement. */
  unanswered: number[];
}

export interface StartSpec {
  scenario: string;
  indexes: number[];
  concurrency: number;
  /** The input of start number i; `scenario` and `seq` are added. */
  input?: (i: number) => Record<string, unknown>;
  /** Sent as Idempotency-Key, so that a start may be sent again after no answer. */
  idempotencyKey?: (i: number) => string;
}

/** Starts chaos_steps processes over HTTP, `concurrency` at a time, as clients do. */
export async function startProcesses(stack: ChaosStack, spec: StartSpec): Promise<StartOutcome> {
  const outcome: StartOutcome = { acknowledged: [], refused: {}, unanswered: [] };
  const queue = [...spec.indexes];
  const lane = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const headers: Record<string, string> = { ...stack.authorization, 'content-type': 'application/json' };
      if (spec.idempotencyKey) headers['idempotency-key'] = spec.idempotencyKey(i);
      const body = JSON.stringify({ ...spec.input?.(i), scenario: spec.scenario, seq: i });
      try {
        const res = await fetch(`${stack.baseUrl}/api/processes/chaos_steps`, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(30000),
        });
        const text = await res.text();
        if (res.status === 201 || res.status === 200)
          outcome.acknowledged.push((JSON.parse(text) as { id: string }).id);
        else {
          outcome.refused[res.status] = (outcome.refused[res.status] ?? 0) + 1;
          outcome.unanswered.push(i);
        }
      } catch {
        outcome.refused.error = (outcome.refused.error ?? 0) + 1;
        outcome.unanswered.push(i);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, lane));
  return outcome;
}

export const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
