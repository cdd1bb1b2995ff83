import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { personPath } from '../../router';
import { listUsers } from '../users/users.api';
import type { User } from '../users/users.types';
import { queryAffected } from './privacy.api';
import type { AffectedPerson } from './privacy.types';
import { localNow, toInstant } from './BreachesPage';
import { useSubmit } from '../../hooks/useSubmit';

/** Finds the account whose reads are investigated, by username or name. */
function UserPicker({
  value,
  onChange,
  error,
}: {
  value: User | null;
  onChange: (u: User | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<User[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) return setFound([]);
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      listUsers({ area: null, role: '', status: '', q, page: 1 }, ctl.signal).then(
        (r) => setFound(r.items),
        () => setFound([]),
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q]);
  if (value) {
    return (
      <p className="picked" data-testid="picked-user" data-id={value.id}>
        <strong>{value.username}</strong> <span className="meta">{value.displayName}</span>{' '}
        <button type="button" className="button button-secondary" onClick={() => onChange(null)}>
          {t('privacy.affected.changeUser')}
        </button>
      </p>
    );
  }
  return (
    <Field name="userId" label={t('privacy.affected.user')} error={error}>
      {(props) => (
        <>
          <input
            {...props}
            type="search"
            autoComplete="off"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="affected-user-search"
          />
          {found.length > 0 && (
            <ul className="list privacy-choices">
              {found.map((u) => (
                <li key={u.id}>
                  <button
                    type="button"
                    className="row row-link privacy-choice"
                    onClick={() => onChange(u)}
                    data-testid="user-choice"
                    data-username={u.username}
                  >
                    <span className="row-main">
                      <span className="row-name">{u.username}</span>
                      <span className="row-meta">{u.displayName}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Field>
  );
}

/**
 * "Who read what when": the persons whose records one account processed in a period,
 * from the audit. Recording them marks them as affected for the notices.
 */
export function AffectedQuery({ breachId, onRecorded }: { breachId: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [user, setUser] = useState<User | null>(null);
  const [from, setFrom] = useState(localNow(-7 * 24 * 3_600_000));
  const [to, setTo] = useState(localNow(60_000));
  const [record, setRecord] = useState(false);
  const [result, setResult] = useState<{ items: AffectedPerson[]; total: number; recorded: number } | null>(null);
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  function run() {
    void submit.run(
      async () => {
        const r = await queryAffected(breachId, { userId: user?.id ?? '', from: toInstant(from), to: toInstant(to), record });
        setResult(r);
        if (r.recorded > 0) onRecorded();
      },
      () => {},
    );
  }
  return (
    <section className="card" data-testid="affected-query">
      <h2>{t('privacy.affected.title')}</h2>
      <p className="meta">{t('privacy.affected.intro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <UserPicker value={user} onChange={setUser} error={errors.userId} />
        <div className="field-pair">
          <Field name="from" label={t('privacy.affected.from')} error={errors.from}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                data-testid="affected-from"
              />
            )}
          </Field>
          <Field name="to" label={t('privacy.affected.to')} error={errors.to}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={to}
                onChange={(e) => setTo(e.target.value)}
                data-testid="affected-to"
              />
            )}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} data-testid="affected-record" />{' '}
          {t('privacy.affected.record')}
        </label>
        {submit.error !== null && Object.keys(errors).length === 0 && (
          <p className="notice notice-error" role="alert" data-testid="error">
            {summaryMessage(submit.error)}
          </p>
        )}
        <button type="submit" className="button" disabled={submit.busy || !user} data-testid="run-affected-query">
          {t('privacy.affected.run')}
        </button>
      </form>
      {result && (
        <div data-testid="affected-result" data-total={result.total}>
          <p aria-live="polite">
            {t('privacy.affected.found', { count: result.total })}
            {result.recorded > 0 ? ` ${t('privacy.affected.recorded', { count: result.recorded })}` : ''}
          </p>
          <ul className="list">
            {result.items.map((p) => (
              <li key={p.personId} className="privacy-item" data-testid="affected-person" data-id={p.personId}>
                <Link href={personPath(p.personId)} className="code">
                  {p.personId}
                </Link>
                <span className="meta">
                  {' '}
                  {p.villageCode} · {p.actions.join(', ')} · {formatDateTime(p.firstAt)} – {formatDateTime(p.lastAt)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
