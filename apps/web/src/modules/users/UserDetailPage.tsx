import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, summaryMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { draftProblems, draftsOf, GrantsEditor, grantsBody, type DraftGrant } from './GrantsEditor';
import { TemporaryPassword } from './TemporaryPassword';
import { getUser, grantableRoles, resetPassword, updateUser } from './users.api';
import type { GrantableRole, User, UserStatus } from './users.types';
import { GrantChips, UserBadges } from './UserBits';

function EditUser({ user, roles, onSaved }: { user: User; roles: GrantableRole[]; onSaved: (user: User) => void }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [status, setStatus] = useState<UserStatus>(user.status);
  const [grants, setGrants] = useState<DraftGrant[]>(() => draftsOf(user.grants));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = draftProblems(grants, t);
    if (!displayName.trim()) problems.displayName = t('users.required');
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const updated = await updateUser(user.id, {
        displayName: displayName.trim(),
        status,
        grants: grantsBody(grants),
        version: user.version,
      });
      onSaved(updated);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const conflict = error instanceof ApiError && error.status === 409 && error.code !== 'username_taken';
  const errors = { ...local, ...fieldErrors(error) };
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate data-testid="user-edit">
      <h2>{t('users.editTitle')}</h2>
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{conflict ? t('common.versionConflict') : summaryMessage(error)}</p>
          {conflict && (
            <button type="button" className="button" onClick={() => location.reload()}>
              {t('common.reload')}
            </button>
          )}
        </div>
      )}
      <Field name="displayName" label={t('users.displayName')} error={errors.displayName}>
        {(props) => (
          <input
            {...props}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            data-testid="edit-display-name"
          />
        )}
      </Field>
      <fieldset className="choice-group">
        <legend className="field-label">{t('users.status')}</legend>
        {(['active', 'disabled'] as const).map((s) => (
          <label key={s} className="choice">
            <input
              type="radio"
              name="status"
              value={s}
              checked={status === s}
              onChange={() => setStatus(s)}
              data-testid={`status-${s}`}
            />
            {s === 'active' ? t('users.statusActive') : t('users.statusDisabled')}
          </label>
        ))}
        {errors.status && <p className="field-error">{errors.status}</p>}
      </fieldset>
      <GrantsEditor grants={grants} onChange={setGrants} roles={roles} errors={errors} />
      <button type="submit" className="button button-block" disabled={busy} data-testid="save-user">
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

function ResetPassword({ user }: { user: User }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [password, setPassword] = useState<string | null>(null);

  async function reset() {
    setBusy(true);
    setError(null);
    try {
      setPassword((await resetPassword(user.id)).temporaryPassword);
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="reset-title">
      <h2 id="reset-title">{t('users.resetTitle')}</h2>
      <p className="meta">{t('users.resetBody')}</p>
      {password ? (
        <TemporaryPassword password={password} username={user.username} />
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setConfirming(true)}
          data-testid="reset-password"
        >
          {t('users.reset')}
        </button>
      )}
      {confirming && (
        <Dialog title={t('users.resetConfirmTitle')} onClose={() => setConfirming(false)} testId="reset-dialog">
          <p>{t('users.resetConfirm', { name: user.displayName })}</p>
          {error !== null && <ErrorMessage error={error} />}
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => void reset()} data-testid="reset-confirm">
              {t('users.reset')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

/** `/pengguna/:id`: one account; editing and password reset only when its `actions` allow. */
export default function UserDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const state = useLoad(() => getUser(id), [id]);
  const [user, setUser] = useState<User | null>(null);
  const current = user ?? (state.status === 'done' ? state.data : null);
  const manage = Boolean(current?.actions.includes('user.manage'));
  const roles = useLoad(() => (manage ? grantableRoles() : Promise.resolve([])), [manage]);

  return (
    <div className="page narrow-page user-page">
      <Link href="/pengguna" className="back-link">
        ← {t('users.backToList')}
      </Link>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {current && (
        <>
          <section className="record-header" data-testid="user-header">
            <h1>{current.displayName}</h1>
            <p className="row-meta">
              <span className="code">@{current.username}</span>
              <UserBadges user={current} />
            </p>
            <dl className="facts">
              <div>
                <dt>{t('users.status')}</dt>
                <dd data-testid="user-status">
                  {current.status === 'active' ? t('users.statusActive') : t('users.statusDisabled')}
                </dd>
              </div>
              <div>
                <dt>{t('users.createdAt')}</dt>
                <dd>{formatDateTime(current.createdAt)}</dd>
              </div>
              <div>
                <dt>{t('users.lastLogin')}</dt>
                <dd>{current.lastLoginAt ? formatDateTime(current.lastLoginAt) : t('users.never')}</dd>
              </div>
            </dl>
            <GrantChips grants={current.grants} />
          </section>
          {user && (
            <p className="notice notice-ok" role="status" data-testid="saved">
              {t('common.saved')}
            </p>
          )}
          {manage && roles.status === 'done' && (
            <EditUser key={current.version} user={current} roles={roles.data} onSaved={setUser} />
          )}
          {manage && roles.status === 'error' && <ErrorMessage error={roles.error} onRetry={roles.retry} />}
          {manage && <ResetPassword user={current} />}
          {!manage && (
            <p className="meta" data-testid="read-only">
              {t('users.readOnly')}
            </p>
          )}
        </>
      )}
    </div>
  );
}
