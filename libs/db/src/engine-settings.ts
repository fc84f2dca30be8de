import type { DataSource } from 'typeorm';
import { auditParameters, type Audit } from './audit/audit';
import { STARTUP_LOCK_KEY } from './prepare-database';

export type GlobalStatus = 'RUNNING' | 'PAUSING' | 'PAUSED';

/** The engine status as the API shows it (ENGINE.md 6): `globalLock` is the pause. */
export interface EngineStatus {
  globalLock: boolean;
  globalStatus: GlobalStatus;
  /** Steps executing right now, across every worker. */
  runningProcesses: number;
}

/**
 * The engine pause lives in PostgreSQL (`engine_settings.global_lock`), so it survives restarts. Steps
 * executing now are counted from the execution locks their transactions hold (step-store.ts), which vanish
 * with a crashed worker too.
 */
export class EngineSettings {
  constructor(private readonly dataSource: DataSource) {}

  async status(): Promise<EngineStatus> {
    const [row] = (await this.dataSource.query(
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

  /** Sets or clears the pause; the audit row (`engine.pause`, `engine.unpause`) comes in the same statement. */
  async setPaused(paused: boolean, audit: Audit | null): Promise<void> {
    await this.dataSource.query(
      `WITH updated AS (
         UPDATE engine_settings SET global_lock = $1, updated_at = now() RETURNING global_lock
       ), audited AS (
         INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
         SELECT $2, $3, 'engine', NULL, 'allowed', $4::jsonb FROM updated WHERE $3::text IS NOT NULL
       )
       SELECT 1 FROM updated`,
      [paused, ...auditParameters(audit, { globalLock: paused })],
    );
  }

  async isPaused(): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT global_lock FROM engine_settings`)) as {
      global_lock: boolean;
    }[];
    return row?.global_lock === true;
  }
}
