import type { OpenedStep, ProcessWrite, StepRowWrite, StepStore } from '../ports';
import type { State } from '../state';
import type { ProcessStatus, StepStatus } from '../statuses';
import type { StepError } from '../step-types';

// The promises every StepStore keeps, as one suite run against each implementation: the in-memory store
// (in-memory-step-store.contract.test.ts) and PostgreSQL (libs/db/src/step-store.contract.int.test.ts), so
// that the fake the engine's tests rely on cannot drift from the real thing. It uses Jest's globals.

/** A process to write as the start does (`created`, version 0 unless told). */
export interface ContractProcess {
  processId: string;
  state?: State;
  actor?: string;
  isTask?: boolean;
}

/** What the suite needs of a store beyond the port: seeding, reading back, and changing things around it. */
export interface StepStoreContractSubject {
  readonly store: StepStore;
  seed(process: ContractProcess): Promise<void>;
  /** The process as stored, or undefined when there is none. */
  read(processId: string): Promise<
    | {
        status: ProcessStatus;
        version: number;
        stepIndex: number;
        state: State;
        lastStep: string | null;
        failedAttempts: number;
        failedReason: string | null;
      }
    | undefined
  >;
  /** Its logged rows, oldest first. */
  rows(
    processId: string,
  ): Promise<{ name: string; status: StepStatus; state: State; error: StepError | null; retries: number }[]>;
  /** Changes the process outside the step protocol and bumps its version, as abort and resume do. */
  bumpVersion(processId: string): Promise<void>;
  setEnginePaused(paused: boolean): Promise<void>;
  /** A write of the step's own through its transaction (what a step does with ctx.tx), named `effect`. */
  stageEffect(opened: OpenedStep, effect: string): Promise<void>;
  /** The effects committed so far. */
  committedEffects(): Promise<string[]>;
}

/** A fresh subject per test, closed after it. */
export type StepStoreContractFactory = () => Promise<StepStoreContractSubject & { close(): Promise<void> }>;

// Process ids are UUIDs, as PostgreSQL's column wants.
const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const AT = new Date('2024-06-01T12:00:00.000Z');

function row(changes: Partial<StepRowWrite> = {}): StepRowWrite {
  return {
    name: 'Work',
    status: 'success',
    state: {},
    error: null,
    createdBy: 'alice',
    startedAt: AT,
    completedAt: AT,
    ...changes,
  };
}

function write(changes: Partial<ProcessWrite> = {}): ProcessWrite {
  return {
    processId: P1,
    expectedVersion: 0,
    status: 'running',
    stepIndex: 1,
    state: { written: true },
    lastStep: 'Work',
    failedAttempts: 0,
    nextRetryAt: null,
    failedReason: null,
    traceback: null,
    rows: [row()],
    assignee: null,
    callback: null,
    foldRepeatedFailure: false,
    ...changes,
  };
}

function failure(expectedVersion: number, message: string, changes: Partial<ProcessWrite> = {}): ProcessWrite {
  const error: StepError = { class: 'Error', message, stack: null };
  return write({
    expectedVersion,
    status: 'failed',
    stepIndex: 0,
    state: { before: true },
    failedAttempts: 1,
    failedReason: message,
    foldRepeatedFailure: true,
    rows: [row({ status: 'failed', error })],
    ...changes,
  });
}

export function describeStepStoreContract(name: string, makeSubject: StepStoreContractFactory): void {
  describe(`${name} keeps the StepStore contract`, () => {
    let subject: StepStoreContractSubject & { close(): Promise<void> };
    beforeEach(async () => {
      subject = await makeSubject();
    });
    afterEach(async () => {
      await subject.close();
    });

    async function open(processId = P1): Promise<OpenedStep> {
      const outcome = await subject.store.openStep(processId);
      if (outcome.kind !== 'opened') throw new Error(`expected an open step, got ${outcome.kind}`);
      return outcome.step;
    }

    it('opens a step on a process and reads it as it was committed', async () => {
      await subject.seed({ processId: P1, state: { n: 1 }, actor: 'alice', isTask: true });
      await subject.setEnginePaused(true);
      const opened = await open();
      expect(opened.process).toEqual({
        processId: P1,
        workflowName: 'contract',
        workflowVersion: null,
        status: 'created',
        version: 0,
        stepIndex: 0,
        state: { n: 1 },
        failedAttempts: 0,
        isTask: true,
        actor: 'alice',
        enginePaused: true,
      });
      await opened.rollback();
    });

    it('answers missing for a process that does not exist', async () => {
      expect(await subject.store.openStep(P2)).toEqual({ kind: 'missing' });
    });

    it('answers busy while another executor holds the process, and opens again once that one rolled back', async () => {
      await subject.seed({ processId: P1 });
      await subject.seed({ processId: P2 });
      const first = await open();
      expect(await subject.store.openStep(P1)).toEqual({ kind: 'busy' });
      const other = await open(P2);
      await other.rollback();
      await first.rollback();
      await (await open()).rollback();
    });

    it('commits a write at the version it expects: version + 1, its rows in order, each with the new state', async () => {
      await subject.seed({ processId: P1 });
      const opened = await open();
      const outcome = await opened.commit(
        write({
          status: 'completed',
          stepIndex: 3,
          lastStep: 'Done',
          rows: [row({ name: 'Work' }), row({ name: 'Done', status: 'complete' })],
        }),
      );
      expect(outcome).toEqual({ kind: 'written', modifiedAt: expect.any(Date) });
      expect(await subject.read(P1)).toMatchObject({ status: 'completed', version: 1, stepIndex: 3, lastStep: 'Done' });
      expect(await subject.rows(P1)).toEqual([
        { name: 'Work', status: 'success', state: { written: true }, error: null, retries: 0 },
        { name: 'Done', status: 'complete', state: { written: true }, error: null, retries: 0 },
      ]);
      await (await open()).rollback();
    });

    it('fences out a write whose process moved on while the step ran: nothing written, nothing logged', async () => {
      await subject.seed({ processId: P1, state: { n: 1 } });
      const opened = await open();
      await subject.bumpVersion(P1);
      expect(await opened.commit(write())).toEqual({ kind: 'fenced' });
      expect(await subject.read(P1)).toMatchObject({ version: 1, state: { n: 1 } });
      expect(await subject.rows(P1)).toEqual([]);
      await (await open()).rollback();
    });

    it("commits the step's own writes with the step", async () => {
      await subject.seed({ processId: P1 });
      const opened = await open();
      await subject.stageEffect(opened, 'kept');
      await opened.commit(write());
      expect(await subject.committedEffects()).toEqual(['kept']);
    });

    it("drops the step's own writes when it is fenced out or rolled back", async () => {
      await subject.seed({ processId: P1 });
      const rolledBack = await open();
      await subject.stageEffect(rolledBack, 'rolled back');
      await rolledBack.rollback();
      const fenced = await open();
      await subject.stageEffect(fenced, 'fenced');
      await subject.bumpVersion(P1);
      expect(await fenced.commit(write())).toEqual({ kind: 'fenced' });
      expect(await subject.committedEffects()).toEqual([]);
    });

    it("undoes the step's own writes when it fails, and records the failure with the state before the step", async () => {
      await subject.seed({ processId: P1, state: { before: true } });
      const opened = await open();
      await subject.stageEffect(opened, 'undone');
      expect(await opened.fail(failure(0, 'device refused'))).toEqual({
        kind: 'written',
        modifiedAt: expect.any(Date),
      });
      expect(await subject.committedEffects()).toEqual([]);
      expect(await subject.read(P1)).toMatchObject({
        status: 'failed',
        version: 1,
        failedAttempts: 1,
        failedReason: 'device refused',
        state: { before: true },
      });
      expect(await subject.rows(P1)).toEqual([
        {
          name: 'Work',
          status: 'failed',
          state: { before: true },
          error: { class: 'Error', message: 'device refused', stack: null },
          retries: 0,
        },
      ]);
      await (await open()).rollback();
    });

    it('folds a failure identical to the latest row into it (retries + 1), and logs any other failure anew', async () => {
      await subject.seed({ processId: P1 });
      await (await open()).fail(failure(0, 'down'));
      await (await open()).fail(failure(1, 'down'));
      await (await open()).fail(failure(2, 'still down'));
      await (await open()).fail(failure(3, 'still down', { foldRepeatedFailure: false }));
      expect((await subject.rows(P1)).map((r) => [r.error?.message, r.retries])).toEqual([
        ['down', 1],
        ['still down', 0],
        ['still down', 0],
      ]);
      expect(await subject.read(P1)).toMatchObject({ version: 4 });
    });

    it('fences out a failure whose process moved on, leaving the process as the other writer left it', async () => {
      await subject.seed({ processId: P1 });
      const opened = await open();
      await subject.bumpVersion(P1);
      expect(await opened.fail(failure(0, 'boom'))).toEqual({ kind: 'fenced' });
      expect(await subject.rows(P1)).toEqual([]);
      expect(await subject.read(P1)).toMatchObject({ status: 'created', version: 1 });
    });

    it('records a failure in a transaction of its own, fenced on the version', async () => {
      await subject.seed({ processId: P1 });
      expect(await subject.store.recordFailure(failure(1, 'late'))).toEqual({ kind: 'fenced' });
      expect(await subject.store.recordFailure(failure(0, 'refused at commit'))).toEqual({
        kind: 'written',
        modifiedAt: expect.any(Date),
      });
      expect(await subject.read(P1)).toMatchObject({ status: 'failed', version: 1, failedReason: 'refused at commit' });
    });

    it('records a plainer failure when the error itself cannot be stored, so that the failure is never lost', async () => {
      await subject.seed({ processId: P1 });
      const unstorable: StepError = {
        class: 'Error',
        message: 'device said no',
        stack: null,
        details: { 'a\u0000b': 1 },
      };
      const opened = await open();
      const outcome = await opened.fail(
        failure(0, 'device said no', { rows: [row({ status: 'failed', error: unstorable })] }),
      );
      expect(outcome).toEqual({ kind: 'written', modifiedAt: expect.any(Date) });
      const [logged] = await subject.rows(P1);
      expect(logged?.error).toMatchObject({ class: 'UnstorableError' });
      expect(await subject.read(P1)).toMatchObject({
        status: 'failed',
        failedReason: expect.stringContaining('its error could not be stored'),
      });
      await (await open()).rollback();
    });
  });
}
