import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { processingHistory } from './persons.api';
import type { ProcessingEvent } from './persons.types';

const FIELD_LABELS: Record<string, string> = {
  villageCode: 'persons.village',
  fullName: 'persons.fullName',
  sex: 'persons.sex',
  birthDate: 'persons.birthDate',
  nik: 'persons.nik',
  nikMissingReason: 'persons.form.reason',
  address: 'persons.address',
  phone: 'persons.phone',
  rw: 'persons.rw',
  rt: 'persons.rt',
};

function EventRow({ event }: { event: ProcessingEvent }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const fields = Array.isArray(event.details.fields)
    ? (event.details.fields as unknown[]).filter((f): f is string => typeof f === 'string')
    : [];
  return (
    <li className="history-item" data-testid="history-item" data-action={event.action}>
      <p className="history-head">
        <strong data-testid="history-action">{t(`history.actions.${event.action}`, { defaultValue: event.action })}</strong>
        <time dateTime={event.at} className="meta">
          {formatDateTime(event.at)}
        </time>
      </p>
      <p className="meta">
        {t('history.by')} <span data-testid="history-actor">{event.actor}</span>
      </p>
      {event.purpose && (
        <p className="history-purpose" data-testid="history-purpose">
          {t('history.purpose')}: {event.purpose}
        </p>
      )}
      {fields.length > 0 && (
        <p className="meta">
          {t('history.fields')}: {fields.map((f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f)).join(', ')}
        </p>
      )}
    </li>
  );
}

/**
 * "Riwayat pemrosesan data": who read, changed or revealed this person's data and
 * when (UU PDP: a data subject may ask for it), newest first.
 */
export function HistoryList({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => processingHistory(personId), [personId]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  const items = [...state.data].reverse();
  return (
    <section aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title" className="visually-hidden">
        {t('history.title')}
      </h2>
      <p className="meta">{t('history.intro')}</p>
      {items.length === 0 ? (
        <p className="notice">{t('history.empty')}</p>
      ) : (
        <ol className="history-list">
          {items.map((event, i) => (
            <EventRow key={`${event.at}-${i}`} event={event} />
          ))}
        </ol>
      )}
    </section>
  );
}
