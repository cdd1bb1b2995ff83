import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { AssessmentTab } from './AssessmentTab';
import { StatusBadge, useKindLabel } from './bits';
import { DashboardTab } from './DashboardTab';
import { getIncident } from './disasters.api';
import type { Incident } from './disasters.types';
import { IncidentAdmin } from './IncidentAdmin';
import { LogisticsTab } from './LogisticsTab';
import { INCIDENT_TABS, incidentPath, incidentsPath, type IncidentTab } from './paths';
import { RosterTab } from './RosterTab';
import { SitrepTab } from './SitrepTab';
import { VictimsTab } from './VictimsTab';
import './disasters.css';

function Tabs({ incident, tab }: { incident: Incident; tab: IncidentTab }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs incident-tabs" aria-label={t('disasters.tabs.label')}>
      {INCIDENT_TABS.map((x) => (
        <Link
          key={x}
          href={incidentPath(incident.id, x)}
          className="tab"
          aria-current={x === tab ? 'page' : undefined}
          data-testid={`tab-${x}`}
        >
          {t(`disasters.tabs.${x}`)}
        </Link>
      ))}
    </nav>
  );
}

function Header({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const kindLabel = useKindLabel();
  return (
    <header className="record-header">
      <Link href={incidentsPath} className="back-link">
        {t('disasters.detail.back')}
      </Link>
      <h1 className="page-title" data-testid="incident-title">
        {incident.title}
      </h1>
      <p className="meta">
        <StatusBadge status={incident.status} /> {kindLabel(incident.kind, incident.hazard)} · {t('disasters.detail.started')}{' '}
        {formatTime(incident.startedAt)}
      </p>
      <p className="meta">
        {t('disasters.detail.leadOffice')}: {incident.leadOfficeName} · {t(`disasters.ppks.${incident.ppksCode}`)}
      </p>
    </header>
  );
}

/** `/bencana/:id[/tab]`: one incident, its status and its sections. */
export default function IncidentPage({ id, tab }: { id: string; tab: IncidentTab }) {
  const [version, setVersion] = useState(0);
  const state = useLoad(() => getIncident(id), [id, version]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  const incident = state.data;
  const reload = () => setVersion((v) => v + 1);
  return (
    <div className="page incident-page" data-testid="incident-page" data-id={incident.id}>
      <Header incident={incident} />
      <Tabs incident={incident} tab={tab} />
      <div className="tab-body">
        {tab === 'ringkasan' && (
          <>
            <DashboardTab incident={incident} />
            <IncidentAdmin incident={incident} onChanged={reload} />
          </>
        )}
        {tab === 'asesmen' && <AssessmentTab incident={incident} />}
        {tab === 'korban' && <VictimsTab incident={incident} />}
        {tab === 'logistik' && <LogisticsTab incident={incident} />}
        {tab === 'relawan' && <RosterTab incident={incident} />}
        {tab === 'sitrep' && <SitrepTab incident={incident} />}
      </div>
    </div>
  );
}
