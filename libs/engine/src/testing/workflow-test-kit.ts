import { OrchestratorError } from '../errors';
import { executeStep, type StepExecutorDeps } from '../execute-step';
import { acceptCallback, answerInputForm, callbackStepAt, inputStepAt } from '../interaction';
import { silentLogger, type EngineLogger } from '../logger';
import { ProductRegistry, type ProductDefinition } from '../products';
import { WorkflowRegistry } from '../registry';
import type { State } from '../state';
import { FINAL_STATUSES, RESUMABLE_STATUSES, type ProcessStatus, type StepStatus } from '../statuses';
import type { StepContext } from '../step-types';
import type { CreateSubscriptionInput, Subscription } from '../subscriptions';
import type { WorkflowDefinition } from '../workflow';
import { InMemorySubscriptions } from './in-memory-subscriptions';
import { InMemoryStepStore, type StoredStepRow } from './in-memory-step-store';
import { RecordingStepScheduler, type ScheduledStep } from './recording-step-scheduler';
import { fakeTransaction } from './fake-transaction';
import { checkedStart } from './test-kit-start';

export interface WorkflowTestKitOptions {
  readonly workflows: Iterable<WorkflowDefinition>;
  /** The products `ctx.subscriptions` validates against (those of the workflows' module). */
  readonly products?: Iterable<ProductDefinition>;
  /** `ctx.tx` of every step; by default one that throws on use, naming the member (see fakeTransaction). */
  readonly tx?: StepContext['tx'];
  /** Who starts and answers, unless a call says otherwise; default `SYSTEM`. */
  readonly actor?: string;
  readonly logger?: EngineLogger;
  readonly now?: () => Date;
  /** Executions per call before the kit gives up (a workflow looping forever); default 1000. */
  readonly maxExecutions?: number;
}

/** One process of the kit: its status, state and log read live, and what an operator or a system does to it. */
export interface TestProcess {
  readonly id: string;
  readonly workflowName: string;
  readonly status: ProcessStatus;
  readonly state: State;
  readonly failedReason: string | null;
  /** When a retryStep's next attempt is due (status `waiting`); `advance()` runs it now. */
  readonly nextRetryAt: Date | null;
  /** The logged steps, oldest first. */
  readonly steps: StoredStepRow[];
  /** `[name, status]` of each logged step, the easiest thing to compare. */
  readonly log: [string, StepStatus][];
  /** The URL a callback step handed out (awaiting_callback), else null. */
  readonly callbackUrl: string | null;
  /** The subscriptions linked to the process, as they are now. */
  readonly subscriptions: Subscription[];
  /** Answers the form it is suspended at (validated; VALIDATION_FAILED otherwise), or resumes a failed or waiting process. */
  resume(answer?: unknown): Promise<TestProcess>;
  /** Delivers the callback it awaits: the body lands at the step's resultKey. */
  callback(body: unknown): Promise<TestProcess>;
  /** Runs the retries it waits for now, instead of after their backoff (`times` rounds). */
  advance(times?: number): Promise<TestProcess>;
  abort(): Promise<TestProcess>;
}

export interface WorkflowTestKit {
  /** Validates the input as the API does, then runs the process until it stops (completed, suspended, waiting...). */
  start(workflowName: string, input?: unknown, options?: { actor?: string }): Promise<TestProcess>;
  process(processId: string): TestProcess;
  /** An existing subscription, in sync and `active` unless told: the starting point of a modify or terminate test. */
  seedSubscription(input: CreateSubscriptionInput & { insync?: boolean }): Promise<Subscription>;
  /** The subscriptions in memory: `find(id)`, `all()`, `inTransaction(processId, work)`. */
  readonly subscriptions: InMemorySubscriptions;
  readonly store: InMemoryStepStore;
}

/**
 * Runs workflows in memory with the real executeStep: the step store, the scheduler and `ctx.subscriptions`
 * (with the products' validation and the subscription locks) are in memory, a step's subscription changes
 * kept only when it commits. No database, no queue: a test of a whole workflow takes milliseconds.
 */
export function createWorkflowTestKit(options: WorkflowTestKitOptions): WorkflowTestKit {
  const workflows = new WorkflowRegistry(options.workflows);
  const products = new ProductRegistry(options.products ?? []);
  products.catalog();
  const defaultActor = options.actor ?? 'SYSTEM';
  const now = options.now ?? (() => new Date());
  const tx = options.tx ?? fakeTransaction();
  // Whether a process is still open: releaseLocks hands a subscription's lock to an open process linked to it.
  const isOpen = (processId: string): boolean => {
    try {
      return !FINAL_STATUSES.includes(store.process(processId).status);
    } catch {
      return false;
    }
  };
  const subscriptions = new InMemorySubscriptions(products, { isOpen, now });
  const store = new InMemoryStepStore({
    resources: (process) => {
      const transaction = subscriptions.begin(process.processId);
      return { tx, subscriptions: transaction.service, commit: transaction.commit, rollback: transaction.rollback };
    },
  });
  const scheduler = new RecordingStepScheduler();
  let tokens = 0;
  const deps: StepExecutorDeps = {
    store,
    scheduler,
    registry: workflows,
    products,
    logger: options.logger ?? silentLogger,
    now,
    random: () => 0.5,
    publicUrl: 'http://orchestrator.test',
    newCallbackToken: () => `test-token-${++tokens}`,
  };
  const held: ScheduledStep[] = [];
  const limit = options.maxExecutions ?? 1000;
  let processes = 0;

  /** Executes what is due now; a delayed request (a retry's backoff) waits for `advance`. */
  async function settle(due: ScheduledStep[] = []): Promise<void> {
    let executions = 0;
    const queue = [...due];
    for (;;) {
      for (let next = scheduler.takeNext(); next; next = scheduler.takeNext()) {
        if (next.delayMs > 0) held.push(next);
        else queue.push(next);
      }
      const next = queue.shift();
      if (!next) return;
      if (++executions > limit) throw new Error(`still executing steps after ${limit} executions: a loop?`);
      await executeStep(next.request, deps);
    }
  }

  function handle(id: string): TestProcess {
    const stored = () => store.process(id);
    const workflow = () => workflows.get(stored().workflowName);
    const reschedule = async () => {
      await scheduler.schedule({ processId: id, version: stored().version }, 0);
      await settle();
      return process;
    };
    const requireStatus = (allowed: readonly ProcessStatus[], what: string) => {
      const { status } = stored();
      if (!allowed.includes(status)) {
        throw new OrchestratorError('INVALID_PROCESS_STATUS', `cannot ${what} a process that is ${status}`);
      }
    };
    const row = (name: string, status: StepStatus) => ({
      name,
      status,
      error: null,
      createdBy: defaultActor,
      startedAt: now(),
      completedAt: now(),
    });
    const process: TestProcess = {
      id,
      get workflowName() {
        return stored().workflowName;
      },
      get status() {
        return stored().status;
      },
      get state() {
        return stored().state;
      },
      get failedReason() {
        return stored().failedReason;
      },
      get nextRetryAt() {
        return stored().nextRetryAt;
      },
      get steps() {
        return store.rowsOf(id);
      },
      get log() {
        return store.rowsOf(id).map((r): [string, StepStatus] => [r.name, r.status]);
      },
      get callbackUrl() {
        const { status, callback } = stored();
        return status === 'awaiting_callback' && callback
          ? `${deps.publicUrl}/api/processes/${id}/callback/${callback.token}`
          : null;
      },
      get subscriptions() {
        return subscriptions.linkedTo(id).flatMap((sid) => subscriptions.find(sid) ?? []);
      },
      async resume(answer) {
        const current = stored();
        const input = inputStepAt(workflow(), current.stepIndex);
        if (current.status !== 'suspended' || !input) {
          requireStatus(RESUMABLE_STATUSES, 'resume');
          store.bumpVersion(id, { status: 'resumed', failedAttempts: 0, nextRetryAt: null });
          return reschedule();
        }
        const answered = await answerInputForm(input, current.state, answer ?? {}, {
          subscriptions: subscriptions.reader(),
          actor: defaultActor,
          workflowName: current.workflowName,
        });
        if (answered.kind === 'incomplete') {
          throw new OrchestratorError('FORM_NOT_COMPLETE', `page ${answered.page} of the form is not answered`, [
            { page: answered.page, form: answered.form },
          ]);
        }
        if (answered.kind === 'invalid') {
          const lines = answered.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
          throw new OrchestratorError('VALIDATION_FAILED', `invalid answer: ${lines.join('; ')}`, answered.issues);
        }
        store.recordOutsideStep(
          id,
          { status: 'resumed', stepIndex: current.stepIndex + 1, state: answered.state, lastStep: input.name },
          [row(input.name, 'success')],
        );
        return reschedule();
      },
      async callback(body) {
        requireStatus(['awaiting_callback'], 'deliver a callback to');
        const current = stored();
        const definition = callbackStepAt(workflow(), current.stepIndex);
        if (!definition) throw new Error(`process ${id} awaits a callback at no callback step`);
        store.recordOutsideStep(
          id,
          {
            status: 'running',
            stepIndex: current.stepIndex + 1,
            state: acceptCallback(definition, current.state, body),
            lastStep: definition.name,
            callback: null,
          },
          [row(definition.name, 'success')],
        );
        return reschedule();
      },
      async advance(times = 1) {
        for (let round = 0; round < times; round += 1) {
          const due = held.filter((h) => h.request.processId === id);
          if (due.length === 0) break;
          held.splice(0, held.length, ...held.filter((h) => !due.includes(h)));
          await settle(due);
        }
        return process;
      },
      async abort() {
        if (FINAL_STATUSES.includes(stored().status)) requireStatus([], 'abort');
        store.recordOutsideStep(id, { status: 'aborted', lastStep: 'User Aborted', nextRetryAt: null }, [
          row('User Aborted', 'abort'),
        ]);
        return process;
      },
    };
    return process;
  }

  return {
    store,
    subscriptions,
    process: (processId) => {
      store.process(processId);
      return handle(processId);
    },
    async start(workflowName, input = {}, startOptions = {}) {
      const workflow = workflows.get(workflowName);
      if (!workflow) throw new OrchestratorError('WORKFLOW_NOT_FOUND', `no workflow "${workflowName}" in this kit`);
      processes += 1;
      const processId = `00000000-0000-4000-8000-${String(processes).padStart(12, '0')}`;
      const actor = startOptions.actor ?? defaultActor;
      const state = await checkedStart(workflow, input, { workflows, products, subscriptions, actor, processId });
      store.seedProcess({ processId, workflowName, state, actor, isTask: workflow.isTask });
      await scheduler.schedule({ processId, version: 0 }, 0);
      await settle();
      return handle(processId);
    },
    async seedSubscription({ insync = true, status = 'active', ...input }) {
      const created = await subscriptions.inTransaction('seed', async (s) => {
        const subscription = await s.create({ ...input, status });
        if (insync) await s.releaseLocks();
        return subscription;
      });
      return subscriptions.find(created.id)!;
    },
  };
}
