import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useSession } from '../../session/SessionContext';

/** The programme screens linked together (memberships, usulan, distributions, complaints), by what the account may read. */
export function ProgrammeNav({ current }: { current: 'memberships' | 'usulan' | 'distributions' | 'complaints' }) {
  const { t } = useTranslation();
  const perms = useSession().me?.permissions ?? [];
  const items = [
    { key: 'memberships', href: '/program', permission: 'programme.read' },
    { key: 'usulan', href: '/usulan', permission: 'usulan.read' },
    { key: 'distributions', href: '/penyaluran', permission: 'distribution.read' },
    { key: 'complaints', href: '/pengaduan/masuk', permission: 'complaint.read' },
  ].filter((i) => perms.includes(i.permission));
  return (
    <nav aria-label={t('programmeUi.nav.label')} className="actions" data-testid="programme-nav">
      {items.map((i) => (
        <Link
          key={i.key}
          href={i.href}
          className={`button ${i.key === current ? '' : 'button-secondary'}`}
          aria-current={i.key === current ? 'page' : undefined}
        >
          {t(`programmeUi.nav.${i.key}`)}
        </Link>
      ))}
    </nav>
  );
}
