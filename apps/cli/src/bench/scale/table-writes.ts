import type { Client } from 'pg';
import { waitFor } from '../orchestrator-packages/testing';

export interface TableWrites {
  ins: number;
  upd: number;
  del: number;
}
export type WriteCounts = Record<string, TableWrites>;

export async function readWriteCounts(db: Client): Promise<WriteCounts> {
  const { rows } = await db.query<{ table: string } & TableWrites>(
    `SELECT relname AS table, n_tup_ins::float8 AS ins, n_tup_upd::float8 AS upd, n_tup_del::float8 AS del
       FROM pg_stat_user_tables`,
  );
  return Object.fromEntries(rows.map(({ table, ins, upd, del }) => [table, { ins, upd, del }]));
}

/**
 * The counters once every backend has reported: PostgreSQL publishes a backend's counts at most once a
 * second, and at the latest when it exits. Waits until two reads a second apart agree and `ready` holds.
 */
export async function settledWriteCounts(db: Client, ready: (counts: WriteCounts) => boolean = () => true) {
  let previous = '';
  return waitFor(
    async () => {
      const counts = await readWriteCounts(db);
      const text = JSON.stringify(counts);
      const settled = text === previous && ready(counts);
      previous = text;
      return settled && counts;
    },
    { timeoutMs: 60000, intervalMs: 1000, what: 'table statistics to settle' },
  );
}

export function writeDelta(before: WriteCounts, after: WriteCounts): WriteCounts {
  const delta: WriteCounts = {};
  for (const [table, a] of Object.entries(after)) {
    const b = before[table] ?? { ins: 0, upd: 0, del: 0 };
    const d = { ins: a.ins - b.ins, upd: a.upd - b.upd, del: a.del - b.del };
    if (d.ins || d.upd || d.del) delta[table] = d;
  }
  return delta;
}

const perUnit = (writes: TableWrites, units: number): TableWrites => ({
  ins: Math.round((writes.ins / units) * 100) / 100,
  upd: Math.round((writes.upd / units) * 100) / 100,
  del: Math.round((writes.del / units) * 100) / 100,
});

/** Below this many writes per step transaction, what other tables received does not come from the steps. */
export const PER_STEP_THRESHOLD = 0.01;

/**
 * The status counts' tables: the processes' trigger appends two rows to the first in the transaction of
 * every status change (the old status -1, the new +1), and the workers' upkeep folds them into the second.
 */
export const STATUS_COUNT_TABLES = ['process_status_count_changes', 'process_status_counts'];

/**
 * The writes of a drain per step transaction. Each step transaction updates its process row once, so the
 * processes updates count them. `only_step_writes` holds when the steps wrote nothing but that update and
 * their step rows: no heartbeat, lease or bookkeeping row per step, by the sweeper or anything else. Other
 * tables may still show a constant few dozen rows: each worker's start-up sync of workflows and products.
 * The status counts' rows are listed apart (`status_count_writes`): they come with a status change, not
 * with recovery, and a drain of short processes changes status in most of its transactions.
 */
export function writesPerStep(delta: WriteCounts) {
  const none = { ins: 0, upd: 0, del: 0 };
  const processes = delta.processes ?? none;
  const steps = delta.process_steps ?? none;
  const transactions = processes.upd;
  const statusCounts = Object.entries(delta).filter(([table]) => STATUS_COUNT_TABLES.includes(table));
  const others = Object.entries(delta).filter(
    ([table]) => table !== 'processes' && table !== 'process_steps' && !STATUS_COUNT_TABLES.includes(table),
  );
  const otherWrites = others.reduce((sum, [, w]) => sum + w.ins + w.upd + w.del, 0);
  const otherPerStep = Math.round((otherWrites / (transactions || 1)) * 10000) / 10000;
  return {
    step_transactions: transactions,
    step_rows: steps.ins,
    per_step_transaction: {
      processes: perUnit(processes, transactions || 1),
      process_steps: perUnit(steps, transactions || 1),
    },
    status_count_writes: Object.fromEntries(statusCounts),
    other_tables_written: Object.fromEntries(others),
    other_writes_per_step_transaction: otherPerStep,
    only_step_writes:
      otherPerStep < PER_STEP_THRESHOLD &&
      processes.ins === 0 &&
      processes.del === 0 &&
      steps.upd === 0 &&
      steps.del === 0,
  };
}
