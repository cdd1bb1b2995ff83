import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { casePath, personPath } from '../../router';
import type { PersonListItem } from '../persons/persons.types';
import { listHolds, placeHold, releaseHold } from './privacy.api';
import type { LegalHold } from './privacy.types';
import { PersonPicker } from './PersonPicker';
import { useSubmit } from '../../hooks/useSubmit';

function ErrorLine({ error, errors }: { error: unknown; errors: Record<string, string> }) {
  if (error === null || Object.keys(errors).length > 0) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid="error">
      {summaryMessage(error)}
    </p>
  );
}

/** Places a hold on a person (picked from the registry) or a case (by its record id). */
function HoldForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [targetType, setTargetType] = useState<'person' | 'case'>('person');
  const [person, setPerson] = useState<PersonListItem | null>(null);
  const [caseId, setCaseId] = useState('');
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  const targetId = targetType === 'person' ? (person?.id ?? '') : caseId.trim();
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(
          () => placeHold({ targetType, targetId, reason }),
          () => {
            setReason('');
            onDone();
          },
        );
      }}
    >
      <Field name="targetType" label={t('privacy.hold.targetType')} error={errors.targetType}>
        {(props) => (
          <select
            {...props}
            value={targetType}
            onChange={(e) => setTargetType(e.target.value as 'person' | 'case')}
            data-testid="hold-type"
          >
            <option value="person">{t('privacy.hold.person')}</option>
            <option value="case">{t('privacy.hold.case')}</option>
          </select>
        )}
      </Field>
      {targetType === 'person' ? (
        <PersonPicker value={person} onChange={setPerson} error={errors.targetId} />
      ) : (
        <Field name="targetId" label={t('privacy.hold.caseId')} hint={t('privacy.hold.caseIdHint')} error={errors.targetId}>
          {(props) => (
            <input
              {...props}
              value={caseId}
              onChange={(e) => setCaseId(e.target.value)}
              spellCheck={false}
              data-testid="hold-case-id"
            />
          )}
        </Field>
      )}
      <Field name="reason" label={t('privacy.hold.reason')} error={errors.reason}>
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="hold-reason" />}
      </Field>
      <ErrorLine error={submit.error} errors={errors} />
      <button type="submit" className="button" disabled={submit.busy || !targetId} data-testid="place-hold">
        {t('privacy.hold.place')}
      </button>
    </form>
  );
}

function HoldRow({ hold, onDone }: { hold: LegalHold; onDone: () => void }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  return (
    <li className="privacy-item" data-testid="hold" data-id={hold.id} data-released={hold.releasedAt ? 'true' : 'false'}>
      <p>
        <Link href={hold.targetType === 'person' ? personPath(hold.targetId) : casePath(hold.targetId)}>
          {t(`privacy.hold.${hold.targetType}`)}
        </Link>{' '}
        <span className="meta">
          {hold.villageCode} · {t('privacy.hold.placedAt', { at: formatDateTime(hold.placedAt) })}
          {hold.releasedAt ? ` · ${t('privacy.hold.releasedAt', { at: formatDateTime(hold.releasedAt) })}` : ''}
        </span>
      </p>
      <p>{hold.reason}</p>
      {!hold.releasedAt && (
        <details>
          <summary>{t('privacy.hold.release')}</summary>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit.run(() => releaseHold(hold.id, reason), onDone);
            }}
          >
            <Field name="reason" label={t('privacy.hold.releaseReason')} error={errors.reason}>
              {(props) => (
                <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="release-reason" />
              )}
            </Field>
            <ErrorLine error={submit.error} errors={errors} />
            <button type="submit" className="button button-secondary" disabled={submit.busy} data-testid="release-hold">
              {t('privacy.hold.release')}
            </button>
          </form>
        </details>
      )}
    </li>
  );
}

/** Legal holds: while one stands, retention and erasure leave its person or case alone. */
export function LegalHolds() {
  const { t } = useTranslation();
  const list = useLoad(() => listHolds(), []);
  return (
    <section className="card" aria-labelledby="holds-title" data-testid="legal-holds">
      <h2 id="holds-title">{t('privacy.hold.title')}</h2>
      <p className="meta">{t('privacy.hold.intro')}</p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="meta">{t('privacy.hold.empty')}</p>
        ) : (
          <ul className="list">
            {list.data.items.map((h) => (
              <HoldRow key={h.id} hold={h} onDone={list.retry} />
            ))}
          </ul>
        ))}
      <details>
        <summary data-testid="hold-new">{t('privacy.hold.new')}</summary>
        <HoldForm onDone={list.retry} />
      </details>
    </section>
  );
}
