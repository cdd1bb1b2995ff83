import './imports.css';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { uploadImport } from './imports.api';
import type { ImportTarget, UploadResult } from './imports.types';
import { MappingStep } from './MappingStep';

const MAX_MB = { csv: 50, xlsx: 20 };

/**
 * `/impor/warga|psm|program`: upload a spreadsheet, then map its columns, preview the
 * judged first rows and start the import (MappingStep).
 */
export default function ImportNewPage({ target }: { target: ImportTarget }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [uploaded, setUploaded] = useState<UploadResult | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setUploaded(await uploadImport(target, file));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page import-new-page">
      <Link href="/impor" className="back-link">
        {t('imports.back')}
      </Link>
      <div className="page-title">
        <h1>{t('imports.newTitle', { target: t(`imports.target.${target}`) })}</h1>
      </div>
      {uploaded ? (
        <MappingStep upload={uploaded} />
      ) : (
        <form className="card form" onSubmit={submit} data-testid="import-upload">
          <p>{t(`imports.targetHint.${target}`)}</p>
          <Field name="file" label={t('imports.file')} hint={t('imports.fileHint', MAX_MB)}>
            {(props) => (
              <input
                {...props}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                data-testid="import-file"
              />
            )}
          </Field>
          {error !== null && <ErrorMessage error={error} />}
          <div className="actions">
            <button type="submit" className="button" disabled={!file || busy} data-testid="import-upload-submit">
              {busy ? t('imports.uploading') : t('imports.upload')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
