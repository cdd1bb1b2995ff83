import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { useSession } from '../../session/SessionContext';
import { downloadReport } from './reports.api';
import { useAction } from './useAction';

const PURPOSE_MIN = 5;

/** Download of the report as PDF or Excel (letterhead); the purpose is required and audited (UU PDP). */
export function ReportExport({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [purpose, setPurpose] = useState(t('monthlyReport.export.defaultPurpose'));
  const [done, setDone] = useState(false);
  const action = useAction<void>(() => setDone(true));
  const errors = fieldErrors(action.error);
  const short = purpose.trim().length < PURPOSE_MIN;

  const download = (format: 'pdf' | 'xlsx') => (e?: FormEvent) => {
    e?.preventDefault();
    setDone(false);
    void action.run(() => downloadReport(id, { format, purpose: purpose.trim() }, me?.csrfToken ?? null));
  };
  return (
    <form className="card form" onSubmit={download('pdf')} noValidate data-testid="report-export">
      <h2>{t('monthlyReport.export.title')}</h2>
      {action.error !== null && !errors.purpose && (
        <p className="notice notice-error" role="alert">
          {summaryMessage(action.error)}
        </p>
      )}
      {done && (
        <p className="notice notice-ok" role="status" data-testid="report-export-done">
          {t('monthlyReport.export.done')}
        </p>
      )}
      <Field
        name="purpose"
        label={t('monthlyReport.export.purpose')}
        hint={t('monthlyReport.export.purposeHint')}
        error={errors.purpose}
      >
        {(props) => (
          <input
            {...props}
            required
            minLength={PURPOSE_MIN}
            maxLength={500}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            data-testid="report-export-purpose"
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={action.busy || short} data-testid="report-export-pdf">
          {t('monthlyReport.export.pdf')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={action.busy || short}
          onClick={() => download('xlsx')()}
          data-testid="report-export-xlsx"
        >
          {t('monthlyReport.export.xlsx')}
        </button>
      </div>
    </form>
  );
}
