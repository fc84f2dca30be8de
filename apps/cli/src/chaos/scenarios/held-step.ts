import type { ChaosStack } from '../chaos-stack';
import { sleep } from '../shell';

export interface HeldStep {
  processId: string;
  pid: number;
  host: string;
}

/** Waits until a step announces that it is holding (see chaos-workflows.ts), on `host` if given. */
export async function waitForHeldStep(
  stack: ChaosStack,
  scenario: string,
  timeoutMs: number,
  host?: string,
): Promise<HeldStep | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const announced = (await stack.effects.lrange(`chaos:holding:${scenario}`, 0, -1)).map(
      (text) => JSON.parse(text) as HeldStep,
    );
    const held = announced.find((entry) => host === undefined || entry.host === host);
    if (held) return held;
    await sleep(50);
  }
  return undefined;
}

/** Whether the process has completed, polled until the deadline; answers when, or undefined. */
export async function waitProcessCompleted(stack: ChaosStack, processId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await stack.db.query<{ status: string }>('SELECT status FROM processes WHERE process_id = $1', [
      processId,
    ]);
    if (rows[0]?.status === 'completed') return Date.now();
    await sleep(200);
  }
  return undefined;
}

/** The window ENGINE.md 15.1 gives another worker to take a process over: the lease plus one recovery interval, plus BullMQ's lock time and a margin. */
export const takeoverWindowMs = (leaseMs: number, recoveryIntervalMs: number) =>
  leaseMs + recoveryIntervalMs + Math.max(5000, recoveryIntervalMs) + 3000;
