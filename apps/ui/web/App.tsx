import { useCallback, useMemo, useRef, useState } from 'react';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { SignedContext, useSigned, type Signed } from './context';
import { useLiveEvents } from './live';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { ProcessDetailPage } from './pages/ProcessDetailPage';
import { ProcessesPage } from './pages/ProcessesPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartWorkflowPage } from './pages/StartWorkflowPage';
import { SubscriptionDetailPage } from './pages/SubscriptionDetailPage';
import { SubscriptionsPage } from './pages/SubscriptionsPage';
import { oidcLogoutUrl } from './oidc';
import { renewalOverdue, useOidcRenewal } from './oidc-renewal';
import { clearSession, loadSession, saveSession, sessionClient, type Session } from './session';

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [queries] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const signOut = useCallback(
    (reason?: string) => {
      clearSession();
      queries.clear();
      setNotice(reason ?? null);
      setSession(null);
    },
    [queries],
  );
  const logOut = useCallback(() => {
    const providerLogout = session ? oidcLogoutUrl(session) : null;
    signOut();
    if (providerLogout) window.location.assign(providerLogout);
  }, [session, signOut]);
  const onSignedIn = useCallback((next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);
  useOidcRenewal(session, onSignedIn, signOut);
  const token = useRef(session?.token ?? '');
  token.current = session?.token ?? '';
  // One client per sign-in (not per token): a renewal changes the token it sends, nothing else.
  const signedIn = session !== null;
  const client = useMemo(
    () =>
      signedIn
        ? sessionClient(
            () => token.current,
            () => signOut('The API no longer accepts this sign-in; sign in again.'),
          )
        : null,
    [signedIn, signOut],
  );
  const signed = useMemo<Signed | null>(
    () => (session && client ? { session, client, signOut: logOut } : null),
    [session, client, logOut],
  );
  if (renewalOverdue(session)) {
    // Back to a tab whose token has run out (a reload, a laptop waking up): no page asks the API before the
    // renewal, so none is refused.
    return (
      <main className="login">
        <p role="status">Renewing your sign-in…</p>
      </main>
    );
  }
  return (
    <QueryClientProvider client={queries}>
      <BrowserRouter basename="/ui">
        {signed ? (
          <SignedContext.Provider value={signed}>
            <SignedIn />
          </SignedContext.Provider>
        ) : (
          <LoginPage onSignedIn={onSignedIn} notice={notice} />
        )}
      </BrowserRouter>
    </QueryClientProvider>
  );
}

function SignedIn() {
  const { session, client, signOut } = useSigned();
  const live = useLiveEvents(client, useQueryClient());
  return (
    <>
      <header className="top">
        <span className="brand">orchestrator</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Dashboard
          </NavLink>
          <NavLink to="/processes">Processes</NavLink>
          <NavLink to="/start">Start</NavLink>
          <NavLink to="/subscriptions">Subscriptions</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <span className="who">
          role: <strong data-testid="role">{session.role}</strong>
        </span>
        <button type="button" onClick={signOut}>
          Log out
        </button>
      </header>
      {live === 'lost' && (
        <div role="alert" className="banner">
          Live updates lost: reconnecting…
        </div>
      )}
      <main data-live={live}>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/processes" element={<ProcessesPage />} />
          <Route path="/processes/:id" element={<ProcessDetailPage />} />
          <Route path="/start" element={<StartWorkflowPage />} />
          <Route path="/subscriptions" element={<SubscriptionsPage />} />
          <Route path="/subscriptions/:id" element={<SubscriptionDetailPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </main>
    </>
  );
}
