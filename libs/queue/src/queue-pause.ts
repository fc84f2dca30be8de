import type { Queue } from 'bullmq';

/**
 * The names of the queues that are paused in Redis. The engine never pauses a BullMQ queue (its pause lives
 * in PostgreSQL, ENGINE.md 4.6), so a paused queue was paused behind its back: Bull Board, `redis-cli`, a
 * script. Its jobs wait while the engine says RUNNING.
 */
export async function pausedQueueNames(queues: readonly Queue[]): Promise<string[]> {
  const paused = await Promise.all(queues.map((queue) => queue.isPaused()));
  return queues.filter((_, index) => paused[index]).map((queue) => queue.name);
}
