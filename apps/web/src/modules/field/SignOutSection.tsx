import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetPhoneData } from '../../offline/signOut';
import { useLive } from '../../offline/useLive';
import { navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { useFieldDb } from './FieldApp';

/**
 * Signing out of a shared phone clears what this account kept on it. Unsent writes
 * would be lost, so the PSM is told how many and must confirm.
 */
export function SignOutSection() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const session = useSession();
  const unsent = useLive(() => db.outbox.count(), [db]) ?? 0;
  const [busy, setBusy] = useState(false);
  const userId = session.me?.user.id;

  const signOut = async () => {
    if (!userId) return;
    if (!confirm(unsent > 0 ? t('fieldOffline.signOut.confirmPending', { count: unsent }) : t('fieldOffline.signOut.confirm')))
      return;
    setBusy(true);
    // Without signal the server session ends on its own; the local copy goes now, as the phone may be handed on.
    await session.signOut(false).catch(() => undefined);
    await forgetPhoneData(userId);
    navigate('/masuk', { replace: true });
  };

  return (
    <section className="card" data-testid="field-sign-out">
      {unsent > 0 && (
        <p className="notice notice-warn" data-testid="sign-out-unsent">
          {t('fieldOffline.signOut.pendingWarn', { count: unsent })}
        </p>
      )}
      <button
        type="button"
        className="button button-secondary button-block"
        disabled={busy}
        onClick={() => void signOut()}
        data-testid="field-sign-out-button"
      >
        {t('fieldOffline.signOut.button')}
      </button>
    </section>
  );
}
