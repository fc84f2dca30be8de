import { DatabaseError } from 'pg';
import type { DataSource } from 'typeorm';

/** Whether PostgreSQL answers `SELECT 1` within `timeoutMs` (a cut-off server would leave a query hanging). */
export async function databaseReachable(dataSource: DataSource, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([dataSource.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// SQLSTATEs saying the server cannot serve now: connection exceptions (class 08), admin/crash shutdown,
// "the database system is starting up" (recovery after a crash), too many connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether an error thrown by a query says that PostgreSQL could not be reached or is going away, as
 * opposed to refusing the statement. Looks through TypeORM's `driverError` and `cause`. Errors pg raises
 * without a code (a connection terminated mid-query) are not recognised here: callers that must not
 * answer 500 for those also ask `databaseReachable`.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (current instanceof DatabaseError) {
      return typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code));
    }
    if (typeof code === 'string' && NETWORK_ERRNOS.has(code)) return true;
    if (current instanceof AggregateError) return current.errors.some(isDatabaseUnavailableError);
    current = (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
