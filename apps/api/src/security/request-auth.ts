import type { Request } from 'express';
import { grantedRoles, type Principal, type Role } from '@orchestrator/auth';
import type { Audit } from '@orchestrator/db';
import type { WorkflowUser } from '@orchestrator/engine';
import { ApiError } from '../api-error';
import type { MatchedRoute } from './route-table';

/** What the route guard learnt about a request; handlers read it through the functions below. */
export interface RequestAuth {
  /** The route table's rule for the request (null: no route has this path). */
  route: MatchedRoute | null;
  /** Who the request is; null on public and callback routes (with authentication on). */
  principal: Principal | null;
  /** Whom a refused credential names (a JWT's unverified claims, a revoked key's name): the refusal's actor. */
  claimedUser: { name: string; credential: 'oidc' | 'api-key' } | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: RequestAuth;
  }
}

/**
 * The acting user (ENGINE.md 10.5): the principal's name, stored as `createdBy` and in audit rows. A callback
 * (authenticated by its token, not by a user) acts as SYSTEM.
 */
export function actorOf(req: Request): string {
  return req.auth?.principal?.name ?? 'SYSTEM';
}

export function roleOf(req: Request): Role | null {
  return req.auth?.principal?.role ?? null;
}

/** The user as per-workflow rules see them (ENGINE.md 10.7). */
export function workflowUserOf(req: Request): WorkflowUser {
  const principal = req.auth?.principal;
  return {
    name: actorOf(req),
    roles: grantedRoles(principal?.role ?? null),
    claims: principal?.claims ?? {},
  };
}

/**
 * The audit a change made by this request carries (libs/db's `Audit`): the acting user, the route table's
 * action (or `action`, when one route does two things, as resume answers a form) and how the caller
 * authenticated. Hand it to the writer; it records the row with the change.
 */
export function auditOf(req: Request, action?: string): Audit {
  const principal = req.auth?.principal;
  const routeAction = req.auth?.route?.rule.action;
  if (action === undefined && routeAction === undefined) throw new Error(`no route rule for ${req.method} ${req.path}`);
  return {
    actor: actorOf(req),
    action: action ?? (routeAction as string),
    details: {
      credential: principal?.via ?? 'callback-token',
      ...(principal?.apiKeyId ? { apiKeyId: principal.apiKeyId } : {}),
    },
  };
}

/**
 * With AUTH_DISABLED, `X-User` names the acting user (ENGINE.md 10.1). Node hands header bytes over as
 * latin1; a UTF-8 name (José) is decoded back to what was sent.
 */
export function xUserName(req: Request): string | undefined {
  const raw = req.get('x-user')?.trim();
  if (!raw) return undefined;
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  const name = utf8.includes('\uFFFD') ? raw : utf8;
  if (name.length > 200) throw new ApiError('VALIDATION_FAILED', 'X-User header is longer than 200 characters');
  return name;
}
