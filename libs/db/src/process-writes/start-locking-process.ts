import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { requiresInsync } from '@orchestrator/domain';
import { isUuid, type WorkflowDefinition } from '@orchestrator/engine';
import type { Audit } from '../audit/audit';
import { processOfIdempotencyKey } from '../idempotency-keys';
import type { Queryable } from '../queryable';
import { toSubscription } from '../subscriptions/subscription-json';
import {
  gateRefusal,
  predicateRefusal,
  readGatedSubscription,
  subscriptionNotFoundRefusal,
  type SubscriptionStartRefusal,
} from '../subscriptions/subscription-gates';
import {
  START_PROCESS,
  startOutcome,
  type StartRow,
  startProcessValues,
  type StartOutcome,
  type StartProcessInput,
} from './start-process';

export interface LockingStartInput extends StartProcessInput {
  readonly workflow: WorkflowDefinition;
  readonly subscriptionId: string;
  /** The `version` the client sent, if any. */
  readonly inputVersion?: number;
}

/** Serialization failures, deadlocks and unique violations of a start are a 409, never a 500 (ENGINE.md 9). */
const CONFLICT_SQLSTATES = new Set(['40001', '40P01', '23505']);

/**
 * (start) ── created, for a workflow built by a locking subscription wrapper (ENGINE.md 8.2), in ONE
 * transaction: the start statement (claiming the idempotency key: a concurrent duplicate waits on it), then
 * the subscription's row lock, the gates, insync = false and the link. A refusal rolls everything back, the
 * idempotency key included.
 *
 * A start predicate is user code (it may call other systems), so it runs before that transaction, on the
 * subscription as read then (after the gates, whose refusal comes first): a slow predicate never holds the
 * row lock. The transaction then insists on the version the predicate judged; a subscription changed
 * meanwhile is a 409 CONCURRENT_CHANGE.
 */
export async function startLockingProcess(
  dataSource: DataSource,
  input: LockingStartInput,
  audit: Audit | null,
): Promise<StartOutcome | SubscriptionStartRefusal> {
  if (!isUuid(input.subscriptionId)) return subscriptionNotFoundRefusal(input.subscriptionId);
  let judgedVersion: number | undefined;
  const predicate = input.workflow.startPredicate;
  if (predicate) {
    // A repeated Idempotency-Key answers with the original process, whatever the predicate says now.
    const original =
      input.idempotencyKey === undefined ? null : await processOfIdempotencyKey(dataSource, input.idempotencyKey);
    if (original) return { kind: 'repeated', processId: original };
    const row = await readGatedSubscription(dataSource, input.subscriptionId, false);
    if (!row) return subscriptionNotFoundRefusal(input.subscriptionId);
    const refusal = await gateRefusal(dataSource, row, input);
    if (refusal) return refusal;
    const verdict = await predicate(input.state, { actor: input.actor, subscription: toSubscription(row) });
    if (verdict !== true) return predicateRefusal(input.workflow.name, verdict);
    judgedVersion = row.version;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const outcome = await startIn(runner, input, judgedVersion, audit);
    if (outcome.kind === 'started') await runner.commitTransaction();
    else await runner.rollbackTransaction();
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

/**
 * (start) ── created, by a task (task_validate_subscriptions): the same statements on the caller's
 * transaction, without a start predicate. On a refusal the caller rolls back (to a savepoint), since the
 * process row was inserted first.
 */
export function startLockingProcessIn(
  db: Queryable,
  input: LockingStartInput,
): Promise<StartOutcome | SubscriptionStartRefusal> {
  // No audit row: a task started it, nobody asked for it.
  return startIn(db, input, undefined, null);
}

async function startIn(
  runner: Queryable,
  input: LockingStartInput,
  judgedVersion: number | undefined,
  audit: Audit | null,
): Promise<StartOutcome | SubscriptionStartRefusal> {
  const processId = randomUUID();
  // The audit row comes with the start statement; a refusal below rolls it back with the process.
  const inserted = (await runner.query(
    START_PROCESS.text,
    startProcessValues(processId, input, audit, { subscriptionId: input.subscriptionId }),
  )) as StartRow[];
  const started = await startOutcome(runner, processId, input, inserted[0]);
  if (started.kind === 'repeated') return started;

  const row = await readGatedSubscription(runner, input.subscriptionId, true);
  if (!row) return subscriptionNotFoundRefusal(input.subscriptionId);
  const refusal = await gateRefusal(runner, row, input);
  if (refusal) return refusal;
  if (judgedVersion !== undefined && row.version !== judgedVersion) {
    return {
      kind: 'refused',
      code: 'CONCURRENT_CHANGE',
      message: `subscription ${row.id} changed while the start predicate ran; try again`,
    };
  }
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
  // The subscription as the process found it, before the lock: its "Lock subscription" step and the process
  // detail's subscriptionDeltas show it (ENGINE.md 13.6).
  await runner.query(
    `INSERT INTO process_subscriptions (process_id, subscription_id, locked, before) VALUES ($1, $2, $3, $4::jsonb)`,
    [processId, row.id, locked > 0, JSON.stringify(toSubscription(row))],
  );
  return started;
}
