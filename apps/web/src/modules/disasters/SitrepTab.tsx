import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { generateSitrep, getSitrep, listSitreps, sitrepPdfUrl } from './disasters.api';
import type { Incident } from './disasters.types';
import { FormError, useSubmit } from './forms';

function SitrepView({ incidentId, sitrepId }: { incidentId: string; sitrepId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => getSitrep(incidentId, sitrepId), [incidentId, sitrepId]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  const s = state.data;
  return (
    <article className="card" data-testid="sitrep" data-number={s.number}>
      <h3>{t('disasters.sitrep.number', { number: s.number })}</h3>
      <p className="hint">{t('disasters.sitrep.noPersonal')}</p>
      <div className="actions">
        <CopyButton text={s.text} testId="sitrep-copy" />
        <a className="button button-secondary" href={sitrepPdfUrl(incidentId, s.id)} download data-testid="sitrep-pdf">
          {t('disasters.sitrep.pdf')}
        </a>
      </div>
      <h4>{t('disasters.sitrep.text')}</h4>
      <pre className="sitrep-text" data-testid="sitrep-text">
        {s.text}
      </pre>
    </article>
  );
}

/** Situation reports: generate one now, read and copy its text, download its PDF; earlier ones listed. */
export function SitrepTab({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const [round, setRound] = useState(0);
  const [shown, setShown] = useState<string | null>(null);
  const list = useLoad(() => listSitreps(incident.id), [incident.id, round]);
  const submit = useSubmit();
  const current = shown ?? (list.status === 'done' ? (list.data.items[0]?.id ?? null) : null);
  return (
    <section aria-labelledby="sitrep-title">
      <h2 id="sitrep-title" className="section-title">
        {t('disasters.sitrep.title')}
      </h2>
      {/* Anyone who sees the incident reads its sitreps; the managing office writes them. */}
      {incident.actions.includes('sitrep') && (
        <button
          type="button"
          className="button button-block"
          disabled={submit.busy}
          onClick={() =>
            void submit.run(
              () => generateSitrep(incident.id),
              (s) => {
                setShown(s.id);
                setRound((r) => r + 1);
              },
            )
          }
          data-testid="sitrep-generate"
        >
          {t('disasters.sitrep.generate')}
        </button>
      )}
      <FormError error={submit.error} shown={{}} />
      {current && <SitrepView key={current} incidentId={incident.id} sitrepId={current} />}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && list.data.items.length === 0 && <p className="hint">{t('disasters.sitrep.none')}</p>}
      {list.status === 'done' && list.data.items.length > 0 && (
        <ul className="plain-list history-list" data-testid="sitrep-list">
          {list.data.items.map((s) => (
            <li key={s.id} className="history-item">
              <button type="button" className="link-button" aria-pressed={s.id === current} onClick={() => setShown(s.id)}>
                {t('disasters.sitrep.number', { number: s.number })} · {formatTime(s.generatedAt)} ·{' '}
                {s.trigger === 'daily' ? t('disasters.sitrep.daily') : t('disasters.sitrep.onDemand')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
