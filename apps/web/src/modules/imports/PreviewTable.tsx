import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import type { ImportField, PreviewRow } from './imports.types';
import { StatusBadge } from './StatusBadge';

/** The first rows as the import would judge them, with the reason of every rejection. */
export function PreviewTable({ rows, fields, waiting }: { rows: PreviewRow[]; fields: ImportField[]; waiting: boolean }) {
  const { t } = useTranslation();
  const shown = fields.filter((f) => rows.some((r) => r.values[f.key] !== undefined));
  if (rows.length === 0) return <p className="hint">{t(waiting ? 'imports.previewWaiting' : 'imports.previewEmpty')}</p>;
  return (
    <div className="import-scroll">
      <table className="import-table" data-testid="import-preview">
        <thead>
          <tr>
            <th scope="col">{t('imports.row')}</th>
            <th scope="col">{t('imports.outcome')}</th>
            {shown.map((f) => (
              <th scope="col" key={f.key}>
                {f.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} data-testid="preview-row" data-row={r.row} data-status={r.status}>
              <td>{r.row}</td>
              <td>
                <StatusBadge status={r.status} />
                {[...r.reasons, ...r.warnings].map((issue, i) => (
                  <p key={i} className={i < r.reasons.length ? 'field-error' : 'hint'} data-testid="preview-reason">
                    {localized(issue.message)}
                  </p>
                ))}
              </td>
              {shown.map((f) => (
                <td key={f.key}>{r.values[f.key] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
