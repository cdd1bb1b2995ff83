import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime, useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { getDashboard } from './disasters.api';
import type { DashboardVillage, Incident, IncidentDashboard } from './disasters.types';
import { IncidentMap } from './IncidentMap';
import '../dashboard/charts.css';

function Figures({ d }: { d: IncidentDashboard }) {
  const { t } = useTranslation();
  const n = useFormatNumber();
  const tiles = [
    ['affected', d.totals.affected],
    ['displaced', d.totals.displaced],
    ['victims', d.totals.victims],
    ['met', d.totals.victimsMet],
  ] as const;
  return (
    <div className="figure-tiles" data-testid="incident-figures">
      {tiles.map(([k, v]) => (
        <div key={k} className="figure-tile" data-testid={`figure-${k}`} data-value={v}>
          <span className="figure-value">{n(v)}</span>
          <span className="figure-label">{t(`disasters.dashboard.${k}`)}</span>
        </div>
      ))}
      <div className="figure-tile figure-wide" data-testid="figure-spm" data-value={d.totals.spmPercent ?? ''}>
        <span className="figure-value">{d.totals.spmPercent === null ? '–' : `${n(d.totals.spmPercent)}%`}</span>
        <span className="figure-label">
          {d.totals.spmPercent === null ? t('disasters.dashboard.spmNone') : t('disasters.dashboard.spm')}
        </span>
      </div>
    </div>
  );
}

function VillageTable({ villages }: { villages: DashboardVillage[] }) {
  const { t } = useTranslation();
  const n = useFormatNumber();
  const formatTime = useFormatDateTime();
  const cols = ['affected', 'displaced', 'injured', 'dead', 'missing', 'houses', 'victims', 'vulnerable', 'met', 'aid'] as const;
  const value = (v: DashboardVillage, c: (typeof cols)[number]) =>
    ({
      affected: v.affected,
      displaced: v.displaced,
      injured: v.injured,
      dead: v.dead,
      missing: v.missing,
      houses: v.housesDamaged,
      victims: v.victims,
      vulnerable: v.victimsVulnerable,
      met: v.victimsMet,
      aid: v.aidIssues,
    })[c];
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="village-table">
        <thead>
          <tr>
            <th scope="col">{t('disasters.dashboard.village')}</th>
            {cols.map((c) => (
              <th key={c} scope="col">
                {t(`disasters.dashboard.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {villages.map((v) => (
            <tr key={v.villageCode} data-testid="village-row" data-code={v.villageCode}>
              <th scope="row">
                {v.villageName}
                <span className="result-path">
                  {v.districtName}, {v.regencyName} ·{' '}
                  {v.assessedAt ? formatTime(v.assessedAt) : t('disasters.dashboard.notAssessed')}
                </span>
              </th>
              {cols.map((c) => (
                <td key={c} data-col={c}>
                  {n(value(v, c))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The incident dashboard (from the rollup): totals, SPM indicator 5, the map of the
 * affected villages (placed by their assessments' GPS) and the villages' figures.
 */
export function DashboardTab({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const state = useLoad(() => getDashboard(incident.id), [incident.id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  return (
    <section aria-labelledby="dash-title" data-testid="incident-dashboard">
      <Figures d={state.data} />
      <IncidentMap dashboard={state.data} />
      <h2 id="dash-title" className="section-title">
        {t('disasters.dashboard.villagesTitle')}
      </h2>
      <VillageTable villages={state.data.villages} />
    </section>
  );
}
