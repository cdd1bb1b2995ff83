import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { dashboardPath, spmPath } from '../../router';
import { Bars, Figures } from './Bars';
import { getSpm } from './dashboard.api';

const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 10) / 10}%`);

/** `/dasbor/spm/:n[/:code]`: one SPM indicator (served ÷ needing × 100 %) for an area, its children and the last years. */
export default function SpmPage({ spm, code }: { spm: number; code: string | null }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const area = code ?? 'ID';
  const state = useLoad(() => getSpm(area, spm), [area, spm]);
  return (
    <div className="page">
      <Link href={dashboardPath(code)} className="back-link">
        ← {t('dashboard.back')}
      </Link>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <>
          <section className="record-header">
            <p className="eyebrow">
              SPM {state.data.indicator.code} · {state.data.area.name} · {state.data.indicator.year}
            </p>
            <h1 data-testid="spm-title">{localized(state.data.indicator.label)}</h1>
          </section>
          <Figures
            testId="spm-figures"
            items={[
              { key: 'percent', label: t('dashboard.spmPercent'), value: pct(state.data.indicator.percent) },
              { key: 'served', label: t('dashboard.spmServedLabel'), value: format(state.data.indicator.served) },
              { key: 'needing', label: t('dashboard.spmNeedingLabel'), value: format(state.data.indicator.needing) },
              { key: 'target', label: t('dashboard.spmTarget'), value: `${state.data.indicator.target}%` },
            ]}
          />
          <section className="card">
            <h2>{t('dashboard.years')}</h2>
            <Bars testId="spm-years" max={100} bars={state.data.years.map((y) => ({ key: String(y.year), label: String(y.year), value: y.percent, display: pct(y.percent) }))} />
          </section>
          {state.data.children.length > 0 && (
            <section className="card">
              <h2>{t('dashboard.children')}</h2>
              <ul className="plain-list" data-testid="spm-children">
                {state.data.children.map((c) => (
                  <li key={c.code}>
                    <Link href={spmPath(spm, c.code)}>{c.name}</Link> · {format(c.served)}/{format(c.needing)} · {pct(c.percent)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
