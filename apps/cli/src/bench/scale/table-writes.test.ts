import { writeDelta, writesPerStep } from './table-writes';

describe('writes per step', () => {
  const before = {
    processes: { ins: 100, upd: 0, del: 0 },
    process_steps: { ins: 0, upd: 0, del: 0 },
    workflows: { ins: 10, upd: 0, del: 0 },
  };

  it('finds only the process update and the step rows for a clean step path', () => {
    const after = {
      processes: { ins: 100, upd: 20000, del: 0 },
      process_steps: { ins: 30000, upd: 0, del: 0 },
      workflows: { ins: 10, upd: 20, del: 0 }, // two workers' start-up sync
    };
    const writes = writesPerStep(writeDelta(before, after));
    expect(writes.per_step_transaction.process_steps.ins).toBe(1.5);
    expect(writes.per_step_transaction.processes.upd).toBe(1);
    expect(writes.other_tables_written).toEqual({ workflows: { ins: 0, upd: 20, del: 0 } });
    expect(writes.only_step_writes).toBe(true);
  });

  it('flags a table written on every step', () => {
    const after = {
      ...before,
      processes: { ins: 100, upd: 20000, del: 0 },
      process_steps: { ins: 30000, upd: 0, del: 0 },
      worker_heartbeats: { ins: 0, upd: 20000, del: 0 },
    };
    const writes = writesPerStep(writeDelta(before, after));
    expect(writes.other_writes_per_step_transaction).toBe(1);
    expect(writes.only_step_writes).toBe(false);
  });

  it('lists the status counts apart: they come with status changes, not with recovery', () => {
    const after = {
      ...before,
      processes: { ins: 100, upd: 20000, del: 0 },
      process_steps: { ins: 30000, upd: 0, del: 0 },
      process_status_count_changes: { ins: 40000, upd: 0, del: 39000 },
      process_status_counts: { ins: 2, upd: 30, del: 0 },
    };
    const writes = writesPerStep(writeDelta(before, after));
    expect(writes.status_count_writes).toEqual({
      process_status_count_changes: { ins: 40000, upd: 0, del: 39000 },
      process_status_counts: { ins: 2, upd: 30, del: 0 },
    });
    expect(writes.other_tables_written).toEqual({});
    expect(writes.only_step_writes).toBe(true);
  });
});
