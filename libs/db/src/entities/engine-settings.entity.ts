import { EntitySchema } from 'typeorm';
import type { ColumnsOf } from './entity-columns';

export interface EngineSettingsRow {
  id: boolean;
  globalLock: boolean;
  updatedAt: Date;
}

const columns: ColumnsOf<EngineSettingsRow> = {
  id: { type: 'boolean', primary: true, default: true },
  globalLock: { name: 'global_lock', type: 'boolean', default: false },
  updatedAt: { name: 'updated_at', type: 'timestamptz', default: () => 'now()' },
};

/** A single row (its key can only be true): the engine pause lives in PostgreSQL, so it survives restarts. */
export const EngineSettingsEntity = new EntitySchema<EngineSettingsRow>({
  name: 'EngineSettings',
  tableName: 'engine_settings',
  columns,
  checks: [{ name: 'engine_settings_id_check', expression: 'id' }],
});
