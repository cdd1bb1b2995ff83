import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { generateReport, listReports } from './reports.api';
import { REPORT_STATUSES, type MonthlyReport, type MonthlyReportItem } from './reports.types';
import { activityNewPath, monthlyReportPath, previousMonth } from './paths';
import { OwnActivities } from './OwnActivities';
import { useAction } from './useAction';
import './reports.css';

function StatusBadge({ status, openDisputes }: { status: string; openDisputes: number }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge${status === 'final' ? '' : ' badge-muted'}`} data-testid="report-status" data-status={status}>
        {t(`monthlyReport.status.${status}`)}
      </span>
      {openDisputes > 0 && (
        <span className="badge badge-warn" data-testid="report-open-disputes">
          {t('monthlyReport.openDisputes', { count: openDisputes })}
        </span>
      )}
    </>
  );
}

function ReportList({ items, testId }: { items: MonthlyReportItem[]; testId: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="meta">{t('monthlyReport.none')}</p>;
  return (
    <ul className="list" data-testid={testId}>
      {items.map((r) => (
        <li key={r.id}>
          <Link href={monthlyReportPath(r.id)} className="row row-link" data-testid="report-row" data-month={r.month}>
            <span className="row-main">
              <span className="row-name">
                {r.month} · {r.psmLabel}
              </span>
              <span className="row-meta">
                {r.villageName} <StatusBadge status={r.status} openDisputes={r.openDisputes} />
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The PSM's own reports, and the form that makes one from the activity log. */
function OwnReports() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(previousMonth());
  const state = useLoad(() => listReports({ mine: true }), []);
  const make = useAction<MonthlyReport>((r) => navigate(monthlyReportPath(r.id)));
  const errors = fieldErrors(make.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    // A submitted report cannot be remade: open it instead of asking the server to refuse.
    const sent = state.status === 'done' ? state.data.items.find((r) => r.month === month && r.status !== 'draft') : undefined;
    if (sent) return navigate(monthlyReportPath(sent.id));
    void make.run(() => generateReport(month));
  }

  return (
    <section className="card" data-testid="own-reports">
      <h2>{t('monthlyReport.mine')}</h2>
      <form className="form" onSubmit={submit} noValidate data-testid="generate-form">
        {make.error !== null && !errors.month && (
          <p className="notice notice-error" role="alert">
            {summaryMessage(make.error)}
          </p>
        )}
        <Field name="month" label={t('monthlyReport.month')} hint={t('monthlyReport.monthHint')} error={errors.month}>
          {(props) => (
            <input
              {...props}
              type="month"
              required
              value={month}
              onChange={(e) => setMonth(e.target.value)}
              data-testid="generate-month"
            />
          )}
        </Field>
        <div className="actions">
          <button
            type="submit"
            className="button"
            disabled={make.busy || !/^\d{4}-\d{2}$/.test(month)}
            data-testid="generate-report"
          >
            {t('monthlyReport.generate')}
          </button>
          <Link href={activityNewPath} className="button button-secondary" data-testid="new-activity">
            {t('activityLog.new')}
          </Link>
        </div>
      </form>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && <ReportList items={state.data.items} testId="own-report-list" />}
      <OwnActivities month={month} />
    </section>
  );
}

/** Reports of the PSM in the reviewer's (or supervisor's) area, by status. */
function AreaReports() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('submitted');
  const [page, setPage] = useState(1);
  const state = useLoad(() => listReports({ status, page }), [status, page]);
  return (
    <section className="card" data-testid="area-reports">
      <h2>{t('monthlyReport.area')}</h2>
      <div className="filters">
        <Field name="status" label={t('monthlyReport.statusFilter')}>
          {(props) => (
            <select
              {...props}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                setPage(1);
              }}
              data-testid="status-filter"
            >
              <option value="">{t('monthlyReport.allStatuses')}</option>
              {REPORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`monthlyReport.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <>
          <ReportList items={state.data.items} testId="area-report-list" />
          <Pager page={state.data.page} pageSize={state.data.pageSize} total={state.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

/** `/laporan-bulanan`: a PSM's own monthly reports; for IPSM and Dinsos, those of their area. */
export default function MonthlyReportsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const can = (p: string) => Boolean(me?.permissions.includes(p));
  return (
    <div className="page">
      <h1>{t('monthlyReport.title')}</h1>
      <p className="lead">{t('monthlyReport.intro')}</p>
      {can('activity.record') && <OwnReports />}
      {(can('report.review') || can('activity.read')) && <AreaReports />}
    </div>
  );
}
