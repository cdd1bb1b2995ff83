import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { finaliseReport, reviewReport } from './reports.api';
import type { MonthlyReport } from './reports.types';
import { useAction } from './useAction';

/** Entries the reviewer sets apart from their current state, each with the reason. */
type Changes = Record<string, { counted: boolean; note: string }>;

function ReviewForm({ report, onDone }: { report: MonthlyReport; onDone: (r: MonthlyReport) => void }) {
  const { t } = useTranslation();
  const [feedback, setFeedback] = useState(report.feedback ?? '');
  const [changes, setChanges] = useState<Changes>({});
  const action = useAction(onDone);
  const errors = fieldErrors(action.error);
  const changed = Object.entries(changes).filter(
    ([id, c]) => report.entries.find((e) => e.activityId === id)?.counted !== c.counted,
  );
  const ready = feedback.trim().length > 0 && changed.every(([, c]) => c.note.trim().length > 0);

  function submit(e: FormEvent) {
    e.preventDefault();
    const entries = changed.map(([activityId, c]) => ({ activityId, counted: c.counted, note: c.note.trim() }));
    void action.run(() => reviewReport(report, { feedback: feedback.trim(), ...(entries.length ? { entries } : {}) }));
  }
  const toggle = (id: string, counted: boolean) =>
    setChanges((all) => ({ ...all, [id]: { counted, note: all[id]?.note ?? '' } }));
  const note = (id: string, text: string) =>
    setChanges((all) => ({ ...all, [id]: { counted: all[id]?.counted ?? true, note: text } }));

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="review-form">
      <h3>{t('monthlyReport.review')}</h3>
      {action.error !== null && (
        <p className="notice notice-error" role="alert">
          {summaryMessage(action.error)}
        </p>
      )}
      <Field name="feedback" label={t('monthlyReport.feedback')} hint={t('monthlyReport.feedbackHint')} error={errors.feedback}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            required
            maxLength={5000}
            value={feedback}
            onChange={(e) => setFeedback(e.target.value)}
            data-testid="review-feedback"
          />
        )}
      </Field>
      {report.entries.length > 0 && (
        <fieldset className="review-entries">
          <legend className="field-label">{t('monthlyReport.countedEntries')}</legend>
          {report.entries.map((e, i) => {
            const counted = changes[e.activityId]?.counted ?? e.counted;
            return (
              <div key={e.activityId} className="review-entry" data-testid="review-entry" data-activity={e.activityId}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={counted}
                    onChange={(ev) => toggle(e.activityId, ev.target.checked)}
                    data-testid="review-counted"
                  />
                  {e.title} · {e.occurredOn}
                </label>
                {counted !== e.counted && (
                  <Field name={`entries.${i}.note`} label={t('monthlyReport.reviewNote')} error={errors[`entries.${i}.note`]}>
                    {(props) => (
                      <input
                        {...props}
                        required
                        maxLength={1000}
                        value={changes[e.activityId]?.note ?? ''}
                        onChange={(ev) => note(e.activityId, ev.target.value)}
                        data-testid="review-note"
                      />
                    )}
                  </Field>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <button type="submit" className="button" disabled={action.busy || !ready} data-testid="review-submit">
        {t('monthlyReport.reviewSend')}
      </button>
    </form>
  );
}

/** Why the report cannot be final yet, said plainly next to the (disabled) button. */
function blockedReason(report: MonthlyReport, t: (k: string, o?: Record<string, unknown>) => string): string | null {
  if (report.status === 'submitted') return t('monthlyReport.finaliseNeedsReview');
  if (report.openDisputes > 0) return t('monthlyReport.finaliseBlocked', { count: report.openDisputes });
  return null;
}

/** The IPSM reviewer's panel: feedback and counted entries, then finalising. */
export function ReviewPanel({ report, onChange }: { report: MonthlyReport; onChange: (r: MonthlyReport) => void }) {
  const { t } = useTranslation();
  const finalise = useAction(onChange);
  const reviewer = ['review', 'answer', 'finalise'].some((a) => report.actions.includes(a));
  if (!reviewer) return null;
  const reason = report.actions.includes('finalise') ? null : blockedReason(report, t);
  return (
    <section className="card" data-testid="review-panel">
      <h2>{t('monthlyReport.reviewTitle')}</h2>
      {report.actions.includes('review') && <ReviewForm key={report.version} report={report} onDone={onChange} />}
      <div className="finalise">
        {finalise.error !== null && (
          <p className="notice notice-error" role="alert">
            {summaryMessage(finalise.error)}
          </p>
        )}
        {reason && (
          <p className="notice notice-warn" role="status" data-testid="finalise-blocked">
            {reason}
          </p>
        )}
        <button
          type="button"
          className="button"
          disabled={finalise.busy || reason !== null}
          onClick={() => void finalise.run(() => finaliseReport(report))}
          data-testid="finalise"
        >
          {t('monthlyReport.finalise')}
        </button>
      </div>
    </section>
  );
}
