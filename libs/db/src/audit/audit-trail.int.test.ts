import { defineWorkflow, step } from '@orchestrator/engine';
import { createTestDatabase, type TestDatabase } from '@orchestrator/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { ProcessCommands } from '../process-commands';
import { syncWorkflows } from '../workflow-sync';
import { recordAuditEvent, type Audit } from './audit';
import { AuditTrail } from './audit-trail';

const anna: Audit = { actor: 'anna', action: 'process.start', details: { credential: 'api-key' } };

describe('the audit trail', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let trail: AuditTrail;
  let commands: ProcessCommands;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ databaseUrl: db.url, poolSize: 2 }).initialize();
    await syncWorkflows(dataSource.manager, [
      defineWorkflow({ name: 'audited', target: 'SYSTEM', description: 'a', steps: [step('A', () => ({}))] }),
      defineWorkflow({ name: 'audited_task', target: 'SYSTEM', description: 't', isTask: true, steps: [] }),
    ]);
    trail = new AuditTrail(dataSource);
    commands = new ProcessCommands(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const rows = async (where = 'TRUE', params: unknown[] = []) =>
    (await dataSource.query(
      `SELECT actor, action, target_type AS "targetType", target_id AS "targetId", outcome, details
         FROM audit_events WHERE ${where} ORDER BY at, id`,
      params,
    )) as Record<string, unknown>[];

  it('writes the row of an audited start in the start statement, and none for a repeated key or an unaudited start', async () => {
    const started = await commands.start(
      { workflowName: 'audited', state: {}, actor: 'anna', idempotencyKey: 'k-1' },
      anna,
    );
    const repeated = await commands.start(
      { workflowName: 'audited', state: {}, actor: 'anna', idempotencyKey: 'k-1' },
      anna,
    );
    const scheduled = await commands.start({ workflowName: 'audited', state: {}, actor: 'SCHEDULER' }, null);
    expect(repeated.kind).toBe('repeated');
    if (started.kind !== 'started' || scheduled.kind !== 'started') throw new Error('not started');
    expect(await rows('target_id IN ($1, $2)', [started.processId, scheduled.processId])).toEqual([
      {
        actor: 'anna',
        action: 'process.start',
        targetType: 'process',
        targetId: started.processId,
        outcome: 'allowed',
        details: { workflowName: 'audited', idempotencyKey: 'k-1', credential: 'api-key' },
      },
    ]);
  });

  it('writes an abort row only when the abort changed the process', async () => {
    const started = await commands.start({ workflowName: 'audited', state: {}, actor: 'anna' }, null);
    if (started.kind !== 'started') throw new Error('not started');
    const abort: Audit = { actor: 'bob', action: 'process.abort' };
    expect(await commands.abort(started.processId, 'bob', abort)).toEqual({ kind: 'aborted' });
    expect(await commands.abort(started.processId, 'bob', abort)).toMatchObject({ kind: 'invalid_status' });
    expect(await rows('target_id = $1', [started.processId])).toEqual([
      expect.objectContaining({ actor: 'bob', action: 'process.abort', outcome: 'allowed' }),
    ]);
  });

  it('keeps the row of a deleted task: the trail outlives the process', async () => {
    const started = await commands.start({ workflowName: 'audited_task', state: {}, actor: 'anna' }, null);
    if (started.kind !== 'started') throw new Error('not started');
    await dataSource.query(`UPDATE processes SET status = 'completed' WHERE process_id = $1`, [started.processId]);
    expect(await commands.deleteTask(started.processId, { actor: 'root', action: 'process.delete' })).toEqual({
      kind: 'deleted',
    });
    expect(await rows('target_id = $1', [started.processId])).toEqual([
      expect.objectContaining({ actor: 'root', action: 'process.delete', details: { workflowName: 'audited_task' } }),
    ]);
  });

  it('rolls a row recorded in a transaction back with the change it belongs to', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await recordAuditEvent(
          tx,
          { actor: 'carol', action: 'engine.pause' },
          { targetType: 'engine', targetId: null },
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows(`actor = 'carol'`)).toEqual([]);
  });

  it('refuses to update, delete or truncate a row, for the superuser and with triggers set to replica too', async () => {
    await trail.recordDenied(
      { actor: 'mallory', action: 'api-keys.list', details: { reason: 'role read' } },
      { targetType: 'route', targetId: 'GET /api/api-keys' },
    );
    const statements = [
      `UPDATE audit_events SET actor = 'nobody' WHERE actor = 'mallory'`,
      `DELETE FROM audit_events WHERE actor = 'mallory'`,
      `TRUNCATE audit_events`,
    ];
    for (const statement of statements) {
      await expect(dataSource.query(statement)).rejects.toThrow(/audit_events is append-only/);
    }
    await expect(
      dataSource.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(`DELETE FROM audit_events WHERE actor = 'mallory'`);
      }),
    ).rejects.toThrow(/audit_events is append-only/);
    expect(await rows(`actor = 'mallory'`)).toEqual([
      {
        actor: 'mallory',
        action: 'api-keys.list',
        targetType: 'route',
        targetId: 'GET /api/api-keys',
        outcome: 'denied',
        details: { reason: 'role read' },
      },
    ]);
  });

  it('lists newest first with exact filters and a cursor that continues where the page ended', async () => {
    for (let i = 0; i < 5; i += 1) {
      await trail.recordDenied(
        { actor: 'lister', action: `probe.${i % 2}` },
        { targetType: 'route', targetId: `t${i}` },
      );
    }
    const first = await trail.list({ actor: 'lister' }, { limit: 2 });
    expect(first.items.map((item) => item.targetId)).toEqual(['t4', 't3']);
    const second = await trail.list({ actor: 'lister' }, { limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await trail.list({ actor: 'lister' }, { limit: 2, cursor: second.nextCursor ?? undefined });
    expect([...second.items, ...third.items].map((item) => item.targetId)).toEqual(['t2', 't1', 't0']);
    expect(third.nextCursor).toBeNull();
    expect({ total: first.total, totalIsEstimate: first.totalIsEstimate }).toEqual({
      total: 5,
      totalIsEstimate: false,
    });
    const filtered = await trail.list({ actor: 'lister', action: 'probe.1', outcome: 'denied' }, { limit: 10 });
    expect(filtered.items.map((item) => item.targetId)).toEqual(['t3', 't1']);
    expect((await trail.list({ targetId: 't0' }, { limit: 10 })).items).toEqual([
      {
        id: expect.any(String),
        at: expect.any(Date),
        actor: 'lister',
        action: 'probe.0',
        targetType: 'route',
        targetId: 't0',
        outcome: 'denied',
        details: {},
      },
    ]);
    expect((await trail.list({ outcome: 'allowed', actor: 'lister' }, { limit: 10 })).items).toEqual([]);
  });
});
