import { useCallback, useMemo, useState } from 'react';
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
import { clearSession, loadSession, saveSession, sessionClient, type Session } from './session';

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [queries] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  );
  const signOut = useCallback(() => {
    clearSession();
    queries.clear();
    setSession(null);
  }, [queries]);
  const signed = useMemo<Signed | null>(
    () => (session ? { session, client: sessionClient(session, signOut), signOut } : null),
    [session, signOut],
  );
  return (
    <QueryClientProvider client={queries}>
      <BrowserRouter basename="/ui">
        {signed ? (
          <SignedContext.Provider value={signed}>
            <SignedIn />
          </SignedContext.Provider>
        ) : (
          <LoginPage
            onSignedIn={(next) => {
              saveSession(next);
              setSession(next);
            }}
          />
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
