import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Link } from '../../../components/Link';
import { useFormatDate } from '../../../hooks/useFormat';
import { useLoad } from '../../../hooks/useLoad';
import { orgEventPath } from '../../../router';
import { Openable } from '../formBits';
import { canManage, listEvents, type EventSummary, type Unit } from '../org.api';
import { UnitFrame } from '../UnitFrame';
import { EventForm } from './EventForm';

/** "18 April 2026" or "18 April 2026 – 20 April 2026". */
export function useEventDates() {
  const formatDate = useFormatDate();
  return (e: { startsOn: string; endsOn: string | null }) =>
    e.endsOn && e.endsOn !== e.startsOn ? `${formatDate(e.startsOn)} – ${formatDate(e.endsOn)}` : formatDate(e.startsOn);
}

function EventRow({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const dates = useEventDates();
  return (
    <li data-testid="event-row">
      <Link href={orgEventPath(event.id)} className="row row-link">
        <span className="row-main">
          <span className="row-name">{event.title}</span>
          <span className="row-meta">
            {t(`ipsm.events.kinds.${event.kind}`, { defaultValue: event.kind })} · {dates(event)}
            {event.place ? ` · ${event.place}` : ''} ·{' '}
            <span data-testid="event-attendees">{t('ipsm.events.attendees', { count: event.attendees })}</span>
          </span>
        </span>
        <Icon name="chevron" className="row-chevron" />
      </Link>
    </li>
  );
}

function UnitEvents({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const state = useLoad(() => listEvents(unit.id), [unit.id]);
  return (
    <>
      {canManage(unit) && (
        <Openable label={t('ipsm.events.new')} testId="new-event">
          <EventForm unit={unit} />
        </Openable>
      )}
      <section aria-labelledby="unit-events-title">
        <h2 id="unit-events-title">{t('ipsm.events.title')}</h2>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
        {state.status === 'done' &&
          (state.data.items.length === 0 ? (
            <p className="notice">{t('ipsm.events.empty')}</p>
          ) : (
            <ul className="list" data-testid="event-list">
              {state.data.items.map((e) => (
                <EventRow key={e.id} event={e} />
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

/** `/ipsm/:id/kegiatan`: the unit's events; its managers create new ones here. */
export default function UnitEventsPage({ id }: { id: string }) {
  return (
    <UnitFrame id={id} tab="events">
      {(unit) => <UnitEvents unit={unit} />}
    </UnitFrame>
  );
}
