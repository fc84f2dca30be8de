import type { TestStack } from './test-stack';
import { waitFor } from '@orchestrator/testing';

/** Starts a process through the API and returns its id; anything but a 201 fails with the answer. */
export async function startedProcess(stack: TestStack, workflow: string, body: unknown = {}): Promise<string> {
  const res = await stack.request('POST', `/api/processes/${workflow}`, body);
  if (res.status !== 201 || typeof res.body?.id !== 'string') {
    throw new Error(`starting ${workflow} answered ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.id as string;
}

/** Waits until the process has `status`, and returns its detail. */
export function processWhen(stack: TestStack, id: string, status: string) {
  return waitFor(
    async () => {
      const res = await stack.request('GET', `/api/processes/${id}`);
      return res.body.status === status && res.body;
    },
    { what: `process ${id} to be ${status}` },
  );
}
