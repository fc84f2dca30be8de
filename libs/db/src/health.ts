import type { DataSource } from 'typeorm';

export async function databaseReachable(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
