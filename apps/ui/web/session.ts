import { createOrchestratorClient, type OrchestratorClient } from '@orchestrator/client';
import type { OidcTokens } from './oidc';

export type Role = 'read' | 'operate' | 'admin';

/** Who is signed in: the credential (an API key, or an OIDC access token) and the role the API gave it. */
export interface Session {
  token: string;
  role: Role;
  /** Signed in with OIDC: when the access token expires, and how to get the next one. */
  oidc?: OidcTokens;
}

// sessionStorage: the session survives a reload of the tab, not a new tab or another machine, and is gone when
// the tab closes. Nothing goes into localStorage, cookies or URLs.
const STORAGE_KEY = 'orchestrator.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== 'string' || !isRole(parsed.role)) return null;
    return { token: parsed.token, role: parsed.role, ...(parsed.oidc ? { oidc: parsed.oidc } : {}) };
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

/** Logging out forgets the credential and whatever else this tab kept (the dashboard's samples). */
export function clearSession(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('orchestrator.')) sessionStorage.removeItem(key);
}

const isRole = (value: unknown): value is Role => value === 'read' || value === 'operate' || value === 'admin';

const RANK: Record<Role, number> = { read: 0, operate: 1, admin: 2 };

/** Whether the signed-in role includes `needed` (read ⊂ operate ⊂ admin, ENGINE.md 10.6). */
export const hasRole = (session: Session, needed: Role): boolean => RANK[session.role] >= RANK[needed];

export class SignInError extends Error {}

/** Checks a credential and asks the API for its role (`GET /api/me`, a read: nothing is audited). */
export async function signIn(token: string): Promise<Session> {
  const client = createOrchestratorClient({ baseUrl: window.location.origin, apiKey: token });
  const me = await client.GET('/api/me');
  const what = token.startsWith('ork_') ? 'key' : 'sign-in';
  if (me.response.status === 401) throw new SignInError(`The API does not accept this ${what}.`);
  if (me.response.status === 403) throw new SignInError(`This ${what} has no role.`);
  if (!me.data) throw new SignInError(`The API answered ${me.response.status}.`);
  return { token, role: me.data.role };
}

/**
 * The typed API client of a sign-in. The credential is read at every request, so that a renewed OIDC token is
 * used without a new client (and without the event stream starting over); `onUnauthorized` runs when the API
 * stops accepting it.
 */
export function sessionClient(currentToken: () => string, onUnauthorized: () => void): OrchestratorClient {
  return createOrchestratorClient({
    baseUrl: window.location.origin,
    fetch: async (request: Request) => {
      request.headers.set('authorization', `Bearer ${currentToken()}`);
      const response = await fetch(request);
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
}
