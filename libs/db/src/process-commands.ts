import type { DataSource } from 'typeorm';
import type { State, StepRequest } from '@orchestrator/engine';
import type { Audit } from './audit/audit';
import { recordCallbackProgress } from './callbacks/callback-progress';
import type { AwaitedCallback, CallbackTarget } from './callbacks/awaited-callback';
import { abortProcess } from './process-writes/abort-process';
import { answerInput, type InputAnswer } from './process-writes/answer-input';
import { deleteTask } from './process-writes/delete-task';
import { deliverCallback } from './process-writes/deliver-callback';
import { migrateProcess, type ProcessMigration } from './process-writes/migrate-process';
import { resumeAllTasks } from './process-writes/resume-all-tasks';
import { resumeProcess } from './process-writes/resume-process';
import { setProcessNote } from './process-writes/set-note';
import { startLockingProcess, type LockingStartInput } from './process-writes/start-locking-process';
import { startProcess, type StartProcessInput } from './process-writes/start-process';

/**
 * The writes the API makes to processes, bound to one DataSource. Each delegates to its operation in
 * process-writes/, where every statement that writes a process lives, and takes the `audit` its change
 * carries (null: the scheduler's and tests' own writes, which no user asked for).
 */
export class ProcessCommands {
  constructor(private readonly dataSource: DataSource) {}

  /** A workflow no subscription gate guards. */
  start(input: StartProcessInput, audit: Audit | null) {
    return startProcess(this.dataSource, input, audit);
  }

  /** A workflow built by a locking subscription wrapper: gates and lock in the start transaction. */
  startLocking(input: LockingStartInput, audit: Audit | null) {
    return startLockingProcess(this.dataSource, input, audit);
  }

  resume(processId: string, actor: string, expectedVersion: number | null, audit: Audit | null) {
    return resumeProcess(this.dataSource, processId, actor, expectedVersion, audit);
  }

  resumeAllTasks(
    actor: string,
    schedule: (requests: StepRequest[]) => Promise<void>,
    options: Parameters<typeof resumeAllTasks>[3],
  ) {
    return resumeAllTasks(this.dataSource, actor, schedule, options);
  }

  /** Re-pins a process to another workflow version at another step (ENGINE.md 14.3). */
  migrate(migration: ProcessMigration, audit: Audit | null) {
    return migrateProcess(this.dataSource, migration, audit);
  }

  abort(processId: string, actor: string, audit: Audit | null) {
    return abortProcess(this.dataSource, processId, actor, audit);
  }

  answerInput(answer: InputAnswer, audit: Audit | null) {
    return answerInput(this.dataSource, answer, audit);
  }

  deliverCallback(
    target: CallbackTarget,
    actor: string,
    accept: (callback: AwaitedCallback) => { stepName: string; state: State },
  ) {
    return deliverCallback(this.dataSource, target, actor, accept);
  }

  /** Not a process write: the progress lives on the callback's token. */
  recordCallbackProgress(target: CallbackTarget, progress: unknown) {
    return recordCallbackProgress(this.dataSource, target, progress);
  }

  setNote(processId: string, note: string | null, audit: Audit | null) {
    return setProcessNote(this.dataSource, processId, note, audit);
  }

  deleteTask(processId: string, audit: Audit | null) {
    return deleteTask(this.dataSource, processId, audit);
  }
}
