import type { AuthenticationOutcome } from './principal';

export const AUTH_REALM = 'orchestrator';

/**
 * The `WWW-Authenticate` values of a 401 (ENGINE.md sections 10.2 and 10.8): the Bearer challenge, with
 * `error="invalid_token"` when a token was sent, and the Basic one on the paths a browser opens itself.
 */
export function wwwAuthenticate(
  outcome: Extract<AuthenticationOutcome, { kind: 'unauthenticated' }>,
  options: { offerBasic: boolean },
): string[] {
  const bearer = `Bearer realm="${AUTH_REALM}"${outcome.tokenSent ? ', error="invalid_token"' : ''}`;
  return options.offerBasic ? [bearer, `Basic realm="${AUTH_REALM}"`] : [bearer];
}
