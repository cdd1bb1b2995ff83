import type { Me } from '../session/session.types';
import { fieldDb } from './db';
import { startAutoSync, stopAutoSync } from './scheduler';
import { onFreshMe } from './sync';

/** What matters of /me to the screens (its session expiry moves on every call). */
const essence = (me: Me) => JSON.stringify([me.user, me.grants, me.permissions, me.csrfToken]);

/**
 * Starts background sync for the signed-in account. The /me each sync fetches reaches the
 * session only when something in it changed, so a sync never re-renders the screen in use.
 */
export function start(me: Me, update: (me: Me) => void): void {
  let last = essence(me);
  onFreshMe((fresh) => {
    const next = essence(fresh);
    if (next === last) return;
    last = next;
    update(fresh);
  });
  startAutoSync(fieldDb(me.user.id));
}

export function stop(): void {
  onFreshMe(null);
  stopAutoSync();
}
