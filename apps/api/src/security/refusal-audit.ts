import type { Request } from 'express';
import type { Logger } from 'pino';
import type { AuditTrail } from '@orchestrator/db';
import { redactCredentials } from '@orchestrator/auth';
import type { OrchestratorError } from '@orchestrator/engine';
import { ApiError } from '../api-error';

export type RefusalTrail = Pick<AuditTrail, 'recordDenied'>;

/**
 * The audit row of a refused attempt (ENGINE.md 10.9): every 403, and every 401 whose credential names a user
 * (a refused JWT: whom it claims to be, unverified; a revoked API key: its name). Without a name there is nobody to record; a 401 for a
 * missing or unknown credential only counts towards the failed-authentication limit. A row that cannot be
 * written is logged and the refusal answered anyway.
 */
export async function recordRefusal(
  trail: RefusalTrail,
  req: Request,
  error: OrchestratorError,
  logger: Logger,
): Promise<void> {
  const auth = req.auth;
  const actor =
    error.code === 'FORBIDDEN'
      ? (auth?.principal?.name ?? null)
      : error.code === 'UNAUTHENTICATED'
        ? (auth?.claimedUser?.name ?? null)
        : null;
  if (actor === null || !auth) return;
  const route = auth.route;
  try {
    await trail.recordDenied(
      {
        actor,
        action: route?.rule.action ?? 'route.unknown',
        details: {
          status: error.code === 'FORBIDDEN' ? 403 : 401,
          reason: error.message,
          route: route?.name ?? null,
          credential: auth.principal?.via ?? auth.claimedUser?.credential ?? null,
          ...(auth.principal?.apiKeyId ? { apiKeyId: auth.principal.apiKeyId } : {}),
        },
      },
      error instanceof ApiError && error.target
        ? error.target
        : { targetType: 'route', targetId: redactCredentials(`${req.method} ${req.path}`).slice(0, 500) },
    );
  } catch (cause) {
    logger.error({ err: cause, action: route?.rule.action }, 'the audit row of a refused request could not be written');
  }
}
