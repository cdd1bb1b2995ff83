import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { thisMonth, useAction } from '../programmes/formErrors';
import { listProgrammes } from '../programmes/programmes.api';
import '../programmes/programmes.css';
import { usulanListPath } from './paths';
import { exportBnba, importResults, type ImportReport } from './usulan.api';

function ExportForm({ onExported }: { onExported: (exportId: string, rows: number) => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const programmes = useLoad(() => listProgrammes(), []);
  const regency = me?.grants.map((g) => g.areaCode).find((c) => /^\d{2}\.\d{2}$/.test(c)) ?? '';
  const [f, setF] = useState({
    regencyCode: regency,
    programmeCode: '',
    batchMonth: thisMonth(),
    mode: 'masked' as 'masked' | 'full',
    purpose: '',
  });
  const { busy, error, errors, run } = useAction();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out = await run(() => exportBnba({ ...f, purpose: f.purpose.trim() }, me?.csrfToken ?? null));
    if (out) onExported(out.exportId, out.rows);
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate data-testid="bnba-export-form">
      <h2>{t('usulanUi.bnba.export')}</h2>
      <Field name="regencyCode" label={t('usulanUi.bnba.regency')} error={errors.regencyCode}>
        {(p) => <input {...p} value={f.regencyCode} onChange={(e) => set({ regencyCode: e.target.value.trim() })} />}
      </Field>
      <Field name="programmeCode" label={t('usulanUi.bnba.programme')} error={errors.programmeCode}>
        {(p) => (
          <select
            {...p}
            value={f.programmeCode}
            onChange={(e) => set({ programmeCode: e.target.value })}
            data-testid="bnba-programme"
          >
            <option value="">—</option>
            {(programmes.status === 'done' ? programmes.data.items : []).map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="batchMonth" label={t('usulanUi.batchMonth')} error={errors.batchMonth}>
        {(p) => (
          <input
            {...p}
            type="month"
            value={f.batchMonth}
            onChange={(e) => set({ batchMonth: e.target.value })}
            data-testid="bnba-month"
          />
        )}
      </Field>
      <fieldset className="field">
        <legend className="field-label">{t('usulanUi.bnba.mode')}</legend>
        <div className="choices">
          {(['masked', 'full'] as const).map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="bnba-mode"
                checked={f.mode === m}
                onChange={() => set({ mode: m })}
                data-testid={`bnba-mode-${m}`}
              />
              {t(`usulanUi.bnba.modes.${m}`)}
            </label>
          ))}
        </div>
        {f.mode === 'full' && <p className="notice notice-warn">{t('usulanUi.bnba.fullWarning')}</p>}
      </fieldset>
      <Field name="purpose" label={t('usulanUi.bnba.purpose')} hint={t('usulanUi.bnba.purposeHint')} error={errors.purpose}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={f.purpose}
            onChange={(e) => set({ purpose: e.target.value })}
            data-testid="bnba-purpose"
          />
        )}
      </Field>
      {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
      <button type="submit" className="button" disabled={busy} data-testid="bnba-export">
        {t('usulanUi.bnba.download')}
      </button>
    </form>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="bnba-report" data-applied={report.applied}>
      <p className={`notice ${report.applied ? 'notice-ok' : 'notice-error'}`}>
        {report.applied
          ? t('usulanUi.bnba.applied', { set: report.set, rejected: report.rejected, unchanged: report.unchanged })
          : t('usulanUi.bnba.notApplied', { count: report.errors })}
      </p>
      <div className="table-scroll">
        <table className="prog-table">
          <thead>
            <tr>
              <th scope="col">{t('usulanUi.bnba.row')}</th>
              <th scope="col">NIK</th>
              <th scope="col">{t('usulanUi.bnba.result')}</th>
              <th scope="col">{t('usulanUi.bnba.note')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr
                key={r.row}
                className={r.status === 'error' ? 'import-row-error' : ''}
                data-testid="bnba-report-row"
                data-status={r.status}
              >
                <td className="num">{r.row}</td>
                <td>{r.nikMasked ?? '—'}</td>
                <td>{r.result ? t(`usulanUi.status.${r.result}`) : '—'}</td>
                <td>{r.message ? localized(r.message) : t(`usulanUi.bnba.rowStatus.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ImportForm({ exportId }: { exportId: string }) {
  const { t } = useTranslation();
  const [id, setId] = useState(exportId);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { busy, error, errors, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const r = await run(() => importResults(id.trim(), file));
    if (r) setReport(r);
  };
  return (
    <>
      <form className="card form" onSubmit={(e) => void submit(e)} noValidate data-testid="bnba-import-form">
        <h2>{t('usulanUi.bnba.import')}</h2>
        <Field name="exportId" label={t('usulanUi.bnba.exportId')} hint={t('usulanUi.bnba.exportIdHint')}>
          {(p) => <input {...p} value={id} onChange={(e) => setId(e.target.value)} data-testid="bnba-export-id" />}
        </Field>
        <Field name="file" label={t('usulanUi.bnba.resultFile')} error={errors.file}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="bnba-file"
            />
          )}
        </Field>
        {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <button type="submit" className="button" disabled={busy || !file || !id.trim()} data-testid="bnba-import">
          {t('usulanUi.bnba.upload')}
        </button>
      </form>
      {report && <ImportReportView report={report} />}
    </>
  );
}

/** `/usulan/bnba`: the BNBA list for SIKS-NG (masked by default) and the import of its results. */
export default function BnbaPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [last, setLast] = useState<{ exportId: string; rows: number } | null>(null);
  const perms = me?.permissions ?? [];
  return (
    <div className="page">
      <Link href={usulanListPath} className="back-link">
        ← {t('usulanUi.title')}
      </Link>
      <h1>{t('usulanUi.bnba.title')}</h1>
      {perms.includes('usulan.export_bnba') && <ExportForm onExported={(exportId, rows) => setLast({ exportId, rows })} />}
      {last && (
        <p className="notice notice-ok" role="status" data-testid="bnba-exported">
          {t('usulanUi.bnba.exported', { rows: last.rows, id: last.exportId })}
        </p>
      )}
      {perms.includes('usulan.import_result') && <ImportForm key={last?.exportId ?? ''} exportId={last?.exportId ?? ''} />}
    </div>
  );
}
