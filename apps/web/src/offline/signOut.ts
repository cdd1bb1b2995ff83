import Dexie from 'dexie';
import { deleteFieldDb } from './db';
import { stop } from './start';

/**
 * Sign-out on a shared phone: the account's local store (people, cases, photos, outbox,
 * reference data) is deleted so the next person who picks the phone up sees nothing.
 * What is still unsent is counted first, so the screen can warn before it is lost.
 */
export async function unsentCount(userId: string): Promise<number> {
  const name = `pilar-field-${userId}`;
  if (!(await Dexie.exists(name))) return 0;
  const db = new Dexie(name);
  try {
    await db.open();
    return db.tables.some((t) => t.name === 'outbox') ? await db.table('outbox').count() : 0;
  } finally {
    db.close();
  }
}

/** Stops background sync and deletes the account's phone database. */
export async function forgetPhoneData(userId: string): Promise<void> {
  stop();
  await deleteFieldDb(userId);
}
