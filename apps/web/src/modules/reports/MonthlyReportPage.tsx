import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { generateReport, getReport, submitReport } from './reports.api';
import type { MonthlyReport } from './reports.types';
import { monthlyReportsPath } from './paths';
import { ReportDisputes } from './ReportDisputes';
import { DutyFigures, ReportEntries } from './ReportEntries';
import { ReportExport } from './ReportExport';
import { ReviewPanel } from './ReviewPanel';
import { useAction } from './useAction';
import '../dashboard/charts.css'; // tables and plain lists, shared with the dashboard
import './reports.css';

/** The PSM's own steps on a draft: remake it from the log, then submit it to the coordinator. */
function OwnerActions({ report, onChange }: { report: MonthlyReport; onChange: (r: MonthlyReport) => void }) {
  const { t } = useTranslation();
  const action = useAction(onChange);
  if (!report.actions.includes('submit') && !report.actions.includes('regenerate')) return null;
  return (
    <section className="card" data-testid="owner-actions">
      <p className="meta">{t('monthlyReport.draftHint')}</p>
      {action.error !== null && (
        <p className="notice notice-error" role="alert">
          {summaryMessage(action.error)}
        </p>
      )}
      <div className="actions">
        {report.actions.includes('submit') && (
          <button
            type="button"
            className="button"
            disabled={action.busy}
            onClick={() => void action.run(() => submitReport(report))}
            data-testid="report-submit"
          >
            {t('monthlyReport.submit')}
          </button>
        )}
        {report.actions.includes('regenerate') && (
          <button
            type="button"
            className="button button-secondary"
            disabled={action.busy}
            onClick={() => void action.run(() => generateReport(report.month))}
            data-testid="report-regenerate"
          >
            {t('monthlyReport.regenerate')}
          </button>
        )}
      </div>
    </section>
  );
}

function Header({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <section className="record-header" data-testid="report-header" data-status={report.status}>
      <p className="eyebrow">
        {t('monthlyReport.title')} · {report.month}
      </p>
      <h1 data-testid="report-title">
        {report.psmLabel} · {report.villageName}
      </h1>
      <p>
        <span className={`badge${report.status === 'final' ? '' : ' badge-muted'}`} data-testid="report-status">
          {t(`monthlyReport.status.${report.status}`)}
        </span>
        {report.submittedAt && (
          <span className="meta"> · {t('monthlyReport.submittedAt', { at: formatDateTime(report.submittedAt) })}</span>
        )}
        {report.finalisedAt && (
          <span className="meta"> · {t('monthlyReport.finalisedAt', { at: formatDateTime(report.finalisedAt) })}</span>
        )}
      </p>
      {report.feedback && (
        <div className="notice" data-testid="report-feedback">
          <p>
            <strong>{t('monthlyReport.feedbackFrom', { name: report.reviewerLabel ?? '—' })}</strong>
          </p>
          <p>{report.feedback}</p>
        </div>
      )}
    </section>
  );
}

/** `/laporan-bulanan/:id`: one monthly report, its figures, entries, disputes, review and downloads. */
export default function MonthlyReportPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => getReport(id), [id]);
  const [report, setReport] = useState<MonthlyReport | null>(null);
  // The loaded report, then each answer of an action (which returns the whole report).
  const loaded = state.status === 'done' ? state.data : null;
  useEffect(() => setReport(loaded), [loaded]);
  return (
    <div className="page">
      <Link href={monthlyReportsPath} className="back-link">
        ← {t('monthlyReport.back')}
      </Link>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {report && (
        <>
          <Header report={report} />
          <OwnerActions report={report} onChange={setReport} />
          <DutyFigures report={report} />
          <ReportEntries report={report} onChange={setReport} />
          <ReportDisputes report={report} onChange={setReport} />
          <ReviewPanel report={report} onChange={setReport} />
          {report.actions.includes('export') && <ReportExport id={report.id} />}
        </>
      )}
    </div>
  );
}
