import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { useSession } from '../../session/SessionContext';
import { exportTable } from './dashboard.api';
import { DASHBOARD_TABLES } from './dashboard.types';

const PURPOSE_MIN = 5;

/** Export of a dashboard table; the purpose is required (audited, UU PDP accountability). */
export function ExportForm({ area, period }: { area: string; period: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [table, setTable] = useState<string>('children');
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const short = purpose.trim().length < PURPOSE_MIN;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (short) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await exportTable({ table, format, area, purpose: purpose.trim(), ...(period ? { period } : {}) }, me?.csrfToken ?? null);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate data-testid="export-form">
      <h2>{t('dashboard.export.title')}</h2>
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      {done && (
        <p className="notice notice-ok" role="status" data-testid="export-done">
          {t('dashboard.export.done')}
        </p>
      )}
      <div className="filter-grid">
        <Field name="table" label={t('dashboard.export.table')}>
          {(props) => (
            <select {...props} value={table} onChange={(e) => setTable(e.target.value)} data-testid="export-table">
              {DASHBOARD_TABLES.map((x) => (
                <option key={x} value={x}>
                  {t(`dashboard.tables.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="format" label={t('dashboard.export.format')}>
          {(props) => (
            <select {...props} value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'xlsx')} data-testid="export-format">
              <option value="pdf">PDF</option>
              <option value="xlsx">Excel (XLSX)</option>
            </select>
          )}
        </Field>
      </div>
      <Field name="purpose" label={t('dashboard.export.purpose')} hint={t('dashboard.export.purposeHint')} error={errors.purpose}>
        {(props) => <textarea {...props} rows={2} required minLength={PURPOSE_MIN} maxLength={500} value={purpose} onChange={(e) => setPurpose(e.target.value)} data-testid="export-purpose" />}
      </Field>
      <button type="submit" className="button" disabled={busy || short} data-testid="export-submit">
        {busy ? t('dashboard.export.busy') : t('dashboard.export.submit')}
      </button>
    </form>
  );
}
