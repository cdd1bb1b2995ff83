import { useTranslation } from 'react-i18next';
import type { ImportStatus, RowStatus } from './imports.types';

const TONE: Record<ImportStatus | RowStatus, string> = {
  uploaded: 'badge-muted',
  queued: 'badge-muted',
  running: 'badge-muted',
  succeeded: '',
  failed: 'badge-warn',
  cancelled: 'badge-warn',
  accepted: '',
  unchanged: 'badge-muted',
  rejected: 'badge-warn',
};

/** An import's or a row's status as a coloured word. */
export function StatusBadge({ status }: { status: ImportStatus | RowStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${TONE[status]}`} data-testid="import-status" data-status={status}>
      {t(`imports.status.${status}`)}
    </span>
  );
}
