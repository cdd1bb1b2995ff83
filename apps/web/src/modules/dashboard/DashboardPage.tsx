import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { grantAreas } from '../persons/scope';
import { dashboardPath, spmPath } from '../../router';
import { Bars, Figures } from './Bars';
import { getDashboard } from './dashboard.api';
import { DashboardMap } from './DashboardMap';
import type { Dashboard } from './dashboard.types';
import { ExportForm } from './ExportForm';
import { ProgrammeFigures } from './ProgrammeFigures';

const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 10) / 10}%`);

function Children({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  if (d.children.length === 0) return null;
  return (
    <section className="card">
      <h2>{t('dashboard.children')}</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="dashboard-children">
          <thead>
            <tr>
              <th scope="col">{t('coverage.area')}</th>
              <th scope="col">{t('coverage.withPsmShort')}</th>
              <th scope="col">{t('coverage.psmShort')}</th>
              <th scope="col">{t('dashboard.casesOpen')}</th>
              <th scope="col">SPM</th>
            </tr>
          </thead>
          <tbody>
            {d.children.map((c) => (
              <tr key={c.code} data-testid="dashboard-child" data-code={c.code}>
                <td>
                  <Link href={dashboardPath(c.code)} data-testid="drill">
                    {c.name}
                  </Link>
                </td>
                <td>
                  {format(c.villagesWithPsm)}/{format(c.villagesTotal)}
                </td>
                <td>{format(c.psmActive)}</td>
                <td>{format(c.casesOpen)}</td>
                <td>{pct(c.spmPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `/dasbor[/:code]`: the Dinsos dashboard for an area, drilled from nasional to desa. */
export default function DashboardPage({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const { me } = useSession();
  // Without an area in the path: the user's own (first) area, or the nation.
  const area = code ?? grantAreas(me)?.[0] ?? 'ID';
  const [period, setPeriod] = useState('');
  const state = useLoad(() => getDashboard(area, period), [area, period]);

  return (
    <div className="page">
      <h1>{t('dashboard.title')}</h1>
      <form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <Field name="period" label={t('dashboard.period')} hint={t('dashboard.periodHint')}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              placeholder="2026 / 2026-03"
              value={period}
              onChange={(e) =>
                setPeriod(/^\d{4}(-\d{2})?$/.test(e.target.value) || e.target.value === '' ? e.target.value : period)
              }
              data-testid="dashboard-period"
            />
          )}
        </Field>
      </form>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <>
          <section className="record-header" data-testid="dashboard-area" data-code={state.data.area.code}>
            <p className="eyebrow">
              {t(`coverage.level.${state.data.area.level}`, { defaultValue: state.data.area.level })} · {state.data.period.value}
            </p>
            <h2 data-testid="dashboard-area-name">{state.data.area.name}</h2>
            {state.data.parent && (
              <p className="section-links">
                <Link href={dashboardPath(state.data.parent.code)} data-testid="dashboard-up">
                  ↑ {state.data.parent.name}
                </Link>
              </p>
            )}
          </section>
          <Figures
            testId="dashboard-coverage"
            items={[
              {
                key: 'villagesWithPsm',
                label: t('coverage.villagesWithActive'),
                value: `${format(state.data.coverage.villagesWithPsm)}/${format(state.data.coverage.villagesTotal)}`,
              },
              { key: 'psmActive', label: t('coverage.activeMembers'), value: format(state.data.coverage.psmActive) },
              { key: 'casesOpened', label: t('dashboard.casesOpened'), value: format(state.data.cases.opened) },
              { key: 'validated', label: t('dashboard.validated'), value: format(state.data.cases.validated) },
              { key: 'overdue', label: t('dashboard.overdue'), value: format(state.data.followUps.overdue) },
              {
                key: 'median',
                label: t('dashboard.medianDays'),
                value: state.data.timeToFirstService.medianDays === null ? '—' : format(state.data.timeToFirstService.medianDays),
              },
            ]}
          />
          <section className="card" data-testid="spm">
            <h2>{t('dashboard.spm')}</h2>
            <ul className="list">
              {state.data.spm.map((s) => (
                <li key={s.code}>
                  <Link
                    href={spmPath(s.code, state.data.area.code)}
                    className="row row-link"
                    data-testid="spm-link"
                    data-spm={s.code}
                  >
                    <span className="row-main">
                      <span className="row-name">{localized(s.label)}</span>
                      <span className="row-counts">
                        {t('dashboard.spmServed', { served: format(s.served), needing: format(s.needing) })} ·{' '}
                        <strong>{pct(s.percent)}</strong>
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>{t('dashboard.ppks')}</h2>
            {state.data.ppksByCategory.length === 0 ? (
              <p className="meta">{t('dashboard.nothing')}</p>
            ) : (
              <Bars
                testId="ppks-bars"
                bars={state.data.ppksByCategory.map((p) => ({ key: String(p.code), label: p.name, value: p.persons }))}
              />
            )}
          </section>
          <section className="card">
            <h2>{t('dashboard.casesByStatus')}</h2>
            <Bars
              testId="case-bars"
              bars={state.data.cases.byStatus.map((s) => ({
                key: s.status,
                label: t(`cases.status.${s.status}`, { defaultValue: s.status }),
                value: s.n,
              }))}
            />
          </section>
          <Children d={state.data} />
          <ProgrammeFigures area={state.data.area.code} />
          <DashboardMap area={state.data.area.code} period={period} />
          <ExportForm area={state.data.area.code} period={period} />
        </>
      )}
    </div>
  );
}
