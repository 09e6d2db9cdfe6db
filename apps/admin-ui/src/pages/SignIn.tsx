import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Api, type Session } from '../api';
import { SubmitButton } from '../components/common';
import { errorText } from '../hooks';
import type { Messages } from '../i18n';

export function SignInPage({
  t,
  api,
  message,
  onSignedIn,
}: {
  t: Messages;
  api: Api;
  /** Why the user is here, e.g. an expired session. */
  message?: string;
  onSignedIn: (session: Session) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t.signIn.title} – ${t.app.name}`;
  }, [t]);

  // Focused in the same task as the form appears (it may appear late, once the API said nobody is signed in), so
  // what the user types first lands in it.
  useLayoutEffect(() => {
    usernameRef.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError(t.signIn.missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(username.trim(), password));
    } catch (failure) {
      setPassword('');
      if (failure instanceof ApiError && failure.status === 401) setError(t.signIn.wrong);
      else if (failure instanceof ApiError && failure.status === 429) {
        setError(t.signIn.rateLimited(failure.retryAfterSeconds));
      } else setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="sign-in">
      <h1 tabIndex={-1}>{t.signIn.title}</h1>
      <p class="muted">{t.signIn.intro}</p>
      {message && (
        <p class="alert alert-info" role="status" data-testid="sign-in-message">
          {message}
        </p>
      )}
      <form class="card" onSubmit={submit} data-testid="sign-in-form" noValidate aria-busy={busy}>
        {error && (
          <p class="alert alert-error" role="alert" id="sign-in-error" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <div class="field">
          <label for="sign-in-username">{t.signIn.username}</label>
          <input
            ref={usernameRef}
            id="sign-in-username"
            name="username"
            data-testid="sign-in-username"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            required
            value={username}
            onInput={(event) => setUsername((event.currentTarget as HTMLInputElement).value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </div>
        <div class="field">
          <label for="sign-in-password">{t.signIn.password}</label>
          <input
            id="sign-in-password"
            name="password"
            data-testid="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword((event.currentTarget as HTMLInputElement).value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </div>
        <SubmitButton label={t.signIn.submit} busy={busy} busyLabel={t.signIn.busy} testId="sign-in-submit" />
      </form>
    </div>
  );
}
