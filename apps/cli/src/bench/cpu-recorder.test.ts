import { classifyPostgresTitle } from './cpu-recorder';

describe('classifyPostgresTitle', () => {
  const ours = ['orchestrator_bench'];

  it('counts the backends of the measured database', () => {
    expect(classifyPostgresTitle('postgres: 15/main: root orchestrator_bench 127.0.0.1(5) idle', '15/main', ours)).toBe(
      'backend',
    );
    expect(classifyPostgresTitle('postgres: root orchestrator_bench [local] UPDATE', '', ours)).toBe('backend');
  });

  it('leaves out the backends of other databases, even when a name contains ours', () => {
    expect(classifyPostgresTitle('postgres: 15/main: root test_1 127.0.0.1(5) idle', '15/main', ours)).toBe('ignore');
    expect(classifyPostgresTitle('postgres: 15/main: root orchestrator_bench_scale x idle', '15/main', ours)).toBe(
      'ignore',
    );
  });

  it('counts the shared auxiliary processes and autovacuum on the measured database as "other"', () => {
    expect(classifyPostgresTitle('postgres: 15/main: walwriter ', '15/main', ours)).toBe('other');
    expect(classifyPostgresTitle('postgres: 15/main: checkpointer', '15/main', ours)).toBe('other');
    expect(classifyPostgresTitle('postgres: 15/main: autovacuum worker orchestrator_bench', '15/main', ours)).toBe(
      'other',
    );
    expect(classifyPostgresTitle('postgres: 15/main: autovacuum worker test_1', '15/main', ours)).toBe('ignore');
  });

  it('names the leader of a parallel worker so that it counts with its leader', () => {
    expect(classifyPostgresTitle('postgres: 15/main: parallel worker for PID 4711', '15/main', ours)).toEqual({
      parallelWorkerOf: 4711,
    });
  });

  it('ignores processes that are not PostgreSQL children', () => {
    expect(classifyPostgresTitle('/usr/lib/postgresql/15/bin/postgres -D /var/lib', '15/main', ours)).toBe('ignore');
  });
});
