import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../hooks/useOnline';
import { currentLanguage, setLanguage } from '../i18n';
import { useSession } from '../session/SessionContext';
import { UserMenu } from '../session/UserMenu';
import { Icon, type IconName } from './Icon';
import { Link } from './Link';

export type Section = 'field' | 'home' | 'persons' | 'users' | 'areas' | 'about' | 'members' | 'cases' | 'referrals' | 'dashboard' | 'ipsm' | 'reports' | 'privacy' | 'disasters' | 'imports' | 'programmes' | null;

/**
 * Navigation: the people and user screens appear only for accounts holding
 * `person.read` / `user.read` somewhere (/me.permissions; navigation only —
 * what may be done on a record comes from its `actions`).
 */
const navItems: { section: Exclude<Section, null>; href: string; icon: IconName; permission?: string | string[] }[] = [
  { section: 'home', href: '/', icon: 'home' },
  { section: 'field', href: '/lapangan', icon: 'phone', permission: 'person.create' },
  { section: 'persons', href: '/warga', icon: 'person', permission: 'person.read' },
  { section: 'cases', href: '/kasus', icon: 'folder', permission: 'case.read' },
  { section: 'referrals', href: '/rujukan', icon: 'inbox', permission: 'referral.respond' },
  { section: 'members', href: '/psm', icon: 'badge', permission: 'member.read' },
  // IPSM units, announcements, events, library (org module)
  { section: 'ipsm', href: '/ipsm', icon: 'users', permission: 'member.read' },
  { section: 'dashboard', href: '/dasbor', icon: 'chart', permission: 'report.read' },
  // Monthly PSM reports: the PSM's own, or those an IPSM coordinator / Dinsos reads (issue 7)
  { section: 'reports', href: '/laporan-bulanan', icon: 'folder', permission: ['activity.record', 'report.review', 'activity.read'] },
  // Spreadsheet imports (imports module, issue 10)
  { section: 'imports', href: '/impor', icon: 'plus', permission: ['person.create', 'member.create', 'programme.enrol'] },
  { section: 'users', href: '/pengguna', icon: 'users', permission: 'user.read' },
  // Personal-data duties: the DPO's screens; other staff record a person's request (privacy module, issue 11)
  { section: 'privacy', href: '/privasi', icon: 'info', permission: ['privacy.manage', 'privacy.request'] },
  // Disaster response: incidents, assessments, victims, logistics, roster, sitreps (issue 9)
  { section: 'disasters', href: '/bencana', icon: 'map', permission: ['incident.manage', 'incident.respond'] },
  // Aid programmes: memberships, usulan, distributions, complaint desk (issue 8)
  { section: 'programmes', href: '/usulan', icon: 'badge', permission: ['usulan.read', 'distribution.read', 'complaint.read'] },
  { section: 'areas', href: '/wilayah', icon: 'map' },
  { section: 'about', href: '/tentang', icon: 'info' },
];

function LanguageSwitch() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      aria-label={t('language.switchLabel')}
      lang={next}
      onClick={() => void setLanguage(next)}
    >
      {t('language.switchTo')}
    </button>
  );
}

function OnlineStatus({ online }: { online: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`net-status ${online ? 'is-online' : 'is-offline'}`} role="status" data-testid="online-status">
      <span className="net-dot" aria-hidden="true" />
      {online ? t('network.online') : t('network.offline')}
    </span>
  );
}

/** The frame of every screen: header, navigation (tabs on phones, side bar on desktop). */
export function Layout({ section, children }: { section: Section; children: ReactNode }) {
  const { t } = useTranslation();
  const online = useOnline();
  const { me } = useSession();
  // While a temporary password must be replaced, nothing else is reachable anyway.
  const permissions = me && !me.user.mustChangePassword ? me.permissions : [];
  const items = navItems.filter((item) => !item.permission || [item.permission].flat().some((p) => permissions.includes(p)));
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          <img src="/icon.svg" alt="" width="32" height="32" />
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <span className="brand-tagline">{t('app.tagline')}</span>
        <div className="header-actions">
          <OnlineStatus online={online} />
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      {!online && (
        <p className="offline-banner" data-testid="offline-banner">
          {t('network.offlineHint')}
        </p>
      )}
      <nav className="app-nav" aria-label={t('nav.label')} data-items={items.length}>
        <ul>
          {items.map((item) => (
            <li key={item.section}>
              <Link href={item.href} aria-current={section === item.section ? 'page' : undefined} data-testid={`nav-${item.section}`}>
                <Icon name={item.icon} />
                <span>{t(`nav.${item.section}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
