import { useState, type FormEvent } from 'react';
import { signIn, SignInError, type Session } from '../session';

/** Signed out, this is the only page: it shows no data. */
export function LoginPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(key.trim()));
    } catch (caught) {
      setError(caught instanceof SignInError ? caught.message : 'The API cannot be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <h1>Sign in to orchestrator</h1>
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
        The key stays in this tab only (sessionStorage) until you log out or close it.
      </p>
    </main>
  );
}
