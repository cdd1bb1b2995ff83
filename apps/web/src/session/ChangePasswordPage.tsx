import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../api/client';
import { Field } from '../components/Field';
import { navigate } from '../router';
import * as api from './session.api';
import { useSession } from './SessionContext';

const MIN_LENGTH = 10;

/**
 * `/ganti-kata-sandi`, and every screen while the account must change its password
 * (a temporary one was given). The rules are shown before typing; the server checks
 * them and answers per field.
 */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.me;
  const forced = Boolean(me?.user.mustChangePassword);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  if (!me) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    try {
      const updated = await api.changePassword(current, next);
      session.update(updated);
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
      // Forced from another screen: that screen now shows itself (the route is unchanged).
      if (forced && location.pathname === '/ganti-kata-sandi') navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields = fieldErrors(error);
  const username = me.user.username.toLowerCase();
  const rules = [
    { key: 'length', ok: [...next].length >= MIN_LENGTH },
    { key: 'username', ok: next.length > 0 && !(username.length >= 3 && next.toLowerCase().includes(username)) },
    { key: 'simple', ok: null },
  ] as const;

  return (
    <div className="page narrow-page" data-testid="change-password">
      <h1>{t('password.title')}</h1>
      {forced && (
        <p className="notice notice-warn" role="status" data-testid="must-change">
          {t('password.mustChange')}
        </p>
      )}
      {done && (
        <p className="notice notice-ok" role="status" data-testid="password-changed">
          {t('password.changed')}
        </p>
      )}
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        {error !== null && Object.keys(fields).length === 0 && (
          <div className="notice notice-error" role="alert" data-testid="error">
            <p>{summaryMessage(error)}</p>
          </div>
        )}
        <Field name="currentPassword" label={t('password.current')} error={fields.currentPassword}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              data-testid="current-password"
            />
          )}
        </Field>
        <Field name="newPassword" label={t('password.new')} error={fields.newPassword}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
              data-testid="new-password"
            />
          )}
        </Field>
        <ul className="rules" aria-label={t('password.rulesLabel')} data-testid="password-rules">
          {rules.map((rule) => (
            <li key={rule.key} className={rule.ok === null || next === '' ? '' : rule.ok ? 'rule-ok' : 'rule-bad'}>
              {t(`password.rules.${rule.key}`, { min: MIN_LENGTH })}
            </li>
          ))}
        </ul>
        <Field name="confirm" label={t('password.confirm')} error={mismatch ? t('password.mismatch') : undefined}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              data-testid="confirm-password"
            />
          )}
        </Field>
        <button
          type="submit"
          className="button button-block"
          disabled={busy || !current || !next || !confirm}
          data-testid="save-password"
        >
          {busy ? t('common.saving') : t('password.submit')}
        </button>
      </form>
    </div>
  );
}
