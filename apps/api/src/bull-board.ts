import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';

export const ADMIN_QUEUES_PATH = '/admin/queues';

/**
 * Bull Board showing the step queue, read-only: retrying, promoting, cleaning or removing a job would bypass
 * the engine (the process row is the truth). Its buttons are hidden, its API refuses them (405), and the
 * route table refuses every method but GET before Bull Board sees the request.
 */
export function bullBoardRouter(queues: Queue[]): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true, allowRetries: false })),
    serverAdapter,
  });
  return serverAdapter.getRouter() as RequestHandler;
}
