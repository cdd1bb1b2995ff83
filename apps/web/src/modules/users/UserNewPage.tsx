import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { userPath } from '../../router';
import { draftGrant, draftProblems, GrantsEditor, grantsBody, type DraftGrant } from './GrantsEditor';
import { TemporaryPassword } from './TemporaryPassword';
import { createUser, grantableRoles } from './users.api';
import type { GrantableRole, User } from './users.types';

function NewUserForm({ roles, onCreated }: { roles: GrantableRole[]; onCreated: (user: User, password: string | null) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [grants, setGrants] = useState<DraftGrant[]>(() => [draftGrant(roles.length === 1 ? roles[0]!.role : '')]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = draftProblems(grants, t);
    if (!username.trim()) problems.username = t('users.required');
    if (!displayName.trim()) problems.displayName = t('users.required');
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const created = await createUser({
        username: username.trim(),
        displayName: displayName.trim(),
        grants: grantsBody(grants),
      });
      onCreated(created.user, created.temporaryPassword);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const errors = { ...local, ...fieldErrors(error) };
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate data-testid="user-form">
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      <Field name="username" label={t('users.username')} hint={t('users.usernameHint')} error={errors.username}>
        {(props) => (
          <input
            {...props}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="new-username"
          />
        )}
      </Field>
      <Field name="displayName" label={t('users.displayName')} error={errors.displayName}>
        {(props) => (
          <input
            {...props}
            autoComplete="off"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            data-testid="new-display-name"
          />
        )}
      </Field>
      <GrantsEditor grants={grants} onChange={setGrants} roles={roles} errors={errors} />
      <p className="meta">{t('users.passwordGenerated')}</p>
      <button type="submit" className="button button-block" disabled={busy} data-testid="create-user">
        {busy ? t('common.saving') : t('users.create')}
      </button>
    </form>
  );
}

/** `/pengguna/baru`: a new account with a generated temporary password, shown once. */
export default function UserNewPage() {
  const { t } = useTranslation();
  const roles = useLoad(grantableRoles, []);
  const [created, setCreated] = useState<{ user: User; password: string | null } | null>(null);
  const [round, setRound] = useState(0);

  return (
    <div className="page narrow-page">
      <Link href="/pengguna" className="back-link">
        ← {t('users.backToList')}
      </Link>
      <h1>{t('users.newTitle')}</h1>
      {created ? (
        <>
          <p className="notice notice-ok" role="status" data-testid="user-created">
            {t('users.created', { name: created.user.displayName })}
          </p>
          {created.password && <TemporaryPassword password={created.password} username={created.user.username} />}
          <div className="actions">
            <Link href={userPath(created.user.id)} className="button" data-testid="open-created-user">
              {t('users.openUser')}
            </Link>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setCreated(null);
                setRound((n) => n + 1);
              }}
            >
              {t('users.createAnother')}
            </button>
          </div>
        </>
      ) : (
        <>
          {roles.status === 'loading' && <Loading />}
          {roles.status === 'error' && <ErrorMessage error={roles.error} onRetry={roles.retry} />}
          {roles.status === 'done' &&
            (roles.data.length === 0 ? (
              <p className="notice" data-testid="no-grantable-roles">
                {t('users.cannotCreate')}
              </p>
            ) : (
              <NewUserForm key={round} roles={roles.data} onCreated={(user, password) => setCreated({ user, password })} />
            ))}
        </>
      )}
    </div>
  );
}
