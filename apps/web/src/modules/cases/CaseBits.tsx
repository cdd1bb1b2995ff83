import { useTranslation } from 'react-i18next';
import type { CaseStatus } from './cases.types';

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge${status === 'closed' ? ' badge-muted' : ''}`} data-testid="case-status" data-status={status}>
      {t(`cases.status.${status}`)}
    </span>
  );
}
