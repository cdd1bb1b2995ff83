import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { listRules, listRuns, startRun } from './privacy.api';
import type { RetentionReport } from './privacy.types';
import { LegalHolds } from './LegalHolds';
import { PrivacyTabs } from './PrivacyBits';
import { useSubmit } from '../../hooks/useSubmit';

function Schedule() {
  const { t } = useTranslation();
  const rules = useLoad(() => listRules(), []);
  if (rules.status === 'loading') return <Loading />;
  if (rules.status === 'error') return <ErrorMessage error={rules.error} onRetry={rules.retry} />;
  return (
    <section className="card" data-testid="retention-rules">
      <h2>{t('privacy.retention.schedule')}</h2>
      <ul className="list">
        {rules.data.items.map((r) => (
          <li key={r.recordType} className="privacy-item" data-testid="retention-rule" data-type={r.recordType}>
            <p>
              <strong>{localized(r.label)}</strong>{' '}
              <span className={`badge${r.enabled ? '' : ' badge-muted'}`}>
                {r.enabled ? t(`privacy.retention.action.${r.action}`) : t('privacy.retention.disabled')}
              </span>
            </p>
            <p className="meta">
              {t('privacy.retention.keep', { count: r.keepDays })} · {r.legalBasis}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Report({ report }: { report: RetentionReport }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <div data-testid="retention-report" data-run={report.runId}>
      <p>
        {t('privacy.retention.asOf', { at: formatDateTime(report.asOf) })}
        {report.dryRun ? ` · ${t('privacy.retention.dryRun')}` : ''}
      </p>
      <div className="table-scroll">
        <table className="privacy-table">
          <thead>
            <tr>
              <th>{t('privacy.retention.col.type')}</th>
              <th>{t('privacy.retention.col.due')}</th>
              <th>{t('privacy.retention.col.applied')}</th>
              <th>{t('privacy.retention.col.held')}</th>
              <th>{t('privacy.retention.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rules.map((r) => (
              <tr key={r.recordType}>
                <td>{r.recordType}</td>
                <td>{r.due}</td>
                <td>{r.applied}</td>
                <td>{r.held}</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The latest report of the daily job, and a button to run it now (a dry run first, as a rule). */
function Runs() {
  const { t } = useTranslation();
  const runs = useLoad(() => listRuns(), []);
  const [queued, setQueued] = useState(false);
  const submit = useSubmit();
  const run = (dryRun: boolean) =>
    void submit.run(
      () => startRun({ recordTypes: ['closed_case', 'rejected_proposal', 'sync_change', 'user_session', 'audit_event'], dryRun }),
      () => setQueued(true),
    );
  return (
    <section className="card" data-testid="retention-runs">
      <h2>{t('privacy.retention.latest')}</h2>
      {runs.status === 'loading' && <Loading />}
      {runs.status === 'error' && <ErrorMessage error={runs.error} onRetry={runs.retry} />}
      {runs.status === 'done' &&
        (runs.data.items[0] ? <Report report={runs.data.items[0]} /> : <p className="meta">{t('privacy.retention.noRuns')}</p>)}
      {queued && (
        <p className="notice notice-ok" role="status">
          {t('privacy.retention.queued')}
        </p>
      )}
      {submit.error !== null && (
        <p className="notice notice-error" role="alert">
          {summaryMessage(submit.error)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={submit.busy}
          onClick={() => run(true)}
          data-testid="retention-dry-run"
        >
          {t('privacy.retention.runDry')}
        </button>
        <button type="button" className="button button-secondary" disabled={submit.busy} onClick={() => runs.retry()}>
          {t('privacy.retention.refresh')}
        </button>
      </div>
    </section>
  );
}

/** `/privasi/retensi`: retention schedule, legal holds and the latest job report. */
export default function RetentionPage() {
  const { t } = useTranslation();
  return (
    <div className="page privacy-page">
      <h1>{t('privacy.title')}</h1>
      <PrivacyTabs current="retention" />
      <Schedule />
      <LegalHolds />
      <Runs />
    </div>
  );
}
