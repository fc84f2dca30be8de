import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  authDisabledPrincipal,
  credentialFromHeader,
  describeUnauthenticated,
  isFailedAttempt,
  roleIncludes,
  wwwAuthenticate,
  type AuthenticationOutcome,
  type FailedAuthLimiter,
  type Principal,
  type RateLimitDecision,
} from '@orchestrator/auth';
import { ApiError } from '../api-error';
import { crossSiteRefusal } from './cross-site';
import { xUserName, type RequestAuth } from './request-auth';
import { matchRoute, type MatchedRoute, type RouteRule } from './route-table';

export interface RouteGuardDeps {
  table: readonly RouteRule[];
  /** AUTH_DISABLED (development only): every request acts as admin, named by X-User. */
  authDisabled: boolean;
  authenticator: { authenticate(header: string | undefined): Promise<AuthenticationOutcome> };
  limiter: FailedAuthLimiter;
  /** Whom a revoked API key belonged to: its refused use is audited under that name. */
  revokedKeyName?: (key: string) => Promise<string | null>;
  logger: Logger;
}

/**
 * The one gate in front of every route (ENGINE.md 10): finds the request's rule in the route table, and for
 * a rule that needs a role checks the failed-authentication limit (429), the credential (401, or 503 when it
 * cannot be checked), the role (403) and the cross-site rules; then the handler runs with `req.auth` set.
 * A request that matches no rule is authenticated and answered 404: a route missing from the table is
 * unreachable, never open.
 */
export function routeGuard(deps: RouteGuardDeps): RequestHandler {
  return async (req, _res, next) => {
    const route = matchRoute(deps.table, req.method, req.path);
    const auth: RequestAuth = { route, principal: null, claimedUser: null };
    req.auth = auth;
    const access = route?.rule.access;
    if (access === 'public') return next();
    if (access === 'ticket-or-read' && req.query.ticket !== undefined && req.get('authorization') === undefined) {
      return next();
    }
    if (deps.authDisabled) {
      auth.principal = authDisabledPrincipal(xUserName(req));
    } else if (access === 'callback-token') {
      return next();
    } else {
      auth.principal = await authenticated(deps, req, auth, route);
    }
    if (route === null) throw new ApiError('NOT_FOUND', `no route for ${req.method} ${req.path}`);
    if (access === 'refused') throw new ApiError('FORBIDDEN', refusedMessage(route));
    if (access !== 'callback-token' && access !== undefined) {
      const principal = auth.principal as Principal;
      const role = access === 'ticket-or-read' ? 'read' : access;
      if (!roleIncludes(principal.role, role)) throw missingRole(principal, role);
      const refusal = crossSiteRefusal(req, deps.authDisabled ? null : schemeOf(req));
      if (refusal) throw refusal;
    }
    next();
  };
}

async function authenticated(
  deps: RouteGuardDeps,
  req: Request,
  auth: RequestAuth,
  route: MatchedRoute | null,
): Promise<Principal> {
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const limited = await deps.limiter.check(address);
  if (limited.kind === 'limited') throw tooManyFailures(limited);
  const outcome = await deps.authenticator.authenticate(req.get('authorization'));
  switch (outcome.kind) {
    case 'authenticated':
      return outcome.principal;
    case 'unavailable':
      deps.logger.warn({ reason: outcome.reason, route: route?.name }, 'credential could not be checked');
      throw new ApiError('AUTH_UNAVAILABLE', 'the credential cannot be checked right now; try again shortly', [], {
        headers: { 'Retry-After': '5' },
      });
    case 'unauthenticated': {
      if (isFailedAttempt(outcome)) {
        const decision = await deps.limiter.recordFailure(address);
        if (decision.kind === 'limited') throw tooManyFailures(decision);
      }
      const revokedKey = outcome.claimedUser === null ? await revokedKeyOwner(deps, req, outcome) : null;
      if (outcome.claimedUser !== null) auth.claimedUser = { name: outcome.claimedUser, credential: 'oidc' };
      else if (revokedKey !== null) auth.claimedUser = { name: revokedKey, credential: 'api-key' };
      throw new ApiError('UNAUTHENTICATED', describeUnauthenticated(outcome.reason), [], {
        headers: { 'WWW-Authenticate': wwwAuthenticate(outcome, { offerBasic: route?.rule.browser === true }) },
      });
    }
  }
}

/** A refused API key that was revoked still names a user: the use of a revoked key belongs in the audit. */
async function revokedKeyOwner(
  deps: RouteGuardDeps,
  req: Request,
  outcome: Extract<AuthenticationOutcome, { kind: 'unauthenticated' }>,
): Promise<string | null> {
  if (outcome.reason !== 'unknown-api-key' || !deps.revokedKeyName) return null;
  const credential = credentialFromHeader(req.get('authorization'));
  if (credential.kind !== 'token') return null;
  try {
    return await deps.revokedKeyName(credential.token);
  } catch (error) {
    deps.logger.warn({ err: error }, 'the owner of a refused API key could not be read');
    return null;
  }
}

function schemeOf(req: Request): 'bearer' | 'basic' | null {
  const credential = credentialFromHeader(req.get('authorization'));
  return credential.kind === 'token' ? credential.scheme : null;
}

function tooManyFailures(decision: Extract<RateLimitDecision, { kind: 'limited' }>): ApiError {
  return new ApiError(
    'TOO_MANY_REQUESTS',
    `too many failed authentications from this address; try again in ${decision.retryAfterSeconds} s`,
    [],
    { headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
  );
}

function missingRole(principal: Principal, needed: string): ApiError {
  const held = principal.role === null ? 'no role (no claim value maps to one)' : `the ${principal.role} role`;
  return new ApiError('FORBIDDEN', `this needs the ${needed} role; ${principal.name} has ${held}`);
}

function refusedMessage(route: MatchedRoute): string {
  return route.rule.path.startsWith('/admin/queues')
    ? 'Bull Board is read-only here: retrying, promoting, cleaning or removing jobs would bypass the engine; resume or abort the process instead'
    : `${route.name} is refused`;
}
