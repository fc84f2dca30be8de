import { isDatabaseUnavailableError } from '@orchestrator/db';
import { ApiError } from './api-error';
import type { HealthChecks } from './routes/health';

export type Dependency = 'PostgreSQL' | 'Redis';

/** What a client is told to wait before trying again during an outage. */
export const RETRY_AFTER_SECONDS = 5;

/** 503 SERVICE_UNAVAILABLE naming the service (ENGINE.md 15.2); the error handler adds Retry-After. */
export function serviceUnavailable(service: Dependency): ApiError {
  return new ApiError(
    'SERVICE_UNAVAILABLE',
    `${service} is unavailable; nothing was changed, try again in ${RETRY_AFTER_SECONDS} s`,
  );
}

/**
 * The dependency whose outage explains a failed request, if any: the one that does not answer now, or
 * PostgreSQL when the error itself says the database went away (it may be back already, as after a restart).
 * Asked only for errors no route expected, so its probes cost nothing on the normal path.
 */
export async function outageBehind(error: unknown, health: HealthChecks): Promise<Dependency | undefined> {
  const [database, redis] = await Promise.all([health.database(), health.redis()]);
  if (!database) return 'PostgreSQL';
  if (isDatabaseUnavailableError(error)) return 'PostgreSQL';
  if (!redis) return 'Redis';
  return undefined;
}
