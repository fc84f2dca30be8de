import { EntitySchema } from 'typeorm';

export interface EngineSettingsRow {
  id: boolean;
  globalLock: boolean;
  updatedAt: Date;
}

/** A single row: the engine pause (global lock) lives in PostgreSQL so that it survives restarts. */
export const EngineSettingsEntity = new EntitySchema<EngineSettingsRow>({
  name: 'EngineSettings',
  tableName: 'engine_settings',
  columns: {
    id: { type: 'boolean', primary: true, default: true },
    globalLock: { name: 'global_lock', type: 'boolean', default: false },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
