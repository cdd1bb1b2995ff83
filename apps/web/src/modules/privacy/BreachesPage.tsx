import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { createBreach, listBreaches } from './privacy.api';
import { DeadlineBadge, PrivacyTabs } from './PrivacyBits';
import { useSubmit } from '../../hooks/useSubmit';

export const breachPath = (id: string) => `/privasi/insiden/${id}`;

/** A `datetime-local` value (device time) as an ISO instant; empty stays empty. */
export const toInstant = (local: string) => (local ? new Date(local).toISOString() : '');
/** Now as a `datetime-local` value in the device's time zone. */
export const localNow = (offsetMs = 0) => {
  const d = new Date(Date.now() + offsetMs);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The area a breach belongs to: the DPO's province or regency grant (breaches are recorded per office). */
function useOfficeArea(): string {
  const { me } = useSession();
  const grant = me?.grants.find((g) => /^\d{2}(\.\d{2})?$/.test(g.areaCode));
  return grant?.areaCode ?? '';
}

function BreachForm() {
  const { t } = useTranslation();
  const areaCode = useOfficeArea();
  const [v, setV] = useState({
    title: '',
    description: '',
    how: '',
    systems: '',
    discoveredAt: localNow(),
    occurredFrom: '',
    occurredTo: '',
  });
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  function send() {
    const body = {
      areaCode,
      title: v.title,
      description: v.description,
      how: v.how,
      systems: v.systems
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      discoveredAt: toInstant(v.discoveredAt),
      ...(v.occurredFrom ? { occurredFrom: toInstant(v.occurredFrom) } : {}),
      ...(v.occurredTo ? { occurredTo: toInstant(v.occurredTo) } : {}),
    };
    void submit.run(
      async () => navigate(breachPath((await createBreach(body)).id)),
      () => {},
    );
  }
  const text = (k: 'title' | 'systems', testId: string, hint?: string) => (
    <Field name={k} label={t(`privacy.breach.fields.${k}`)} hint={hint} error={errors[k]}>
      {(props) => <input {...props} value={v[k]} onChange={set(k)} data-testid={testId} />}
    </Field>
  );
  const area = (k: 'description' | 'how', testId: string) => (
    <Field name={k} label={t(`privacy.breach.fields.${k}`)} error={errors[k]}>
      {(props) => <textarea {...props} rows={3} value={v[k]} onChange={set(k)} data-testid={testId} />}
    </Field>
  );
  const when = (k: 'discoveredAt' | 'occurredFrom' | 'occurredTo', testId: string) => (
    <Field name={k} label={t(`privacy.breach.fields.${k}`)} error={errors[k]}>
      {(props) => <input {...props} type="datetime-local" value={v[k]} onChange={set(k)} data-testid={testId} />}
    </Field>
  );
  return (
    <details className="card" data-testid="breach-new">
      <summary data-testid="breach-new-open">{t('privacy.breach.new')}</summary>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        {text('title', 'breach-title')}
        {area('description', 'breach-description')}
        {area('how', 'breach-how')}
        {text('systems', 'breach-systems', t('privacy.breach.systemsHint'))}
        {when('discoveredAt', 'breach-discovered')}
        <div className="field-pair">
          {when('occurredFrom', 'breach-from')}
          {when('occurredTo', 'breach-to')}
        </div>
        {submit.error !== null && Object.keys(errors).length === 0 && (
          <p className="notice notice-error" role="alert" data-testid="error">
            {summaryMessage(submit.error)}
          </p>
        )}
        {errors.areaCode && <p className="field-error">{errors.areaCode}</p>}
        <button type="submit" className="button" disabled={submit.busy} data-testid="create-breach">
          {t('privacy.breach.create')}
        </button>
      </form>
    </details>
  );
}

/** `/privasi/insiden`: breach incidents with their 3 × 24 h timers (UU PDP Pasal 46), and the form to record one. */
export default function BreachesPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const list = useLoad(() => listBreaches(), []);
  return (
    <div className="page privacy-page">
      <h1>{t('privacy.title')}</h1>
      <PrivacyTabs current="breaches" />
      <p className="meta">{t('privacy.breach.intro')}</p>
      <BreachForm />
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="notice" data-testid="breaches-empty">
            {t('privacy.breach.empty')}
          </p>
        ) : (
          <ul className="list" data-testid="breach-list">
            {list.data.items.map((b) => (
              <li key={b.id} data-testid="breach-row" data-id={b.id}>
                <Link href={breachPath(b.id)} className="row row-link">
                  <span className="row-main">
                    <span className="row-name">{b.title}</span>
                    <span className="row-meta">
                      {t(`privacy.breach.status.${b.status}`)} ·{' '}
                      {t('privacy.breach.discovered', { at: formatDateTime(b.discoveredAt) })} ·{' '}
                      {t('privacy.breach.affected', { count: b.affectedCount })}
                    </span>
                  </span>
                  <DeadlineBadge deadline={b.deadline} />
                  <Icon name="chevron" className="row-chevron" />
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
