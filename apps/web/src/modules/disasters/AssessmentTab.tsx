import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime, useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { AssessmentForm } from './AssessmentForm';
import { listAssessments } from './disasters.api';
import type { Assessment, Incident } from './disasters.types';

function AssessmentCard({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const n = useFormatNumber();
  const formatTime = useFormatDateTime();
  const people = ['affected', 'displaced', 'injured', 'dead', 'missing'] as const;
  const needs = Object.entries(a.needs).filter(([, level]) => level !== 'tidak');
  return (
    <div className="assessment" data-testid="assessment" data-village={a.villageCode}>
      <p className="meta">
        {formatTime(a.assessedAt)}
        {a.lat !== null && a.lng !== null && (
          <span data-testid="a-gps">
            {' · '}
            {t('disasters.gps.recorded', { lat: a.lat.toFixed(5), lng: a.lng.toFixed(5) })}
          </span>
        )}
      </p>
      <dl className="facts">
        {people.map((k) => (
          <div key={k}>
            <dt>{t(`disasters.assessment.${k}`)}</dt>
            <dd data-testid={`a-${k}`}>{n(a[k])}</dd>
          </div>
        ))}
        <div>
          <dt>{t('disasters.assessment.houses')}</dt>
          <dd>
            {n(a.housesRingan)} / {n(a.housesSedang)} / {n(a.housesBerat)}
          </dd>
        </div>
        <div>
          <dt>{t('disasters.assessment.vulnerable')}</dt>
          <dd>
            {t('disasters.assessment.elderly')} {n(a.elderly)}, {t('disasters.assessment.children')} {n(a.children)},{' '}
            {t('disasters.assessment.disabled')} {n(a.disabled)}, {t('disasters.assessment.pregnant')} {n(a.pregnant)}
          </dd>
        </div>
      </dl>
      {needs.length > 0 && (
        <p className="chips">
          {needs.map(([kind, level]) => (
            <span key={kind} className={`chip need-${level}`}>
              {t(`disasters.need.${kind}`)}: {t(`disasters.level.${level}`)}
            </span>
          ))}
        </p>
      )}
      {a.note && <p>{a.note}</p>}
    </div>
  );
}

function VillageHistory({ incidentId, villageCode }: { incidentId: string; villageCode: string }) {
  const state = useLoad(() => listAssessments(incidentId, true, villageCode), [incidentId, villageCode]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  return (
    <ol className="history-list" data-testid="assessment-history">
      {state.data.items.map((a) => (
        <li key={a.id} className="history-item">
          <AssessmentCard a={a} />
        </li>
      ))}
    </ol>
  );
}

/** Rapid needs assessments: the latest per affected village, its history on request, and the form. */
export function AssessmentTab({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const latest = useLoad(() => listAssessments(incident.id, false), [incident.id, round]);
  const byVillage = new Map((latest.status === 'done' ? latest.data.items : []).map((a) => [a.villageCode, a]));
  return (
    <section aria-labelledby="assess-title">
      <h2 id="assess-title" className="section-title">
        {t('disasters.assessment.title')}
      </h2>
      {incident.actions.includes('assess') && <AssessmentForm incident={incident} onSaved={() => setRound((r) => r + 1)} />}
      {latest.status === 'loading' && <Loading />}
      {latest.status === 'error' && <ErrorMessage error={latest.error} onRetry={latest.retry} />}
      <ul className="plain-list" data-testid="assessment-villages">
        {incident.areas.map((area) => {
          const a = byVillage.get(area.villageCode);
          return (
            <li key={area.villageCode} className="card" data-testid="assessment-village" data-code={area.villageCode}>
              <h3>
                {area.villageName}{' '}
                <span className="meta">
                  {area.districtName}, {area.regencyName}
                </span>
              </h3>
              {a ? <AssessmentCard a={a} /> : <p className="hint">{t('disasters.assessment.none')}</p>}
              {a && (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setOpen(open === area.villageCode ? null : area.villageCode)}
                  aria-expanded={open === area.villageCode}
                >
                  {t('disasters.assessment.showHistory')}
                </button>
              )}
              {open === area.villageCode && (
                <VillageHistory key={round} incidentId={incident.id} villageCode={area.villageCode} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
