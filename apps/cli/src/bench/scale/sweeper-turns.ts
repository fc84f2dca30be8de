import { createDataSource, findRecoveryCandidates } from '../orchestrator-packages/db';
import { percentile } from '../stats';

export interface SweeperTurnSettings {
  databaseUrl: string;
  /** What the workers pass: their RECOVERY_INTERVAL_MS. */
  staleAfterMs: number;
  /** The sweeper's page size. */
  batch: number;
  turns: number;
}

/** A session in which every transaction is read-only: a write by the query would fail the turn. */
function readOnlyUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', '-c default_transaction_read_only=on');
  return url.toString();
}

/**
 * The recovery sweeper's database part of a turn, as a worker runs it: findRecoveryCandidates page after page
 * (by process id, `batch` at a time) until a short page, `turns` times. It runs in a read-only session, so a
 * turn that completes has written nothing.
 */
export async function measureSweeperTurns(s: SweeperTurnSettings) {
  const dataSource = createDataSource({
    databaseUrl: readOnlyUrl(s.databaseUrl),
    poolSize: 1,
    applicationName: 'orchestrator-bench-sweeper',
  });
  await dataSource.initialize();
  try {
    const [setting] = (await dataSource.query(`SELECT current_setting('default_transaction_read_only') AS on`)) as {
      on: string;
    }[];
    const durations: number[] = [];
    const firstPage: number[] = [];
    let candidates = 0;
    let pages = 0;
    for (let turn = 0; turn < s.turns; turn++) {
      candidates = 0;
      pages = 0;
      let after: string | null = null;
      const started = performance.now();
      for (;;) {
        const page = await findRecoveryCandidates(dataSource, {
          staleAfterMs: s.staleAfterMs,
          afterProcessId: after,
          limit: s.batch,
        });
        if (pages === 0) firstPage.push(performance.now() - started);
        pages += 1;
        candidates += page.length;
        if (page.length < s.batch) break;
        after = page[page.length - 1]?.processId ?? null;
      }
      durations.push(performance.now() - started);
    }
    return {
      turns: s.turns,
      candidates,
      pages,
      turn_p50_ms: percentile(durations, 0.5),
      turn_p95_ms: percentile(durations, 0.95),
      turn_max_ms: percentile(durations, 1),
      first_page_p50_ms: percentile(firstPage, 0.5),
      read_only_session: setting?.on === 'on',
    };
  } finally {
    await dataSource.destroy();
  }
}
