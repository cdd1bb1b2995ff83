import type { Me } from '../session/session.types';

/**
 * The last /me answer, kept in IndexedDB so that after one online sign-in the field app
 * opens with no signal (the session cookie stays in the browser; the server checks it
 * again on the next online request). Plain IndexedDB, not Dexie: this runs at start-up
 * and must stay out of the first-load bundle.
 */
const DB = 'pilar-session';
const STORE = 'me';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

export async function saveMe(me: Me): Promise<void> {
  try {
    await run('readwrite', (s) => s.put({ me, savedAt: new Date().toISOString() }, 'current'));
  } catch {
    // A cache only: without it the app simply needs a signal to start.
  }
}

export async function cachedMe(): Promise<Me | null> {
  try {
    const row = await run<{ me: Me } | undefined>('readonly', (s) => s.get('current'));
    return row?.me ?? null;
  } catch {
    return null;
  }
}

export async function forgetMe(): Promise<void> {
  try {
    await run('readwrite', (s) => s.delete('current'));
  } catch {
    // nothing kept
  }
}
