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
  // Unsent field-app items found at sign-out: confirmed before they are deleted with the phone's store.
  const [unsent, setUnsent] = useState<{ count: number; everywhere: boolean } | null>(null);
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

  /**
   * Signs out and deletes this account's field-app store (a shared phone must not show the
   * next person anyone's data); unsent items are counted first and need a confirmation.
   * The offline code (Dexie) loads only here, never with the first page.
   */
  async function signOut(everywhere: boolean, confirmed = false) {
    setError(null);
    const userId = me!.user.id;
    try {
      const phone = await import('../offline/signOut').catch(() => null);
      const count = phone && !confirmed ? await phone.unsentCount(userId) : 0;
      if (count > 0) {
        setUnsent({ count, everywhere });
        return;
      }
      await session.signOut(everywhere);
      await phone?.forgetPhoneData(userId);
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
          {unsent && (
            <div className="notice notice-warn" role="alert" data-testid="menu-sign-out-unsent">
              <p>{t('userMenu.unsentWarning', { count: unsent.count })}</p>
              <button
                type="button"
                className="menu-item"
                onClick={() => void signOut(unsent.everywhere, true)}
                data-testid="sign-out-confirm"
              >
                {t('userMenu.signOutAnyway')}
              </button>
              <button
                type="button"
                className="menu-item"
                onClick={() => {
                  setUnsent(null);
                  setOpen(false);
                }}
              >
                {t('userMenu.stay')}
              </button>
            </div>
          )}
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
