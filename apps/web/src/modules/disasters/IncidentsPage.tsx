import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { useCanNavigate } from '../../session/SessionContext';
import { StatusBadge, useKindLabel } from './bits';
import { listIncidents } from './disasters.api';
import { INCIDENT_STATUSES } from './disasters.types';
import { incidentNewPath, incidentPath } from './paths';
import './disasters.css';

/** `/bencana`: incidents of the user's area, newest first, filtered by status. */
export default function IncidentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const list = useLoad(() => listIncidents({ status }), [status]);
  const canCreate = useCanNavigate('incident.manage');
  const kindLabel = useKindLabel();
  const formatTime = useFormatDateTime();
  return (
    <div className="page">
      <h1 className="page-title">{t('disasters.title')}</h1>
      {canCreate && (
        <Link href={incidentNewPath} className="button button-block" data-testid="incident-new">
          <Icon name="plus" /> {t('disasters.new')}
        </Link>
      )}
      <div className="chips" role="group" aria-label={t('disasters.filterStatus')}>
        {['', ...INCIDENT_STATUSES].map((s) => (
          <button
            key={s || 'all'}
            type="button"
            className="chip"
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
            data-testid={`filter-${s || 'all'}`}
          >
            {s ? t(`disasters.status.${s}`) : t('disasters.all')}
          </button>
        ))}
      </div>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          {list.data.items.length === 0 && <p className="hint">{t('disasters.empty')}</p>}
          <ul className="list" data-testid="incident-list">
            {list.data.items.map((i) => (
              <li key={i.id} data-testid="incident-row" data-id={i.id}>
                <Link href={incidentPath(i.id)} className="row row-link">
                  <span className="row-main">
                    <span className="row-name">{i.title}</span>
                    <span className="row-meta">
                      <StatusBadge status={i.status} /> {kindLabel(i.kind, i.hazard)} · {formatTime(i.startedAt)} ·{' '}
                      {t('disasters.villageCount', { count: i.villageCount })}
                    </span>
                  </span>
                  <Icon name="chevron" className="row-chevron" />
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
