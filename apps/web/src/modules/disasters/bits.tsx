import { useTranslation } from 'react-i18next';
import type { IncidentStatus } from './disasters.types';

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge incident-status is-${status}`} data-testid="incident-status" data-status={status}>
      {t(`disasters.status.${status}`)}
    </span>
  );
}

/** "Banjir · Bencana alam" */
export function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string, hazard: string | null) =>
    [hazard ? hazardLabel(hazard) : null, t(`disasters.kind.${kind}`)].filter(Boolean).join(' · ');
}

export function hazardLabel(hazard: string): string {
  const words = hazard.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
