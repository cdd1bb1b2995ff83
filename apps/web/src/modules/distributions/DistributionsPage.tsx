import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { today, useAction } from '../programmes/formErrors';
import { listProgrammes } from '../programmes/programmes.api';
import '../programmes/programmes.css';
import { ProgrammeNav } from '../programmes/ProgrammeNav';
import { areaReport, createDistribution, listDistributions } from './distributions.api';
import { distributionPath } from './paths';
import { ReportTable } from './ReportTable';

function CreateDistribution() {
  const { t } = useTranslation();
  const programmes = useLoad(() => listProgrammes(), []);
  const [form, setForm] = useState({ programmeCode: '', areaCode: '', place: '', heldOn: today(), periodLabel: '' });
  const { busy, error, errors, run } = useAction();
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await run(() =>
      createDistribution({
        ...form,
        ...(form.periodLabel.trim() ? { periodLabel: form.periodLabel.trim() } : { periodLabel: undefined }),
      }),
    );
    if (created) navigate(distributionPath(created.id));
  };
  return (
    <details className="card">
      <summary data-testid="distribution-new">{t('distributionUi.create.title')}</summary>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="programmeCode" label={t('distributionUi.programme')} error={errors.programmeCode}>
          {(p) => (
            <select
              {...p}
              value={form.programmeCode}
              onChange={(e) => set({ programmeCode: e.target.value })}
              data-testid="distribution-programme"
            >
              <option value="">—</option>
              {(programmes.status === 'done' ? programmes.data.items : []).map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="areaCode"
          label={t('distributionUi.create.area')}
          hint={t('distributionUi.create.areaHint')}
          error={errors.areaCode}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.areaCode}
              onChange={(e) => set({ areaCode: e.target.value.trim() })}
              data-testid="distribution-area"
            />
          )}
        </Field>
        <Field name="place" label={t('distributionUi.place')} error={errors.place}>
          {(p) => (
            <input {...p} value={form.place} onChange={(e) => set({ place: e.target.value })} data-testid="distribution-place" />
          )}
        </Field>
        <Field name="heldOn" label={t('distributionUi.heldOn')} error={errors.heldOn}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.heldOn}
              onChange={(e) => set({ heldOn: e.target.value })}
              data-testid="distribution-date"
            />
          )}
        </Field>
        <Field name="periodLabel" label={t('distributionUi.period')} error={errors.periodLabel}>
          {(p) => <input {...p} value={form.periodLabel} onChange={(e) => set({ periodLabel: e.target.value })} />}
        </Field>
        {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <button type="submit" className="button" disabled={busy} data-testid="distribution-create">
          {t('distributionUi.create.submit')}
        </button>
      </form>
    </details>
  );
}

function AreaDiscrepancy({ initialArea }: { initialArea: string }) {
  const { t } = useTranslation();
  const [area, setArea] = useState(initialArea);
  const [asked, setAsked] = useState(initialArea);
  const report = useLoad(() => areaReport({ area: asked }), [asked]);
  return (
    <section className="card" aria-labelledby="area-report-title">
      <h2 id="area-report-title">{t('distributionUi.report.areaTitle')}</h2>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), setAsked(area))}>
        <Field name="area" label={t('distributionUi.report.area')}>
          {(p) => <input {...p} value={area} onChange={(e) => setArea(e.target.value.trim())} data-testid="area-report-code" />}
        </Field>
        <button type="submit" className="button button-secondary">
          {t('distributionUi.report.show')}
        </button>
      </form>
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorMessage error={report.error} onRetry={report.retry} />}
      {report.status === 'done' && <ReportTable totals={report.data.totals} rows={report.data.byVillage} testId="area-report" />}
    </section>
  );
}

/** `/penyaluran`: distributions in the user's areas, a new one (Dinsos), and the discrepancy per area. */
export default function DistributionsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const list = useLoad(() => listDistributions({}), []);
  const canManage = me?.permissions.includes('distribution.manage') ?? false;
  const home = me?.grants[0]?.areaCode ?? 'ID';
  return (
    <div className="page">
      <h1>{t('distributionUi.title')}</h1>
      <ProgrammeNav current="distributions" />
      {canManage && <CreateDistribution />}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="notice">{t('distributionUi.empty')}</p>
        ) : (
          <ul className="list" data-testid="distribution-list">
            {list.data.items.map((d) => (
              <li key={d.id}>
                <Link href={distributionPath(d.id)} data-testid="distribution-row">
                  {d.programmeCode} · {d.place}
                </Link>
                <span className="row-meta">
                  {d.heldOn} · {d.areaCode} · {t('distributionUi.expectedCount', { count: d.expectedCount })} ·{' '}
                  {t(`distributionUi.status.${d.status}`)}
                </span>
              </li>
            ))}
          </ul>
        ))}
      <AreaDiscrepancy initialArea={home} />
    </div>
  );
}
