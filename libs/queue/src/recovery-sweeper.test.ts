import { silentLogger } from '@orchestrator/engine';
import type { StepJob } from './step-queue';
import type { JobLiveness } from './job-liveness';
import { RecoverySweeper, type RecoverySweeperDeps } from './recovery-sweeper';

const job = (n: number): StepJob => ({
  processId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  version: n,
});

function fakes(
  candidates: StepJob[],
  liveness: (job: StepJob) => JobLiveness,
  overrides: Partial<RecoverySweeperDeps> = {},
) {
  const calls = { enqueued: [] as StepJob[], removed: [] as StepJob[], pages: [] as (string | null)[] };
  const deps: RecoverySweeperDeps = {
    intervalMs: 20,
    batchSize: 2,
    findCandidates: async (after, limit) => {
      calls.pages.push(after);
      return candidates.filter((c) => after === null || c.processId > after).slice(0, limit);
    },
    inspect: async (jobs) => jobs.map(liveness),
    findUnchanged: async (jobs) => [...jobs],
    removeStalled: async (j) => void calls.removed.push(j),
    enqueue: async (j) => void calls.enqueued.push(j),
    acquireTurn: async () => true,
    logger: silentLogger,
    ...overrides,
  };
  return { deps, calls };
}

describe('RecoverySweeper', () => {
  it('re-enqueues runnable processes whose job is missing, and leaves queued ones alone', async () => {
    const { deps, calls } = fakes([job(1), job(2), job(3)], (j) => (j.version === 2 ? 'queued' : 'missing'));
    expect(await new RecoverySweeper(deps).sweepOnce()).toBe(2);
    expect(calls.enqueued).toEqual([job(1), job(3)]);
    expect(calls.removed).toEqual([]);
  });

  it('removes a stalled job (its worker died) before enqueueing it again', async () => {
    const { deps, calls } = fakes([job(7)], () => 'stalled');
    await new RecoverySweeper(deps).sweepOnce();
    expect(calls.removed).toEqual([job(7)]);
    expect(calls.enqueued).toEqual([job(7)]);
  });

  it('walks every page of candidates by process id', async () => {
    const { deps, calls } = fakes([job(1), job(2), job(3), job(4), job(5)], () => 'missing');
    expect(await new RecoverySweeper(deps).sweepOnce()).toBe(5);
    expect(calls.pages).toEqual([null, job(2).processId, job(4).processId]);
  });

  it('leaves alone a process that moved on between the candidate read and the look at Redis', async () => {
    // job(2)'s step committed meanwhile: its job finished (so it is missing) and the process is at a newer version.
    const { deps, calls } = fakes([job(1), job(2), job(3)], (j) => (j.version === 1 ? 'queued' : 'missing'), {
      findUnchanged: async (jobs) => jobs.filter((j) => j.version !== 2),
    });
    expect(await new RecoverySweeper(deps).sweepOnce()).toBe(1);
    expect(calls.enqueued).toEqual([job(3)]);
  });

  it('asks PostgreSQL again only about the jobs it found without a live job', async () => {
    const asked: StepJob[][] = [];
    const { deps } = fakes([job(1), job(2), job(3)], (j) => (j.version === 2 ? 'stalled' : 'queued'), {
      findUnchanged: async (jobs) => {
        asked.push([...jobs]);
        return [...jobs];
      },
    });
    await new RecoverySweeper(deps).sweepOnce();
    expect(asked).toEqual([[job(2)]]);
  });

  it('sweeps on its interval only when it wins the turn, and survives a failing sweep', async () => {
    let turns = 0;
    let failures = 0;
    const { deps, calls } = fakes([job(1)], () => 'missing', {
      acquireTurn: async () => ++turns % 2 === 0,
      findCandidates: async () => {
        if (failures++ === 0) throw new Error('database restarting');
        return [job(1)];
      },
    });
    jest.useFakeTimers();
    try {
      const sweeper = new RecoverySweeper(deps);
      sweeper.start();
      await jest.advanceTimersByTimeAsync(200);
      await sweeper.stop();
      const turnsAtStop = turns;
      await jest.advanceTimersByTimeAsync(60);
      expect(turns).toBe(turnsAtStop);
    } finally {
      jest.useRealTimers();
    }
    expect(turns).toBeGreaterThanOrEqual(4);
    expect(calls.enqueued.length).toBe(Math.floor(turns / 2) - 1);
  });
});
