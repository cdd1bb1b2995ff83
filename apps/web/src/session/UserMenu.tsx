import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/client';
import { Link } from '../components/Link';
import { navigate, usePathname } from '../router';
import { signInPath } from './paths';
import { useSession } from './SessionContext';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/** The account button in the header: who is signed in, change password, sign out (here or everywhere). */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  useEffect(() => setOpen(false), [pathname]);

  const me = session.me;
  if (!me) {
    if (session.state.status === 'loading' || pathname === '/masuk') return null;
    return (
      <Link href={signInPath(location.pathname + location.search)} className="header-button" data-testid="sign-in-link">
        {t('signIn.link')}
      </Link>
    );
  }

  async function signOut(everywhere: boolean) {
    setError(null);
    try {
      await session.signOut(everywhere);
      navigate('/masuk', { replace: true });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="header-button user-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('userMenu.label', { name: me.user.displayName })}
        onClick={() => setOpen((v) => !v)}
        data-testid="user-menu"
      >
        <span className="avatar" aria-hidden="true">
          {initials(me.user.displayName)}
        </span>
        <span className="user-button-name">{me.user.displayName}</span>
      </button>
      {open && (
        <div className="user-menu-panel" id={menuId} data-testid="user-menu-panel">
          <p className="user-menu-name">{me.user.displayName}</p>
          <p className="meta">@{me.user.username}</p>
          {me.grants.length > 0 && (
            <ul className="grant-chips">
              {me.grants.map((g) => (
                <li key={`${g.role} ${g.areaCode}`} className="chip">
                  {t(`roles.${g.role}`)} · {g.areaCode === 'ID' ? t('areas.national') : (g.areaName ?? g.areaCode)}
                </li>
              ))}
            </ul>
          )}
          {error !== null && (
            <p className="field-error" role="alert">
              {describeError(error)}
            </p>
          )}
          <Link href="/ganti-kata-sandi" className="menu-item" data-testid="menu-change-password">
            {t('userMenu.changePassword')}
          </Link>
          <button type="button" className="menu-item" onClick={() => void signOut(false)} data-testid="sign-out">
            {t('userMenu.signOut')}
          </button>
          <button type="button" className="menu-item" onClick={() => void signOut(true)} data-testid="sign-out-everywhere">
            {t('userMenu.signOutEverywhere')}
          </button>
        </div>
      )}
    </div>
  );
}
