import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { trackComplaint, type ComplaintStatus } from './complaints.api';
import '../dashboard/charts.css';

/** `/pengaduan/lacak`: a complaint's progress by its tracking code (never in the URL: it is the key). */
export default function ComplaintTrackPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<ComplaintStatus | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await trackComplaint(code.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow-page">
      <Link href="/pengaduan" className="back-link">
        ← {t('complaints.title')}
      </Link>
      <h1>{t('complaints.trackTitle')}</h1>
      <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="code" label={t('complaints.trackingCode')}>
          {(props) => <input {...props} autoComplete="off" autoCapitalize="characters" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} data-testid="track-code" />}
        </Field>
        <button type="submit" className="button" disabled={busy || !code.trim()} data-testid="track-submit">
          {t('complaints.track')}
        </button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
      {status && (
        <section className="card" data-testid="complaint-status" data-stage={status.stage}>
          <p className="eyebrow">
            {t(`complaints.categories.${status.category}`, { defaultValue: status.category })} · {status.villageName}
          </p>
          <h2 data-testid="complaint-stage">{localized(status.stageLabel)}</h2>
          <p className="meta">
            {t('complaints.filedAt')}: {formatDateTime(status.filedAt)}
            {status.stageDueAt ? ` · ${t('complaints.dueAt')}: ${formatDateTime(status.stageDueAt)}` : ''}
          </p>
          {status.outcome && (
            <p>
              {t('complaints.outcome')}: {t(`complaints.outcomes.${status.outcome}`, { defaultValue: status.outcome })}
              {status.outcomeNote ? ` — ${status.outcomeNote}` : ''}
            </p>
          )}
          <ol className="timeline">
            {[...status.history].reverse().map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <strong>{t(`complaints.stages.${h.toStage}`, { defaultValue: h.toStage })}</strong>
                <span className="block meta">
                  {formatDateTime(h.at)}
                  {h.note ? ` · ${h.note}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
