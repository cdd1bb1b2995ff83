import './imports.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { cancelImport, getImport, importRows, reportUrl } from './imports.api';
import type { ImportRun, RowStatus } from './imports.types';
import { StatusBadge } from './StatusBadge';
import { entityPath } from './targets';

const ACTIVE = new Set(['queued', 'running']);
const POLL_MS = 1500;

/** Polls the import while it is queued or running. */
function useImportRun(id: string) {
  const [run, setRun] = useState<ImportRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    getImport(id).then(
      (r) => {
        if (!live) return;
        setRun(r);
        setError(null);
        if (ACTIVE.has(r.status)) setTimeout(() => live && setTick((n) => n + 1), POLL_MS);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        // A dropped connection is not the end of an import running on the server.
        setTimeout(() => live && setTick((n) => n + 1), POLL_MS * 4);
      },
    );
    return () => {
      live = false;
    };
  }, [id, tick]);
  return { run, error, refresh: () => setTick((n) => n + 1) };
}

function Progress({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const { done, total, etaSeconds } = run.progress;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  return (
    <div className="import-progress" data-testid="import-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label={t('imports.progress')} />
      <p>
        {t('imports.progressText', { done: format(done), total: format(total), percent })}
        {etaSeconds !== null && etaSeconds > 0 && (
          <> · {t('imports.eta', { minutes: Math.max(1, Math.round(etaSeconds / 60)) })}</>
        )}
      </p>
    </div>
  );
}

function Outcomes({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const [status, setStatus] = useState<RowStatus | null>(run.counts.rejected > 0 ? 'rejected' : null);
  const [page, setPage] = useState(1);
  const rows = useLoad(() => importRows(run.id, status, page), [run.id, status, page]);
  return (
    <section className="card">
      <h2>{t('imports.result')}</h2>
      <dl className="totals" data-testid="import-counts">
        {(['accepted', 'unchanged', 'rejected'] as const).map((s) => (
          <div className="total" key={s} data-status={s}>
            <dt>{t(`imports.status.${s}`)}</dt>
            <dd data-testid={`import-count-${s}`}>{format(run.counts[s])}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <a className="button" href={reportUrl(run.id, 'xlsx')} download data-testid="import-report-xlsx">
          {t('imports.reportXlsx')}
        </a>
        <a className="button button-secondary" href={reportUrl(run.id, 'csv')} download>
          {t('imports.reportCsv')}
        </a>
      </div>
      <div className="chips" role="group" aria-label={t('imports.filterRows')}>
        {([null, 'accepted', 'unchanged', 'rejected'] as const).map((s) => (
          <button
            type="button"
            key={s ?? 'all'}
            className={`chip${status === s ? ' chip-active' : ''}`}
            aria-pressed={status === s}
            onClick={() => {
              setStatus(s);
              setPage(1);
            }}
          >
            {s ? t(`imports.status.${s}`) : t('imports.allRows')}
          </button>
        ))}
      </div>
      {rows.status === 'loading' && <Loading />}
      {rows.status === 'error' && <ErrorMessage error={rows.error} onRetry={rows.retry} />}
      {rows.status === 'done' && (
        <>
          <ul className="list" data-testid="import-rows">
            {rows.data.items.map((r) => (
              <li key={r.row} className="row" data-testid="import-row-outcome" data-row={r.row} data-status={r.status}>
                <span className="row-main">
                  <span className="row-name">
                    {t('imports.rowN', { n: r.row })} {r.nikMasked && <span className="code">{r.nikMasked}</span>}
                  </span>
                  {r.reasons.map((issue, i) => (
                    <span key={i} className="field-error" data-testid="row-reason">
                      {localized(issue.message)}
                    </span>
                  ))}
                  {r.warnings.map((issue, i) => (
                    <span key={i} className="row-meta">
                      {localized(issue.message)}
                    </span>
                  ))}
                </span>
                <StatusBadge status={r.status} />
                {r.entityId && run.target !== 'programme_memberships' && (
                  <Link href={entityPath(run.target, r.entityId)}>{t('imports.open')}</Link>
                )}
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={rows.data.pageSize} total={rows.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

/** `/impor/<id>`: progress while the job runs (cancellable), then the per-row report. */
export default function ImportRunPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { run, error, refresh } = useImportRun(id);
  const [cancelError, setCancelError] = useState<unknown>(null);
  if (!run) return error ? <ErrorMessage error={error} onRetry={refresh} /> : <Loading />;
  const active = ACTIVE.has(run.status);

  async function cancel() {
    setCancelError(null);
    try {
      await cancelImport(id);
      refresh();
    } catch (e) {
      setCancelError(e);
    }
  }

  return (
    <div className="page import-run-page">
      <Link href="/impor" className="back-link">
        {t('imports.back')}
      </Link>
      <div className="page-title">
        <h1>{t(`imports.target.${run.target}`)}</h1>
        <StatusBadge status={run.status} />
      </div>
      {(active || run.status === 'cancelled') && <Progress run={run} />}
      {run.status === 'cancelled' && <p className="notice notice-warn">{t('imports.cancelled')}</p>}
      {run.status === 'failed' && <p className="notice notice-error">{t('imports.failed')}</p>}
      {active && (
        <div className="actions">
          <p className="hint">{t('imports.keepsRunning')}</p>
          <button type="button" className="button button-secondary" onClick={cancel} data-testid="import-cancel">
            {t('imports.cancel')}
          </button>
        </div>
      )}
      {cancelError !== null && <ErrorMessage error={cancelError} />}
      {error !== null && <ErrorMessage error={error} />}
      {!active && run.status !== 'uploaded' && <Outcomes run={run} />}
    </div>
  );
}
