import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../../components/ErrorMessage';
import { Link } from '../../../components/Link';
import { useLoad } from '../../../hooks/useLoad';
import { unitPath } from '../../../router';
import { canManage, getEvent, getUnit, type OrgEvent, type Unit } from '../org.api';
import { AttendanceEditor } from './AttendanceEditor';
import { useEventDates } from './UnitEventsPage';
import '../org.css';

async function loadEvent(id: string): Promise<{ event: OrgEvent; unit: Unit }> {
  const event = await getEvent(id);
  return { event, unit: await getUnit(event.unitId) };
}

function EventDetails({ event, unit }: { event: OrgEvent; unit: Unit }) {
  const { t } = useTranslation();
  const dates = useEventDates();
  return (
    <>
      <section className="record-header">
        <p className="eyebrow">
          {t(`ipsm.events.kinds.${event.kind}`, { defaultValue: event.kind })} · {unit.name}
        </p>
        <h1 data-testid="event-title">{event.title}</h1>
        <p className="meta" data-testid="event-when">
          {dates(event)}
          {event.place ? ` · ${event.place}` : ''}
        </p>
      </section>
      {event.agenda && (
        <section className="card announcement">
          <h2>{t('ipsm.events.agenda')}</h2>
          <p className="announcement-body" data-testid="event-agenda">
            {event.agenda}
          </p>
        </section>
      )}
      <section className="card" data-testid="attendance" aria-labelledby="attendance-title">
        <h2 id="attendance-title">
          {t('ipsm.events.attendance')} ({event.attendance.length})
        </h2>
        {event.attendance.length === 0 ? (
          <p className="meta">{t('ipsm.events.noAttendance')}</p>
        ) : (
          <ul className="list">
            {event.attendance.map((a) => (
              <li key={a.memberId} className="row" data-testid="attendee">
                <span className="row-main">
                  <span className="row-name">{a.fullName}</span>
                  <span className="row-meta">{a.villageName}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** `/ipsm/kegiatan/:id`: an event with its agenda and attendance; the unit's managers record who came. */
export default function EventPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => loadEvent(id), [id]);
  // After attendance is saved the server's answer replaces the loaded event.
  const [saved, setSaved] = useState<OrgEvent | null>(null);
  const event = saved ?? (state.status === 'done' ? state.data.event : null);
  return (
    <div className="page">
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && event && (
        <>
          <Link href={`${unitPath(state.data.unit.id)}/kegiatan`} className="back-link">
            ← {t('ipsm.events.back')}
          </Link>
          <EventDetails event={event} unit={state.data.unit} />
          {canManage(event) && <AttendanceEditor event={event} areaCode={state.data.unit.areaCode} onSaved={setSaved} />}
        </>
      )}
    </div>
  );
}
