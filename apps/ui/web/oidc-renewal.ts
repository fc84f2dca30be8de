import { useEffect } from 'react';
import { OidcError, refreshOidc, renewalDueAt } from './oidc';
import { signIn, type Session } from './session';

/** After a failed renewal that the provider did not refuse (network, 5xx), the next try. */
const RETRY_MS = 5000;

/** Whether the session's access token has expired (a reload, a laptop waking up): the pages wait for the renewal. */
export const renewalOverdue = (session: Session | null): boolean =>
  Boolean(session?.oidc?.refreshToken && Date.now() >= session.oidc.expiresAt);

/**
 * Keeps an OIDC session's access token fresh: renewed with the refresh token a minute (or a quarter of its
 * life) before it expires, the role read again from `GET /api/me`, tried again after a network error until the
 * token has expired; also when the tab wakes up (timers of hidden tabs are throttled). Without a refresh token
 * the session ends when the token does.
 */
export function useOidcRenewal(
  session: Session | null,
  onRenewed: (next: Session) => void,
  signOut: (reason: string) => void,
): void {
  useEffect(() => {
    const oidc = session?.oidc;
    if (!session || !oidc) return;
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    const expired = () => signOut('Your OIDC sign-in has expired; sign in again.');
    const renew = async () => {
      if (running) return;
      running = true;
      try {
        const { accessToken, oidc: next } = await refreshOidc(oidc);
        const { role } = await signIn(accessToken);
        if (active) onRenewed({ token: accessToken, role, oidc: next });
      } catch (caught) {
        if (!active) return;
        const refused = caught instanceof OidcError && caught.refused;
        if (refused || Date.now() + RETRY_MS >= oidc.expiresAt) expired();
        else timer = setTimeout(() => void renew(), RETRY_MS);
      } finally {
        running = false;
      }
    };
    const due = oidc.refreshToken ? renewalDueAt(oidc) : oidc.expiresAt;
    const act = () => (oidc.refreshToken ? void renew() : expired());
    timer = setTimeout(act, Math.max(0, due - Date.now()));
    const onWake = () => {
      if (document.visibilityState === 'visible' && Date.now() >= due) act();
    };
    document.addEventListener('visibilitychange', onWake);
    return () => {
      active = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onWake);
    };
  }, [session, onRenewed, signOut]);
}
