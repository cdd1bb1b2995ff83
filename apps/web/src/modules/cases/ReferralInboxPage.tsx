import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { referralInbox, respondReferral } from './cases.api';
import type { InboxItem } from './cases.types';
import { useSubmit } from '../../hooks/useSubmit';

function InboxRow({ item, onChanged }: { item: InboxItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [text, setText] = useState('');
  const [asking, setAsking] = useState<'reject' | 'complete' | null>(null);
  const submit = useSubmit();

  const act = (action: 'accept' | 'reject' | 'complete') =>
    void submit.run(
      () =>
        respondReferral(item.id, action, {
          version: item.version,
          ...(action === 'reject' ? { reason: text.trim() } : {}),
          ...(action === 'complete' ? { outcome: text.trim() } : {}),
        }),
      onChanged,
    );
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    if (asking) act(asking);
  };

  return (
    <li className="card" data-testid="inbox-item" data-id={item.id} data-status={item.status}>
      <p className="row-meta">
        <strong>{item.person?.fullName ?? '—'}</strong>
        <span className="badge" data-testid="inbox-status">
          {t(`referrals.status.${item.status}`)}
        </span>
      </p>
      <p className="meta">
        {item.person?.villageName}
        {item.person?.ageYears != null ? ` · ${t('persons.age', { count: item.person.ageYears })}` : ''} · {formatDateTime(item.sentAt)} · {item.partnerName}
      </p>
      <p>{item.need}</p>
      {item.outcome && <p className="meta">{t('referrals.outcomeWas', { outcome: item.outcome })}</p>}
      {submit.error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(submit.error)}</p>
        </div>
      )}
      {asking ? (
        <form className="form" onSubmit={confirm} noValidate>
          <Field name={asking === 'reject' ? 'reason' : 'outcome'} label={asking === 'reject' ? t('referrals.rejectReason') : t('referrals.outcome')}>
            {(props) => <textarea {...props} rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="inbox-text" />}
          </Field>
          <div className="actions">
            <button type="submit" className="button" disabled={submit.busy || text.trim().length < 3} data-testid="inbox-confirm">
              {t(`referrals.action.${asking}`)}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          {item.actions.map((a) =>
            a === 'accept' || a === 'reject' || a === 'complete' ? (
              <button
                key={a}
                type="button"
                className={`button${a === 'reject' ? ' button-secondary' : ''}`}
                disabled={submit.busy}
                onClick={() => (a === 'accept' ? act(a) : setAsking(a))}
                data-testid={`inbox-${a}`}
              >
                {t(`referrals.action.${a}`)}
              </button>
            ) : null,
          )}
        </div>
      )}
    </li>
  );
}

/** `/rujukan`: referrals addressed to the partner(s) the user acts for, with accept/reject/complete from `actions`. */
export default function ReferralInboxPage() {
  const { t } = useTranslation();
  const [key, setKey] = useState(0);
  const state = useLoad(() => referralInbox(), [key]);
  return (
    <div className="page">
      <h1>{t('referrals.inboxTitle')}</h1>
      <p className="meta">{t('referrals.inboxIntro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' &&
        (state.data.items.length === 0 ? (
          <p className="notice" data-testid="inbox-empty">
            {t('referrals.inboxEmpty')}
          </p>
        ) : (
          <ul className="plain-list" data-testid="inbox">
            {state.data.items.map((item) => (
              <InboxRow key={`${item.id}-${item.version}`} item={item} onChanged={() => setKey((n) => n + 1)} />
            ))}
          </ul>
        ))}
    </div>
  );
}
