import { useEffect, useRef } from 'react';
import { useSession } from '../session/SessionContext';

/**
 * Starts background sync for an account that works in the field (may register persons).
 * Loaded on demand so Dexie stays out of the first-load bundle.
 */
export default function AutoSync() {
  const { me, update } = useSession();
  const field = me && !me.user.mustChangePassword && me.permissions.includes('person.create') ? me : null;
  const userId = field?.user.id ?? null;
  const current = useRef(field);
  current.current = field;
  useEffect(() => {
    if (!userId) return;
    let cancelled = false;
    void import('./start').then((m) => {
      if (!cancelled && current.current) m.start(current.current, update);
    });
    return () => {
      cancelled = true;
      void import('./start').then((m) => m.stop());
    };
  }, [userId, update]);
  return null;
}
