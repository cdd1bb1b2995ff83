import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, localized, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { useFormatDate, useFormatNumber } from '../../hooks/useFormat';
import { disputeEntry } from './reports.api';
import type { MonthlyReport, ReportEntry } from './reports.types';
import { useAction } from './useAction';

/** Figures by duty (Permensos 10/2019): entries in the log and those the reviewer counts. */
export function DutyFigures({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  return (
    <section className="card">
      <h2>{t('monthlyReport.figures')}</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="duty-figures">
          <thead>
            <tr>
              <th scope="col">{t('monthlyReport.duty')}</th>
              <th scope="col">{t('monthlyReport.entries')}</th>
              <th scope="col">{t('monthlyReport.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {report.figures.byDuty.map((d) => (
              <tr key={d.duty} data-testid="duty-row" data-duty={d.duty} data-total={d.total} data-counted={d.counted}>
                <td>{localized(d.label)}</td>
                <td>{format(d.total)}</td>
                <td>{format(d.counted)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="duty-total">
              <th scope="row">{t('monthlyReport.total')}</th>
              <td>{format(report.figures.total)}</td>
              <td>{format(report.figures.counted)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** The PSM's objection to one entry, with a comment the reviewer must answer. */
function DisputeForm({
  report,
  entry,
  onDone,
  onCancel,
}: {
  report: MonthlyReport;
  entry: ReportEntry;
  onDone: (r: MonthlyReport) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const action = useAction(onDone);
  const errors = fieldErrors(action.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(() => disputeEntry(report.id, entry.activityId, comment.trim()));
  }
  return (
    <form className="form dispute-form" onSubmit={submit} noValidate data-testid="dispute-form">
      {action.error !== null && !errors.comment && (
        <p className="notice notice-error" role="alert">
          {summaryMessage(action.error)}
        </p>
      )}
      <Field
        name="comment"
        label={t('monthlyReport.disputeComment')}
        hint={t('monthlyReport.disputeHint')}
        error={errors.comment ?? errors.activityId}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            required
            minLength={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="dispute-comment"
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={action.busy || comment.trim().length < 3} data-testid="dispute-submit">
          {t('monthlyReport.disputeSend')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The entries of the month; the PSM may dispute one while the report is under review. */
export function ReportEntries({ report, onChange }: { report: MonthlyReport; onChange: (r: MonthlyReport) => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [disputing, setDisputing] = useState<string | null>(null);
  const labels = new Map(report.figures.byDuty.map((d) => [d.duty, localized(d.label)]));
  const open = new Set(report.disputes.filter((d) => !d.answeredAt).map((d) => d.activityId));
  const mayDispute = report.actions.includes('dispute');
  return (
    <section className="card" data-testid="report-entries">
      <h2>{t('monthlyReport.entryList')}</h2>
      {report.entries.length === 0 && <p className="meta">{t('monthlyReport.noEntries')}</p>}
      <ul className="plain-list entry-list">
        {report.entries.map((e) => (
          <li
            key={e.activityId}
            className="entry"
            data-testid="report-entry"
            data-activity={e.activityId}
            data-counted={String(e.counted)}
          >
            <p className="entry-title">
              <strong>{e.title}</strong> {!e.counted && <span className="badge badge-warn">{t('monthlyReport.notCounted')}</span>}
            </p>
            <p className="meta">
              {formatDate(e.occurredOn)} · {labels.get(e.duty) ?? e.duty} ·{' '}
              {t(`monthlyReport.source.${e.source}`, { defaultValue: e.source })}
            </p>
            {e.reviewNote && (
              <p className="meta" data-testid="entry-note">
                {t('monthlyReport.reviewNote')}: {e.reviewNote}
              </p>
            )}
            {mayDispute && !open.has(e.activityId) && disputing !== e.activityId && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setDisputing(e.activityId)}
                data-testid="dispute-open"
              >
                {t('monthlyReport.dispute')}
              </button>
            )}
            {disputing === e.activityId && (
              <DisputeForm
                report={report}
                entry={e}
                onCancel={() => setDisputing(null)}
                onDone={(r) => {
                  setDisputing(null);
                  onChange(r);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
