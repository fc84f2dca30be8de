import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { requiresInsync, startRefusal } from '@orchestrator/domain';
import { isUuid, type WorkflowDefinition } from '@orchestrator/engine';
import type { StartedProcess, StartProcessInput } from '../process-commands';
import { processOfIdempotencyKey, type Queryable } from '../idempotency-keys';
import { ACTIVE_DEPENDENTS_SQL } from './subscription-dependents';
import { SUBSCRIPTION_COLUMNS, SUBSCRIPTION_FROM, toSubscription, type SubscriptionDbRow } from './subscription-json';

/** Why a subscription workflow did not start; `code` is the API's error code. Nothing was written. */
export interface SubscriptionStartRefusal {
  readonly kind: 'refused';
  readonly code:
    | 'SUBSCRIPTION_NOT_FOUND'
    | 'SUBSCRIPTION_LIFECYCLE'
    | 'SUBSCRIPTION_NOT_IN_SYNC'
    | 'STALE_DATA'
    | 'WORKFLOW_NOT_ALLOWED'
    | 'START_PREDICATE_FAILED'
    | 'CONCURRENT_CHANGE';
  readonly message: string;
}

export interface SubscriptionStartInput extends StartProcessInput {
  readonly workflow: WorkflowDefinition;
  readonly subscriptionId: string;
  /** The `version` the client sent, if any. */
  readonly inputVersion?: number;
}

const INSERT_PROCESS_SQL = `
  WITH inserted AS (
    INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, created_by, actor,
                           started_at, last_modified_at)
    SELECT $1, w.workflow_id, w.name, w.is_task, 'created', $3::jsonb, $4, $4,
           date_trunc('milliseconds', clock_timestamp()), clock_timestamp()
      FROM workflows w WHERE w.name = $2
    RETURNING process_id
  ), initial_input AS (
    INSERT INTO input_states (process_id, input_type, state, created_by)
    SELECT process_id, 'initial_state', $3::jsonb, $4 FROM inserted
  )
  SELECT process_id FROM inserted`;

const ALLOWED_WORKFLOWS_SQL = `
  SELECT w.name FROM product_workflows pw JOIN workflows w USING (workflow_id)
   WHERE pw.product_id = $1 AND w.deleted_at IS NULL`;

/** Serialization failures, deadlocks and unique violations of a start are a 409, never a 500 (ENGINE.md 9). */
const CONFLICT_SQLSTATES = new Set(['40001', '40P01', '23505']);

/**
 * The start of a workflow built by a locking subscription wrapper (ENGINE.md 8.2), in ONE transaction: claim
 * the idempotency key, lock the subscription row, check the gates, write the process, link the subscription
 * and take it out of sync. A refusal rolls everything back.
 *
 * A start predicate is user code (it may call other systems), so it runs before that transaction, on the
 * subscription as read then (after the gates, whose refusal comes first): a slow predicate never holds the
 * row lock. The transaction then insists on the version the predicate judged; a subscription changed
 * meanwhile is a 409 CONCURRENT_CHANGE.
 */
export class SubscriptionStarts {
  constructor(private readonly dataSource: DataSource) {}

  async start(input: SubscriptionStartInput): Promise<StartedProcess | SubscriptionStartRefusal> {
    if (!isUuid(input.subscriptionId)) return notFound(input.subscriptionId);
    let judgedVersion: number | undefined;
    const predicate = input.workflow.startPredicate;
    if (predicate) {
      // A repeated Idempotency-Key answers with the original process, whatever the predicate says now.
      const original =
        input.idempotencyKey === undefined
          ? null
          : await processOfIdempotencyKey(this.dataSource, input.idempotencyKey);
      if (original) return { processId: original, version: 0, created: false };
      const row = await this.read(this.dataSource, input.subscriptionId, false);
      if (!row) return notFound(input.subscriptionId);
      const refusal = await gateRefusal(this.dataSource, row, input);
      if (refusal) return refusal;
      const verdict = await predicate(input.state, { user: input.user, subscription: toSubscription(row) });
      if (verdict !== true) return predicateRefusal(input.workflow.name, verdict);
      judgedVersion = row.version;
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const outcome = await this.startIn(runner, input, judgedVersion);
      if ('kind' in outcome || !outcome.created) await runner.rollbackTransaction();
      else await runner.commitTransaction();
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (code && CONFLICT_SQLSTATES.has(code)) {
        return {
          kind: 'refused',
          code: 'CONCURRENT_CHANGE',
          message: `subscription ${input.subscriptionId} was changed concurrently; try again`,
        };
      }
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async read(db: Queryable, id: string, lock: boolean): Promise<SubscriptionDbRow | undefined> {
    const rows = (await db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM ${SUBSCRIPTION_FROM} WHERE s.subscription_id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
      [id],
    )) as SubscriptionDbRow[];
    return rows[0];
  }

  private async startIn(
    runner: QueryRunner,
    input: SubscriptionStartInput,
    judgedVersion: number | undefined,
  ): Promise<StartedProcess | SubscriptionStartRefusal> {
    const processId = randomUUID();
    const key = input.idempotencyKey;
    if (key !== undefined) {
      // A concurrent start with the same key waits here until the first one commits or rolls back.
      const claimed = (await runner.query(
        `INSERT INTO idempotency_keys (key, process_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, processId],
      )) as unknown[];
      if (claimed.length === 0) {
        const existing = await processOfIdempotencyKey(runner, key);
        if (!existing) throw new Error(`idempotency key "${key}" was claimed but has no process`);
        return { processId: existing, version: 0, created: false };
      }
    }

    const row = await this.read(runner, input.subscriptionId, true);
    if (!row) return notFound(input.subscriptionId);
    const refusal = await gateRefusal(runner, row, input);
    if (refusal) return refusal;
    if (judgedVersion !== undefined && row.version !== judgedVersion) {
      return {
        kind: 'refused',
        code: 'CONCURRENT_CHANGE',
        message: `subscription ${row.id} changed while the start predicate ran; try again`,
      };
    }

    const inserted = (await runner.query(INSERT_PROCESS_SQL, [
      processId,
      input.workflowName,
      JSON.stringify(input.state),
      input.user,
    ])) as { process_id: string }[];
    if (inserted.length === 0) throw new Error(`workflow "${input.workflowName}" is not in the workflows table`);
    // Zero rows: the subscription is out of sync (ENGINE.md 9); only allowed when insync is not required.
    const [, locked] = (await runner.query(
      `UPDATE subscriptions SET insync = false, version = version + 1 WHERE subscription_id = $1 AND insync`,
      [row.id],
    )) as [unknown, number];
    if (locked === 0 && requiresInsync(input.workflow)) {
      return {
        kind: 'refused',
        code: 'SUBSCRIPTION_NOT_IN_SYNC',
        message: `subscription ${row.id} is not in sync: another process holds it`,
      };
    }
    await runner.query(`INSERT INTO process_subscriptions (process_id, subscription_id, locked) VALUES ($1, $2, $3)`, [
      processId,
      row.id,
      locked > 0,
    ]);
    return { processId, version: 0, created: true };
  }
}

/** The gates of ENGINE.md 5 on this subscription row, or null when the workflow may start on it. */
async function gateRefusal(
  db: Queryable,
  row: SubscriptionDbRow,
  input: SubscriptionStartInput,
): Promise<SubscriptionStartRefusal | null> {
  const allowed = (await db.query(ALLOWED_WORKFLOWS_SQL, [row.productId])) as { name: string }[];
  const dependents =
    input.workflow.target === 'TERMINATE'
      ? ((await db.query(ACTIVE_DEPENDENTS_SQL, [row.id])) as { id: string }[])
      : [];
  const refusal = startRefusal({
    workflow: input.workflow,
    subscription: row,
    allowedWorkflows: allowed.map((w) => w.name),
    activeDependents: dependents.map((d) => d.id),
    inputVersion: input.inputVersion,
  });
  return refusal ? { kind: 'refused', ...refusal } : null;
}

function notFound(id: string): SubscriptionStartRefusal {
  return { kind: 'refused', code: 'SUBSCRIPTION_NOT_FOUND', message: `subscription ${id} not found` };
}

/** A start predicate refused: `false`, or a string giving the reason. */
export function predicateRefusal(workflowName: string, verdict: boolean | string): SubscriptionStartRefusal {
  const reason = typeof verdict === 'string' && verdict.trim() !== '' ? `: ${verdict}` : '';
  return {
    kind: 'refused',
    code: 'START_PREDICATE_FAILED',
    message: `the start predicate of workflow ${workflowName} refused the start${reason}`,
  };
}
