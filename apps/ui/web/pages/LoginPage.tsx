import { useEffect, useState, type FormEvent } from 'react';
import {
  completeOidcSignIn,
  forgetOidcCallback,
  loadSignInSettings,
  oidcCallbackOfThisLoad,
  OidcError,
  startOidcSignIn,
  type SignInSettings,
} from '../oidc';
import { signIn, SignInError, type Session } from '../session';

const explain = (caught: unknown) =>
  caught instanceof SignInError || caught instanceof OidcError ? caught.message : 'The API cannot be reached.';

/** Signed out, this is the only page: it shows no data. */
export function LoginPage({ onSignedIn, notice }: { onSignedIn(session: Session): void; notice?: string | null }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [settings, setSettings] = useState<SignInSettings | null>(null);

  useEffect(() => {
    let cancelled = false;
    const callback = oidcCallbackOfThisLoad();
    if (callback) setBusy(true);
    void (async () => {
      try {
        const found = await loadSignInSettings();
        if (cancelled) return;
        setSettings(found);
        if (!callback) return;
        forgetOidcCallback();
        if (!found.oidc) throw new OidcError('OIDC sign-in is not available now; please sign in again later.');
        const { accessToken, oidc } = await completeOidcSignIn(found.oidc, callback);
        const session = await signIn(accessToken);
        if (!cancelled) onSignedIn({ ...session, oidc });
      } catch (caught) {
        if (!cancelled) setError(explain(caught));
      } finally {
        if (!cancelled) setBusy(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [onSignedIn]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(key.trim()));
    } catch (caught) {
      setError(explain(caught));
    } finally {
      setBusy(false);
    }
  };
  const oidc = settings?.oidc;
  return (
    <main className="login">
      <h1>Sign in to orchestrator</h1>
      {notice && <p className="hint">{notice}</p>}
      {oidc && (
        <p>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              setError(null);
              // Web Crypto (the PKCE challenge) exists on https and localhost only.
              startOidcSignIn(oidc).catch(() => {
                setBusy(false);
                setError('Sign in with OIDC needs the UI served over https.');
              });
            }}
          >
            Sign in with OIDC
          </button>
        </p>
      )}
      {settings?.oidcUnavailable && <p className="hint">{settings.oidcUnavailable}</p>}
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          placeholder="ork_…"
          required
        />
        <button type="submit" disabled={busy || key.trim() === ''}>
          Sign in
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <p className="hint">
        An administrator creates keys with <code>orchestrator api-keys create</code> or <code>POST /api/api-keys</code>.
        The key (or the OIDC access token) stays in this tab only (sessionStorage) until you log out or close it.
      </p>
    </main>
  );
}
