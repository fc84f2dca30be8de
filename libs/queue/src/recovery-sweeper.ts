import type { EngineLogger } from '@orchestrator/engine';
import { stepJobId, type StepJob } from './step-queue';
import type { JobLiveness } from './job-liveness';

export interface RecoverySweeperDeps {
  intervalMs: number;
  batchSize?: number;
  /** Runnable processes untouched for a while, and waiting ones that are due; paged by process id. */
  findCandidates(afterProcessId: string | null, limit: number): Promise<StepJob[]>;
  inspect(jobs: readonly StepJob[]): Promise<JobLiveness[]>;
  /**
   * Of the jobs found without a live job, those whose process is still at the job's version. The others moved
   * on between the read of the candidates and the look at Redis (their job finished meanwhile): nothing is lost.
   */
  findUnchanged(jobs: readonly StepJob[]): Promise<StepJob[]>;
  removeStalled(job: StepJob): Promise<void>;
  enqueue(job: StepJob): Promise<void>;
  /** True for the one process that sweeps this interval. */
  acquireTurn(): Promise<boolean>;
  logger: EngineLogger;
}

interface LostJob {
  job: StepJob;
  reason: Exclude<JobLiveness, 'queued'>;
}

/**
 * Finds processes that are runnable but have no live job and enqueues them again, so that a crash at
 * any point (before commit, between commit and enqueue, a killed worker, a Redis restart) never leaves
 * a process stuck. It adds no write to the step hot path: it reads PostgreSQL and inspects Redis.
 */
export class RecoverySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly deps: RecoverySweeperDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every candidate; returns how many jobs it re-enqueued. */
  async sweepOnce(): Promise<number> {
    // Each page costs a planned query and a script call whatever its size: large pages keep a turn over a
    // backlog of 100,000 short (about a second rather than two and a half, on a loaded 2-core machine).
    const batchSize = this.deps.batchSize ?? 2000;
    let recovered = 0;
    let after: string | null = null;
    for (;;) {
      const candidates = await this.deps.findCandidates(after, batchSize);
      if (candidates.length === 0) break;
      recovered += await this.recoverLost(await this.lostJobs(candidates));
      if (candidates.length < batchSize) break;
      after = candidates[candidates.length - 1]?.processId ?? null;
    }
    return recovered;
  }

  /** The candidates with no live job whose process has not moved on since it was read. */
  private async lostJobs(candidates: readonly StepJob[]): Promise<LostJob[]> {
    const liveness = await this.deps.inspect(candidates);
    const suspects: LostJob[] = [];
    candidates.forEach((job, index) => {
      const state = liveness[index];
      if (state !== undefined && state !== 'queued') suspects.push({ job, reason: state });
    });
    if (suspects.length === 0) return [];
    const unchanged = new Set((await this.deps.findUnchanged(suspects.map(({ job }) => job))).map(stepJobId));
    return suspects.filter(({ job }) => unchanged.has(stepJobId(job)));
  }

  private async recoverLost(lost: readonly LostJob[]): Promise<number> {
    await Promise.all(
      lost.map(async ({ job, reason }) => {
        if (reason === 'stalled') await this.deps.removeStalled(job);
        await this.deps.enqueue(job);
        this.deps.logger.warn({ processId: job.processId, version: job.version, reason }, 'process re-enqueued');
      }),
    );
    return lost.length;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (await this.deps.acquireTurn()) await this.sweepOnce();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'recovery sweep failed');
    }
  }
}
