import type { DataSource } from 'typeorm';
import { STARTUP_LOCK_KEY } from './prepare-database';

export type GlobalStatus = 'RUNNING' | 'PAUSING' | 'PAUSED';

export interface EngineStatus {
  globalLock: boolean;
  globalStatus: GlobalStatus;
  /** Steps executing right now, across every worker. */
  runningProcesses: number;
}

/**
 * The engine pause lives in PostgreSQL, so it survives restarts. Steps executing now are counted from
 * the execution locks their transactions hold (step-store.ts), which vanish with a crashed worker too.
 */
export async function readEngineStatus(dataSource: DataSource): Promise<EngineStatus> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT global_lock FROM engine_settings) AS "globalLock",
            (SELECT count(*)::int FROM pg_locks l
              WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                -- the start-up lock lives in the same advisory-lock space and is not a step
                AND NOT (l.classid = 0 AND l.objid = $1)) AS "runningProcesses"`,
    [STARTUP_LOCK_KEY],
  )) as { globalLock: boolean; runningProcesses: number }[];
  const globalLock = row?.globalLock ?? false;
  const runningProcesses = row?.runningProcesses ?? 0;
  const globalStatus: GlobalStatus = !globalLock ? 'RUNNING' : runningProcesses > 0 ? 'PAUSING' : 'PAUSED';
  return { globalLock, globalStatus, runningProcesses };
}

export async function setGlobalLock(dataSource: DataSource, globalLock: boolean): Promise<void> {
  await dataSource.query(`UPDATE engine_settings SET global_lock = $1, updated_at = now()`, [globalLock]);
}

export async function isEnginePaused(dataSource: DataSource): Promise<boolean> {
  const [row] = (await dataSource.query(`SELECT global_lock FROM engine_settings`)) as { global_lock: boolean }[];
  return row?.global_lock === true;
}
