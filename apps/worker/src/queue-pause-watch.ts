import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { pausedQueueNames } from '@orchestrator/queue';
import type { Chore } from './upkeep-loop';

/**
 * A queue paused in Redis behind the engine's back (Bull Board, `redis-cli`) stalls every process while the
 * engine says RUNNING. PostgreSQL holds the pause (ENGINE.md 9) and Redis only mirrors it, as it mirrors the
 * schedules: the worker logs what it found and resumes the queue. Pausing is done with PUT
 * /api/settings/status, which holds starts too and survives a Redis restart.
 */
export function queuePauseWatch(queues: readonly Queue[], logger: Logger): Chore {
  return {
    name: 'queue-pause-watch',
    async run() {
      const paused = new Set(await pausedQueueNames(queues));
      for (const queue of queues) {
        if (!paused.has(queue.name)) continue;
        logger.warn(
          { queue: queue.name },
          'queue paused in Redis outside the engine: resuming it (pause the engine with PUT /api/settings/status)',
        );
        await queue.resume();
      }
    },
  };
}
