import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { navigate } from '../../router';
import { cancelImport, commitImport, listTemplates, previewImport } from './imports.api';
import type { ImportMapping, MappingTemplate, Preview, UploadResult } from './imports.types';
import { PreviewTable } from './PreviewTable';
import { importRunPath, normalizeHeader } from './targets';

/** A saved template (field → header name) applied to this file's headers. */
function applyTemplate(template: MappingTemplate, headers: string[]): ImportMapping {
  const normalized = headers.map(normalizeHeader);
  const mapping: ImportMapping = {};
  for (const [field, header] of Object.entries(template.mapping)) {
    const col = normalized.indexOf(normalizeHeader(header));
    if (col >= 0) mapping[field] = col;
  }
  return mapping;
}

/** Column mapping, preview of the judged first rows, then commit (or discard the upload). */
export function MappingStep({ upload }: { upload: UploadResult }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [mapping, setMapping] = useState<ImportMapping>(upload.suggestedMapping);
  const [preview, setPreview] = useState<Preview>(upload.preview);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [templateName, setTemplateName] = useState('');
  const templates = useLoad(() => listTemplates(upload.target), [upload.target]);

  const missing = upload.fields.filter((f) => f.required && mapping[f.key] === undefined);
  const used = new Set(Object.values(mapping));
  const unmapped = upload.headers.filter((h, i) => h && !used.has(i));

  function choose(field: string, value: string) {
    setMapping((m) => {
      const next = { ...m };
      if (value === '') delete next[field];
      else next[field] = Number(value);
      return next;
    });
    setStale(true);
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const refresh = () =>
    run(async () => {
      setPreview(await previewImport(upload.id, mapping));
      setStale(false);
    });
  const commit = () =>
    run(async () => {
      const started = await commitImport(upload.id, mapping, templateName.trim() || null);
      navigate(importRunPath(started.id));
    });
  const discard = () =>
    run(async () => {
      await cancelImport(upload.id);
      navigate('/impor');
    });

  return (
    <div className="import-mapping" data-testid="import-mapping">
      <p className="notice notice-ok" data-testid="import-uploaded">
        {t('imports.uploaded', {
          count: upload.totalRows,
          rows: upload.totalRows,
          format: upload.format.toUpperCase(),
          header: upload.headerRow,
        })}
      </p>
      {upload.previousImports.length > 0 && (
        <p className="notice notice-warn" data-testid="import-same-file">
          {t('imports.sameFile', { when: formatDateTime(upload.previousImports[0]!.createdAt) })}
        </p>
      )}

      <section className="card form">
        <h2>{t('imports.mapping')}</h2>
        <p className="hint">{t('imports.mappingHint')}</p>
        {templates.status === 'done' && templates.data.items.length > 0 && (
          <Field name="template" label={t('imports.useTemplate')}>
            {(props) => (
              <select
                {...props}
                defaultValue=""
                onChange={(e) => {
                  const tpl = templates.data.items.find((x) => x.id === e.target.value);
                  if (tpl) {
                    setMapping(applyTemplate(tpl, upload.headers));
                    setStale(true);
                  }
                }}
                data-testid="import-template"
              >
                <option value="">{t('imports.chooseTemplate')}</option>
                {templates.data.items.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="mapping-grid">
          {upload.fields.map((f) => (
            <Field
              key={f.key}
              name={`mapping.${f.key}`}
              label={f.required ? `${f.label} *` : f.label}
              error={mapping[f.key] === undefined && f.required ? t('imports.required') : undefined}
            >
              {(props) => (
                <select
                  {...props}
                  value={mapping[f.key] === undefined ? '' : String(mapping[f.key])}
                  onChange={(e) => choose(f.key, e.target.value)}
                  data-testid="mapping-select"
                  data-key={f.key}
                >
                  <option value="">{t('imports.notUsed')}</option>
                  {upload.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h || t('imports.column', { n: i + 1 })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
        {unmapped.length > 0 && (
          <p className="hint" data-testid="import-unmapped">
            {t('imports.unmapped', { columns: unmapped.join(', ') })}
          </p>
        )}
      </section>

      <section className="card">
        <div className="page-title">
          <h2>{t('imports.preview')}</h2>
          <button
            type="button"
            className="button button-secondary"
            onClick={refresh}
            disabled={busy}
            data-testid="import-preview-refresh"
          >
            {t('imports.refreshPreview')}
          </button>
        </div>
        {stale && <p className="notice notice-warn">{t('imports.previewStale')}</p>}
        <PreviewTable rows={preview.rows} fields={upload.fields} waiting={preview.missing.length > 0} />
      </section>

      <section className="card form">
        <Field name="saveTemplate.name" label={t('imports.saveTemplate')} hint={t('imports.saveTemplateHint')}>
          {(props) => (
            <input
              {...props}
              value={templateName}
              maxLength={100}
              onChange={(e) => setTemplateName(e.target.value)}
              data-testid="import-template-name"
            />
          )}
        </Field>
        {missing.length > 0 && (
          <p className="notice notice-error" data-testid="import-missing">
            {t('imports.missing', { fields: missing.map((f) => f.label).join(', ') })}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={commit}
            disabled={busy || missing.length > 0}
            data-testid="import-commit"
          >
            {t('imports.commit', { count: upload.totalRows })}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={discard}
            disabled={busy}
            data-testid="import-discard"
          >
            {t('imports.discard')}
          </button>
        </div>
      </section>
    </div>
  );
}
