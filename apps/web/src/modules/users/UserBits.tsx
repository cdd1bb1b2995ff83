import { useTranslation } from 'react-i18next';
import type { GrantView } from '../../session/session.types';
import type { User } from './users.types';

/** Status marks of an account: disabled, locked, must change its password. */
export function UserBadges({ user }: { user: Pick<User, 'status' | 'locked' | 'mustChangePassword'> }) {
  const { t } = useTranslation();
  return (
    <>
      {user.status === 'disabled' && (
        <span className="badge badge-muted" data-testid="badge-disabled">
          {t('users.statusDisabled')}
        </span>
      )}
      {user.locked && (
        <span className="badge badge-warn" data-testid="badge-locked">
          {t('users.locked')}
        </span>
      )}
      {user.mustChangePassword && (
        <span className="badge" data-testid="badge-must-change">
          {t('users.mustChange')}
        </span>
      )}
    </>
  );
}

/** "PSM · Kel. Kerten" chips, one per grant. */
export function GrantChips({ grants }: { grants: GrantView[] }) {
  const { t } = useTranslation();
  if (grants.length === 0) return null;
  return (
    <ul className="grant-chips" aria-label={t('grants.title')}>
      {grants.map((g) => (
        <li key={`${g.role} ${g.areaCode}`} className="chip" data-testid="grant-chip" data-role={g.role} data-area={g.areaCode}>
          {t(`roles.${g.role}`)} · {g.areaCode === 'ID' ? t('areas.national') : (g.areaName ?? g.areaCode)}
        </li>
      ))}
    </ul>
  );
}
