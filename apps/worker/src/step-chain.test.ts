import type { StepRequest, StepScheduler } from '@orchestrator/engine';
import { CHAIN_TIME_BUDGET_MS, StepChain } from './step-chain';

const PROCESS = '0b9e8a52-2f0c-4c61-9a57-3f1d1b8f2a10';
const OTHER = '5d0a4a6e-8c53-4c53-8f7e-6f5a0e0f9b21';

function setUp(options: { maxSteps?: number; stopping?: () => boolean; now?: () => number } = {}) {
  const queued: { request: StepRequest; delayMs: number }[] = [];
  const queue: StepScheduler = { schedule: async (request, delayMs) => void queued.push({ request, delayMs }) };
  const chain = new StepChain(queue, PROCESS, options.maxSteps ?? 100, options.stopping ?? (() => false), options.now);
  return { chain, queued };
}

describe('StepChain', () => {
  it("keeps its own process's next step when it is due at once, and queues nothing", async () => {
    const { chain, queued } = setUp();
    await chain.scheduler.schedule({ processId: PROCESS, version: 2 }, 0);
    expect(queued).toEqual([]);
    expect(await chain.next()).toEqual({ processId: PROCESS, version: 2 });
    expect(await chain.next()).toBeUndefined();
  });

  it('queues a delayed step, another process, and a second request of the same step', async () => {
    const { chain, queued } = setUp();
    await chain.scheduler.schedule({ processId: PROCESS, version: 2 }, 500);
    await chain.scheduler.schedule({ processId: OTHER, version: 4 }, 0);
    await chain.scheduler.schedule({ processId: PROCESS, version: 2 }, 0);
    await chain.scheduler.schedule({ processId: PROCESS, version: 3 }, 0);
    expect(queued).toEqual([
      { request: { processId: PROCESS, version: 2 }, delayMs: 500 },
      { request: { processId: OTHER, version: 4 }, delayMs: 0 },
      { request: { processId: PROCESS, version: 3 }, delayMs: 0 },
    ]);
    expect(await chain.next()).toEqual({ processId: PROCESS, version: 2 });
  });

  it('runs at most maxSteps steps, the first included, then queues the next', async () => {
    const { chain, queued } = setUp({ maxSteps: 3 });
    for (const version of [1, 2]) {
      await chain.scheduler.schedule({ processId: PROCESS, version }, 0);
      expect(await chain.next()).toEqual({ processId: PROCESS, version });
    }
    await chain.scheduler.schedule({ processId: PROCESS, version: 3 }, 0);
    expect(await chain.next()).toBeUndefined();
    expect(queued).toEqual([{ request: { processId: PROCESS, version: 3 }, delayMs: 0 }]);
  });

  it('with maxSteps 1, every step goes to the queue', async () => {
    const { chain, queued } = setUp({ maxSteps: 1 });
    await chain.scheduler.schedule({ processId: PROCESS, version: 1 }, 0);
    expect(await chain.next()).toBeUndefined();
    expect(queued).toHaveLength(1);
  });

  it('queues the next step once the chain has run for its time budget', async () => {
    let now = 1_000;
    const { chain, queued } = setUp({ now: () => now });
    await chain.scheduler.schedule({ processId: PROCESS, version: 1 }, 0);
    expect(await chain.next()).toEqual({ processId: PROCESS, version: 1 });
    now += CHAIN_TIME_BUDGET_MS;
    await chain.scheduler.schedule({ processId: PROCESS, version: 2 }, 0);
    expect(queued).toEqual([{ request: { processId: PROCESS, version: 2 }, delayMs: 0 }]);
  });

  it('enqueues a held step instead of running it when the worker began to stop after the commit', async () => {
    let stopping = false;
    const { chain, queued } = setUp({ stopping: () => stopping });
    await chain.scheduler.schedule({ processId: PROCESS, version: 1 }, 0);
    stopping = true;
    expect(await chain.next()).toBeUndefined();
    expect(queued).toEqual([{ request: { processId: PROCESS, version: 1 }, delayMs: 0 }]);
    await chain.scheduler.schedule({ processId: PROCESS, version: 2 }, 0);
    expect(queued).toHaveLength(2);
  });

  it('hands back the step it holds, or else the one that could not run', async () => {
    const { chain, queued } = setUp();
    await chain.handBack({ processId: PROCESS, version: 1 });
    await chain.scheduler.schedule({ processId: PROCESS, version: 3 }, 0);
    expect(chain.holdsContinuation).toBe(true);
    await chain.handBack({ processId: PROCESS, version: 2 });
    expect(chain.holdsContinuation).toBe(false);
    expect(queued.map((entry) => entry.request.version)).toEqual([1, 3]);
    expect(await chain.next()).toBeUndefined();
  });
});
