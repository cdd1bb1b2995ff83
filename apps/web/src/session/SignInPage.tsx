import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, summaryMessage } from '../api/client';
import { Field } from '../components/Field';
import { navigate } from '../router';
import { safeNext } from './paths';
import { useSession } from './SessionContext';

/** Which notice explains a refused sign-in (the server's own words, in the UI language). */
function refusalKind(error: unknown): string {
  if (!(error instanceof ApiError) || error.kind !== 'http') return 'network';
  return error.code ?? 'other';
}

/** `/masuk`: username and password; afterwards back to where the user was going. */
export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(new URLSearchParams(location.search).get('next'));
  const reason = session.state.status === 'signedOut' ? session.state.reason : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(username.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const fields = fieldErrors(error);
  return (
    <div className="page narrow-page sign-in-page">
      <h1>{t('signIn.title')}</h1>
      {reason === 'expired' && (
        <p className="notice notice-warn" role="status" data-testid="session-expired">
          {t('signIn.expired')}
        </p>
      )}
      {reason === 'signedOut' && (
        <p className="notice" role="status" data-testid="signed-out">
          {t('signIn.signedOut')}
        </p>
      )}
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        {error !== null && (
          <div className="notice notice-error" role="alert" data-testid="sign-in-error" data-code={refusalKind(error)}>
            <p>{summaryMessage(error)}</p>
          </div>
        )}
        <Field name="username" label={t('signIn.username')} error={fields.username}>
          {(props) => (
            <input
              {...props}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              data-testid="username"
            />
          )}
        </Field>
        <Field name="password" label={t('signIn.password')} error={fields.password}>
          {(props) => (
            <div className="password-field">
              <input
                {...props}
                name="password"
                type={showPassword ? 'text' : 'password'}
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                data-testid="password"
              />
              <button
                type="button"
                className="button button-secondary"
                aria-pressed={showPassword}
                onClick={() => setShowPassword((v) => !v)}
              >
                {showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
              </button>
            </div>
          )}
        </Field>
        <button
          type="submit"
          className="button button-block"
          disabled={busy || !username.trim() || !password}
          data-testid="sign-in"
        >
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <p className="meta">{t('signIn.help')}</p>
      </form>
    </div>
  );
}
