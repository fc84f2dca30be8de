import { parseQueries, settingsSchema } from './settings';

describe('bench settings', () => {
  it('defaults to the issue setup: 400 ten-step workflows 32 at a time, two workers, no peer, one host', () => {
    const s = settingsSchema.parse({});
    expect([s.BENCH_WORKFLOWS, s.BENCH_CONCURRENCY, s.BENCH_WORKERS, s.BENCH_DBOS, s.BENCH_HOSTS]).toEqual([
      400,
      32,
      [2],
      false,
      0,
    ]);
    expect([s.BENCH_SEED_PROCESSES, s.BENCH_SEED_STEPS, s.BENCH_BACKLOG]).toEqual([1_000_000, 10_000_000, 100_000]);
  });

  it('reads worker counts as a list and flags as 0 or 1', () => {
    const s = settingsSchema.parse({ BENCH_WORKERS: '1, 2,4', BENCH_DBOS: '1', BENCH_FLOORS: '0' });
    expect([s.BENCH_WORKERS, s.BENCH_DBOS, s.BENCH_FLOORS]).toEqual([[1, 2, 4], true, false]);
  });

  it('refuses more hosts than it can make namespaces for', () => {
    expect(() => settingsSchema.parse({ BENCH_HOSTS: '5' })).toThrow();
  });
});

describe('parseQueries', () => {
  it('splits name=path entries at the first "=" only, so paths keep their query strings', () => {
    expect(parseQueries('list=/api/processes; filter=/api/processes?status=failed&limit=5;')).toEqual([
      { name: 'list', path: '/api/processes' },
      { name: 'filter', path: '/api/processes?status=failed&limit=5' },
    ]);
  });

  it('refuses an entry without a name', () => {
    expect(() => parseQueries('/api/processes')).toThrow('not name=path');
  });
});
