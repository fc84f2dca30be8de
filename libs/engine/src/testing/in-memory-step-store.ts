import type {
  OpenedStep,
  OpenStepOutcome,
  ProcessSnapshot,
  ProcessWrite,
  StepRowWrite,
  StepStore,
  WriteOutcome,
} from '../ports';
import type { State } from '../state';
import { withUnstorableError } from '../unstorable-failure';
import type { ProcessStatus, StepStatus } from '../statuses';
import type { StepContext, StepError } from '../step-types';
import type { SubscriptionService } from '../subscriptions';

/** A process as the fake stores it: the columns of the `processes` row that the step protocol touches. */
export interface StoredProcess {
  readonly processId: string;
  readonly workflowName: string;
  /** The workflow version the process is pinned to (ENGINE.md 14.3); absent: the code's. */
  readonly workflowVersion?: string | null;
  readonly status: ProcessStatus;
  readonly version: number;
  readonly stepIndex: number;
  readonly state: State;
  readonly lastStep: string | null;
  readonly failedAttempts: number;
  readonly nextRetryAt: Date | null;
  readonly failedReason: string | null;
  readonly traceback: string | null;
  readonly isTask: boolean;
  readonly actor: string;
  readonly assignee: string;
  /** The latest callback token issued to this process (kept in plain text here; PostgreSQL keeps a hash). */
  readonly callback: { readonly token: string; readonly timeoutMs: number | null; readonly version: number } | null;
}

/** A logged step, as a `process_steps` row. */
export interface StoredStepRow {
  readonly seq: number;
  readonly processId: string;
  readonly name: string;
  readonly status: StepStatus;
  readonly state: State;
  readonly error: StepError | null;
  readonly createdBy: string;
  readonly startedAt: Date;
  readonly completedAt: Date;
  readonly retries: number;
}

export type ProcessSeed = Pick<StoredProcess, 'processId' | 'workflowName'> &
  Partial<Omit<StoredProcess, 'processId' | 'workflowName'>>;

/** Stands in for the EntityManager a real step transaction hands to `ctx.tx`; it has no database behind it. */
export const IN_MEMORY_TX = Object.freeze({ inMemoryStepStore: true }) as unknown as StepContext['tx'];

/**
 * What a step's transaction holds besides the process row: `ctx.tx` and `ctx.subscriptions` (the test kit's
 * in-memory subscriptions), kept when the step commits and dropped when it fails, is fenced or rolls back.
 */
export interface InMemoryStepResources {
  readonly tx?: StepContext['tx'];
  readonly subscriptions?: SubscriptionService;
  commit(): void;
  rollback(): void;
}

export interface InMemoryStepStoreOptions {
  /** Opens the resources of a step's transaction; without it a step has IN_MEMORY_TX and no subscriptions. */
  readonly resources?: (process: ProcessSnapshot) => InMemoryStepResources;
}

/**
 * The StepStore port in memory, with the semantics of the PostgreSQL store (libs/db/src/step-store.ts), which
 * the step-store contract suite (step-store-contract.ts) holds both to: one executor per process at a time
 * (`busy`), writes fenced on the expected version, version + 1 per write, every row of a write carrying the
 * write's state, identical repeated failures folded into the latest row, a step's own effects committed with it
 * or dropped, and a failure whose error cannot be stored (a NUL character, as jsonb refuses) recorded plainer.
 * State goes through JSON on the way in and out, as it does through a jsonb column, so steps get a copy.
 */
export class InMemoryStepStore implements StepStore {
  /** The engine pause, as read by openStep. */
  enginePaused = false;

  private readonly processes = new Map<string, StoredProcess>();
  private readonly rows: StoredStepRow[] = [];
  private readonly executing = new Set<string>();
  /** Open steps that ran past their timeoutMs: their transaction refuses further effects. */
  private readonly interrupted = new Set<string>();
  /** The `timeoutMs` each open step declared (limitTo), by process. */
  readonly declaredTimeouts = new Map<string, number>();
  /** How many heartbeats each process's steps sent. */
  readonly heartbeats = new Map<string, number>();

  /** @internal Called by the opened step. */
  interrupt(processId: string): void {
    this.interrupted.add(processId);
  }

  /** Effects a step made through its transaction (stageEffect), by process, until it commits or not. */
  private readonly staged = new Map<string, string[]>();
  /** Effects of committed steps, in commit order. */
  readonly committedEffects: string[] = [];
  private nextSeq = 1;
  private commitFailures: unknown[] = [];
  private readonly resources = new Map<string, InMemoryStepResources>();

  constructor(private readonly options: InMemoryStepStoreOptions = {}) {}

  /** Writes a process row as the start transaction would: `created`, version 0, step 0, unless told otherwise. */
  seedProcess(seed: ProcessSeed): StoredProcess {
    const stored: StoredProcess = {
      status: 'created',
      version: 0,
      stepIndex: 0,
      lastStep: null,
      failedAttempts: 0,
      nextRetryAt: null,
      failedReason: null,
      traceback: null,
      isTask: false,
      actor: 'SYSTEM',
      assignee: 'SYSTEM',
      callback: null,
      ...seed,
      state: viaJson(seed.state ?? {}),
    };
    this.processes.set(stored.processId, stored);
    return this.process(stored.processId);
  }

  /** A copy of the stored process; throws when there is none. */
  process(processId: string): StoredProcess {
    const stored = this.processes.get(processId);
    if (!stored) throw new Error(`no process ${processId} in the in-memory step store`);
    return { ...stored, state: viaJson(stored.state) };
  }

  /** Copies of the process's logged steps, oldest first. */
  rowsOf(processId: string): StoredStepRow[] {
    return this.rows.filter((row) => row.processId === processId).map((row) => ({ ...row, state: viaJson(row.state) }));
  }

  /** Changes the process outside the step protocol and bumps its version, as abort and resume do. */
  bumpVersion(processId: string, changes: Partial<Omit<StoredProcess, 'processId' | 'version'>> = {}): StoredProcess {
    const stored = this.process(processId);
    const state = changes.state === undefined ? stored.state : viaJson(changes.state);
    this.processes.set(processId, { ...stored, ...changes, state, version: stored.version + 1 });
    return this.process(processId);
  }

  /** True while a step of this process is open (neither committed nor rolled back). */
  isExecuting(processId: string): boolean {
    return this.executing.has(processId);
  }

  /**
   * An effect of the open step of `processId` made through its transaction (what a step writes with ctx.tx):
   * it lands in `committedEffects` if the step commits, and is gone if it fails, is fenced or rolls back.
   */
  stageEffect(processId: string, effect: string): void {
    if (!this.executing.has(processId)) throw new Error(`no step of ${processId} is open`);
    if (this.interrupted.has(processId)) throw new Error(`the step of ${processId} was interrupted (timed out)`);
    this.staged.set(processId, [...(this.staged.get(processId) ?? []), effect]);
  }

  /** Makes the next commit throw `error` after rolling back, as a refused database commit would. */
  failNextCommit(error: unknown): void {
    this.commitFailures.push(error);
  }

  async openStep(processId: string): Promise<OpenStepOutcome> {
    await Promise.resolve();
    const stored = this.processes.get(processId);
    if (!stored) return { kind: 'missing' };
    if (this.executing.has(processId)) return { kind: 'busy' };
    this.executing.add(processId);
    const snapshot: ProcessSnapshot = {
      processId,
      workflowName: stored.workflowName,
      workflowVersion: stored.workflowVersion ?? null,
      status: stored.status,
      version: stored.version,
      stepIndex: stored.stepIndex,
      state: viaJson(stored.state),
      failedAttempts: stored.failedAttempts,
      isTask: stored.isTask,
      actor: stored.actor,
      enginePaused: this.enginePaused,
    };
    const resources = this.options.resources?.(snapshot);
    if (resources) this.resources.set(processId, resources);
    return { kind: 'opened', step: new InMemoryOpenedStep(snapshot, this, resources) };
  }

  async recordFailure(write: ProcessWrite): Promise<WriteOutcome> {
    await Promise.resolve();
    try {
      return this.applyFailure(write);
    } catch (error) {
      if (!isDataException(error)) throw error;
      return this.applyFailure(withUnstorableError(write, (error as Error).message));
    }
  }

  /** @internal Called by the opened step: applies `write` unless the version moved. */
  commitStep(processId: string, write: ProcessWrite): WriteOutcome {
    const resources = this.resources.get(processId);
    this.resources.delete(processId);
    const effects = this.release(processId);
    try {
      const failure = this.commitFailures.shift();
      if (failure !== undefined) throw failure;
      assertStorable(write);
    } catch (error) {
      resources?.rollback();
      throw error;
    }
    if (!this.updateProcess(write)) {
      resources?.rollback();
      return { kind: 'fenced' };
    }
    this.insertRows(write);
    this.committedEffects.push(...effects);
    resources?.commit();
    return { kind: 'written', modifiedAt: new Date() };
  }

  /** @internal Called by the opened step: ends it, dropping what it staged; returns what it staged. */
  release(processId: string): string[] {
    this.executing.delete(processId);
    // Committed by commitStep before it gets here when the step's write applied; dropped otherwise.
    this.resources.get(processId)?.rollback();
    this.resources.delete(processId);
    const effects = this.staged.get(processId) ?? [];
    this.staged.delete(processId);
    this.interrupted.delete(processId);
    return effects;
  }

  private applyFailure(write: ProcessWrite): WriteOutcome {
    assertStorable(write);
    if (!this.updateProcess(write)) return { kind: 'fenced' };
    const row = write.rows[0];
    if (!(row && write.foldRepeatedFailure && this.foldIntoLatest(write.processId, row))) this.insertRows(write);
    return { kind: 'written', modifiedAt: new Date() };
  }

  /** @internal The open step's effects are undone (a failed step), the step stays open. */
  dropStaged(processId: string): void {
    this.staged.delete(processId);
    this.resources.get(processId)?.rollback();
    this.resources.delete(processId);
  }

  /**
   * A change outside the step protocol that logs rows too, as the API's answer to an input step or a callback
   * does: the changes, version + 1, the rows appended (each with the new state).
   */
  recordOutsideStep(
    processId: string,
    changes: Partial<Omit<StoredProcess, 'processId' | 'version'>>,
    rows: readonly Omit<StepRowWrite, 'state'>[],
  ): StoredProcess {
    const updated = this.bumpVersion(processId, changes);
    this.insertRows({ processId, state: updated.state, rows: rows.map((row) => ({ ...row, state: updated.state })) });
    return updated;
  }

  private updateProcess(write: ProcessWrite): boolean {
    const stored = this.processes.get(write.processId);
    if (!stored || stored.version !== write.expectedVersion) return false;
    this.processes.set(write.processId, {
      ...stored,
      status: write.status,
      version: stored.version + 1,
      stepIndex: write.stepIndex,
      state: viaJson(write.state),
      lastStep: write.lastStep,
      failedAttempts: write.failedAttempts,
      nextRetryAt: write.nextRetryAt,
      failedReason: write.failedReason,
      traceback: write.traceback,
      assignee: write.assignee ?? stored.assignee,
      callback: write.callback ? { ...write.callback, version: stored.version + 1 } : stored.callback,
    });
    return true;
  }

  // Like PostgreSQL: every row of a write carries the write's state, not the row's own.
  private insertRows(write: Pick<ProcessWrite, 'processId' | 'state' | 'rows'>): void {
    for (const row of write.rows) {
      this.rows.push({
        seq: this.nextSeq++,
        processId: write.processId,
        name: row.name,
        status: row.status,
        state: viaJson(write.state),
        error: row.error === null ? null : viaJson(row.error),
        createdBy: row.createdBy,
        startedAt: row.startedAt,
        completedAt: row.completedAt,
        retries: 0,
      });
    }
  }

  // Same step name, status and error message as the latest row (a null message never matches, as in SQL).
  private foldIntoLatest(processId: string, row: ProcessWrite['rows'][number]): boolean {
    let index = -1;
    this.rows.forEach((candidate, i) => {
      if (candidate.processId === processId) index = i;
    });
    const latest = this.rows[index];
    const message = row.error?.message ?? null;
    const latestMessage = latest?.error?.message ?? null;
    if (
      !latest ||
      latest.name !== row.name ||
      latest.status !== row.status ||
      message === null ||
      latestMessage !== message
    ) {
      return false;
    }
    this.rows[index] = {
      ...latest,
      retries: latest.retries + 1,
      completedAt: row.completedAt,
      error: row.error === null ? null : viaJson(row.error),
    };
    return true;
  }
}

class InMemoryOpenedStep implements OpenedStep {
  readonly tx: StepContext['tx'];
  readonly subscriptions?: SubscriptionService;
  private finished = false;

  constructor(
    readonly process: ProcessSnapshot,
    private readonly store: InMemoryStepStore,
    resources?: InMemoryStepResources,
  ) {
    this.tx = resources?.tx ?? IN_MEMORY_TX;
    if (resources?.subscriptions) this.subscriptions = resources.subscriptions;
  }

  async commit(write: ProcessWrite): Promise<WriteOutcome> {
    await Promise.resolve();
    // A released PostgreSQL query runner refuses further queries the same way.
    if (this.finished) throw new Error('the step transaction is already finished');
    this.finished = true;
    return this.store.commitStep(this.process.processId, write);
  }

  async fail(write: ProcessWrite): Promise<WriteOutcome> {
    await Promise.resolve();
    if (this.finished) throw new Error('the step transaction is already finished');
    this.finished = true;
    // Still holding the execution lock while the failure is recorded, as PostgreSQL does; the step's own
    // effects are dropped first (its savepoint rolled back).
    this.store.dropStaged(this.process.processId);
    try {
      const recorded = await this.store.recordFailure(write);
      this.store.release(this.process.processId);
      return recorded;
    } catch (error) {
      this.store.release(this.process.processId);
      throw error;
    }
  }

  async rollback(): Promise<void> {
    await Promise.resolve();
    if (this.finished) return;
    this.finished = true;
    this.store.release(this.process.processId);
  }

  async limitTo(timeoutMs: number): Promise<void> {
    await Promise.resolve();
    this.store.declaredTimeouts.set(this.process.processId, timeoutMs);
  }

  async interrupt(): Promise<void> {
    await Promise.resolve();
    this.store.interrupt(this.process.processId);
  }

  async heartbeat(): Promise<void> {
    await Promise.resolve();
    if (this.finished) throw new Error('the step transaction is already finished');
    const { processId } = this.process;
    this.store.heartbeats.set(processId, (this.store.heartbeats.get(processId) ?? 0) + 1);
  }
}

function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** PostgreSQL's jsonb refuses a NUL character anywhere; the store refuses such a write as a data exception. */
function assertStorable(write: ProcessWrite): void {
  if (holdsNul(write.state) || write.rows.some((row) => holdsNul(row.error))) {
    throw Object.assign(new Error('unsupported Unicode escape sequence: \\u0000 cannot be stored'), {
      code: '22P05',
    });
  }
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item));
}

function isDataException(error: unknown): boolean {
  return String((error as { code?: unknown }).code ?? '').startsWith('22');
}
