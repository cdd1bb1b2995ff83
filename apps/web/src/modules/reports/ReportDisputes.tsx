import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { useFormatDateTime } from '../../hooks/useFormat';
import { answerDispute } from './reports.api';
import type { Dispute, MonthlyReport } from './reports.types';
import { useAction } from './useAction';

/** The reviewer's answer to one dispute: accepted (the entry counts) or rejected, with a reason. */
function AnswerForm({
  report,
  dispute,
  onDone,
}: {
  report: MonthlyReport;
  dispute: Dispute;
  onDone: (r: MonthlyReport) => void;
}) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<'accepted' | 'rejected'>('accepted');
  const action = useAction(onDone);
  const errors = fieldErrors(action.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(() => answerDispute(report.id, dispute.id, { answer: answer.trim(), outcome }));
  }
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="answer-form">
      {action.error !== null && !errors.answer && (
        <p className="notice notice-error" role="alert">
          {summaryMessage(action.error)}
        </p>
      )}
      <fieldset className="choice-group">
        <legend className="field-label">{t('monthlyReport.outcome')}</legend>
        {(['accepted', 'rejected'] as const).map((o) => (
          <label key={o} className="choice">
            <input
              type="radio"
              name={`outcome-${dispute.id}`}
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
              data-testid={`outcome-${o}`}
            />
            {t(`monthlyReport.outcomes.${o}`)}
          </label>
        ))}
      </fieldset>
      <Field name="answer" label={t('monthlyReport.answer')} error={errors.answer}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            required
            minLength={3}
            maxLength={2000}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            data-testid="answer-text"
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={action.busy || answer.trim().length < 3} data-testid="answer-submit">
        {t('monthlyReport.answerSend')}
      </button>
    </form>
  );
}

/** The PSM's disputes with the reviewer's answers; the reviewer answers the open ones here. */
export function ReportDisputes({ report, onChange }: { report: MonthlyReport; onChange: (r: MonthlyReport) => void }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (report.disputes.length === 0) return null;
  const titles = new Map(report.entries.map((e) => [e.activityId, e.title]));
  const mayAnswer = report.actions.includes('answer');
  return (
    <section className="card" data-testid="report-disputes">
      <h2>{t('monthlyReport.disputes')}</h2>
      <ul className="plain-list entry-list">
        {report.disputes.map((d) => (
          <li key={d.id} className="entry" data-testid="dispute" data-activity={d.activityId} data-open={String(!d.answeredAt)}>
            <p className="entry-title">
              <strong>{titles.get(d.activityId) ?? '—'}</strong>
            </p>
            <p data-testid="dispute-comment-text">
              <span className="meta">{t('monthlyReport.disputedAt', { at: formatDateTime(d.raisedAt) })}: </span>
              {d.comment}
            </p>
            {d.answeredAt ? (
              <p className="dispute-answer" data-testid="dispute-answer" data-outcome={d.outcome ?? ''}>
                <span className={`badge${d.outcome === 'accepted' ? '' : ' badge-muted'}`}>
                  {t(`monthlyReport.outcomes.${d.outcome ?? 'rejected'}`)}
                </span>{' '}
                {d.answer}
              </p>
            ) : mayAnswer ? (
              <AnswerForm report={report} dispute={d} onDone={onChange} />
            ) : (
              <p className="meta" data-testid="dispute-waiting">
                {t('monthlyReport.waitingAnswer')}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
