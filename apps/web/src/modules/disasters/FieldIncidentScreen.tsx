import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { discardItem, retryItem } from '../../offline/outbox';
import { useLive } from '../../offline/useLive';
import { useFieldDb } from '../field/FieldApp';
import { fieldPaths } from '../field/fieldPaths';
import { problemText } from '../field/problemText';
import { StatusBadge, useKindLabel } from './bits';
import { localIncident, localVictims } from './fieldData';
import { fieldVictimNewPath } from './fieldPaths';
import './disasters.css';

/** One incident on the phone: the PSM's affected villages and the victims registered here. */
export function FieldIncidentScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const kindLabel = useKindLabel();
  const data = useLive(async () => {
    const incident = await localIncident(db, id);
    if (!incident) return { incident: null, victims: [] };
    const names = new Map(incident.areas.map((a) => [a.villageCode, a.villageName]));
    return { incident, victims: await localVictims(db, id, names) };
  }, [db, id]);
  if (!data) return null;
  const { incident, victims } = data;
  if (!incident) return <p className="notice">{t('common.notFoundBody')}</p>;
  const mine = incident.areas.filter((a) => a.respond);
  const canRegister = incident.status !== 'closed' && incident.actions.includes('register_victim') && mine.length > 0;
  return (
    <div className="page field-page">
      <Link href={fieldPaths.home} className="back-link">
        {t('disasters.field.back')}
      </Link>
      <h1 className="page-title" data-testid="field-incident-title">
        {incident.title}
      </h1>
      <p className="meta">
        <StatusBadge status={incident.status} /> {kindLabel(incident.kind, incident.hazard)}
      </p>
      <p className="meta">
        {t('disasters.field.villages')}: {mine.map((a) => a.villageName).join(', ') || '–'}
      </p>
      {canRegister ? (
        <Link href={fieldVictimNewPath(incident.id)} className="button button-block" data-testid="field-victim-new">
          {t('disasters.victim.register')}
        </Link>
      ) : (
        <p className="notice">{t('disasters.field.notAllowed')}</p>
      )}
      <h2 className="section-title" data-testid="field-victim-count" data-count={victims.length}>
        {t('disasters.field.registered', { count: victims.length })}
      </h2>
      <ul className="plain-list person-rows" data-testid="field-victims">
        {victims.map((v) => (
          <li key={v.id} className="person-row" data-testid="field-victim" data-id={v.id}>
            <span className="person-row-name" data-testid="field-victim-name">
              {v.name}
            </span>
            <span className="person-row-meta">
              {v.villageName} · {t(`disasters.displacement.${v.displacement}`)}
              {v.pending && <span className="badge badge-muted">{t('disasters.field.pending')}</span>}
            </span>
            {v.refused && (
              <div className="notice notice-error" data-testid="field-victim-refused">
                <p>{problemText(v.refused.problem, t('field.outbox.unknownReason'))}</p>
                <div className="actions">
                  <button type="button" className="button button-secondary" onClick={() => void retryItem(db, v.refused!.seq)}>
                    {t('common.retry')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => {
                      if (confirm(t('field.outbox.discardConfirm'))) void discardItem(db, v.refused!.seq);
                    }}
                  >
                    {t('field.outbox.discard')}
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
