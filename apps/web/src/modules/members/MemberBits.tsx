import { useTranslation } from 'react-i18next';
import type { MemberStatus } from './members.types';

/** "Aktif", "Diajukan"… as a badge; waiting and returned registrations stand out. */
export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  const tone = status === 'aktif' ? '' : status === 'diajukan' || status === 'dikembalikan' ? ' badge-warn' : ' badge-muted';
  return (
    <span className={`badge${tone}`} data-testid="member-status" data-status={status}>
      {t(`members.status.${status}`)}
    </span>
  );
}

/** Today as a civil date (YYYY-MM-DD) on this device. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
