import { Router, type Request } from 'express';
import { credentialFromHeader } from '@orchestrator/auth';
import { reply } from '../openapi/operation';
import { actorOf, roleOf } from '../security/request-auth';
import { getMe } from './me-operations';

/** `GET /api/me`: the caller as the API sees it, so a client (the operator UI) learns its role without probing. */
export function meRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    // The route table requires the read role, so a principal with a role is there.
    const role = roleOf(req);
    if (role === null) throw new Error('GET /api/me reached without a role');
    reply(res, getMe, 200, { name: actorOf(req), role, via: viaOf(req) });
  });
  return router;
}

function viaOf(req: Request): 'api-key' | 'oidc' | 'basic' | 'disabled' {
  const via = req.auth?.principal?.via;
  if (via === 'auth-disabled') return 'disabled';
  const credential = credentialFromHeader(req.get('authorization'));
  if (credential.kind === 'token' && credential.scheme === 'basic') return 'basic';
  return via === 'oidc' ? 'oidc' : 'api-key';
}
