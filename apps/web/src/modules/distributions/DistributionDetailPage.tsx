import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { useAction } from '../programmes/formErrors';
import '../programmes/programmes.css';
import { closeDistribution, eventReport, getDistribution, listRecipients, type Distribution } from './distributions.api';
import { distributionsPath } from './paths';
import { ReportTable } from './ReportTable';

function Recipients({ id }: { id: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => listRecipients(id), [id]);
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <ErrorMessage error={list.error} onRetry={list.retry} />;
  return (
    <section className="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">{t('distributionUi.recipients', { count: list.data.items.length })}</h2>
      <ul className="list" data-testid="recipient-list">
        {list.data.items.map((r) => (
          <li key={r.id} data-testid="recipient" data-status={r.checkin?.outcome ?? 'none'}>
            <strong>{r.displayName}</strong>
            <span className="row-meta block">
              {r.nikMasked ?? '—'} ·{' '}
              {r.checkin ? t(`distributionUi.outcomes.${r.checkin.outcome}`) : t('distributionUi.notCheckedIn')}
              {r.checkin?.representativeName ? ` (${r.checkin.representativeName})` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Report({ id }: { id: string }) {
  const { t } = useTranslation();
  const report = useLoad(() => eventReport(id), [id]);
  if (report.status === 'loading') return <Loading />;
  if (report.status === 'error') return <ErrorMessage error={report.error} onRetry={report.retry} />;
  const { totals, byVillage, missing } = report.data;
  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('distributionUi.report.title')}</h2>
      <ReportTable totals={totals} rows={byVillage} testId="event-report" />
      <p className="meta" data-testid="event-report-not-checked">
        {t('distributionUi.report.notCheckedIn', { count: totals.notCheckedIn ?? 0 })}
      </p>
      {missing.length > 0 && (
        <>
          <h3>{t('distributionUi.report.missing')}</h3>
          <ul className="plain-list" data-testid="event-report-missing">
            {missing.map((m) => (
              <li key={m.recipientId}>
                {m.displayName} · {m.nikMasked ?? '—'} ·{' '}
                {m.outcome ? t(`distributionUi.outcomes.${m.outcome}`) : t('distributionUi.notCheckedIn')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Header({ d, onChanged }: { d: Distribution; onChanged: () => void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  return (
    <section className="record-header" data-testid="distribution-header" data-status={d.status}>
      <p className="eyebrow">{d.programmeCode}</p>
      <h1>{d.place}</h1>
      <p className="meta">
        {d.heldOn} · {d.areaCode}
        {d.periodLabel ? ` · ${d.periodLabel}` : ''} · {t(`distributionUi.status.${d.status}`)} ·{' '}
        {t('distributionUi.expectedCount', { count: d.expectedCount })}
      </p>
      {d.status === 'open' && d.actions.includes('distribution.manage') && (
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => void run(() => closeDistribution(d.id)).then((r) => r && onChanged())}
          data-testid="distribution-close"
        >
          {t('distributionUi.close')}
        </button>
      )}
      {d.status === 'open' && d.actions.includes('distribution.manage') && (
        // A plain download (GET, session cookie): each recipient's QR and the code under it.
        <a
          className="button button-secondary"
          href={`/api/v1/distributions/${d.id}/invitations`}
          download
          data-testid="distribution-invitations"
        >
          {t('distributionUi.invitations')}
        </a>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}

/** `/penyaluran/:id`: one distribution, who was checked in, and the discrepancy report. */
export default function DistributionDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const event = useLoad(() => getDistribution(id), [id]);
  return (
    <div className="page">
      <Link href={distributionsPath} className="back-link">
        ← {t('distributionUi.title')}
      </Link>
      {event.status === 'loading' && <Loading />}
      {event.status === 'error' && <ErrorMessage error={event.error} onRetry={event.retry} />}
      {event.status === 'done' && (
        <>
          <Header d={event.data} onChanged={event.retry} />
          <Report id={id} />
          <Recipients id={id} />
        </>
      )}
    </div>
  );
}
