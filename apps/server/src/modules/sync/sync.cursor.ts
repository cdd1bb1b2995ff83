import { AppError } from '../../platform/errors';

/**
 * Where a device is in its sync, as an opaque string. `snapshot`: the first
 * download, entity by entity in id order, of everything in scope as of
 * `horizon`. `changes`: the change log between `from` and `to` (snapshot
 * horizons), paged by (xid, id) — resumable at any page.
 */
export type Cursor =
  | { v: 1; phase: 'snapshot'; horizon: string; type: number; after: string | null }
  | { v: 1; phase: 'changes'; from: string; to: string | null; afterXid: string | null; afterId: string | null };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

const invalid = () =>
  new AppError(400, 'invalid_cursor', { id: 'Kursor sinkronisasi tidak valid; mulai sinkronisasi ulang', en: 'Invalid sync cursor; start a fresh sync' }, [
    { field: 'cursor', code: 'cursor.invalid', message: { id: 'Kursor tidak valid', en: 'Invalid cursor' } },
  ]);

const XID = /^\d{1,20}$/;

export function decodeCursor(s: string): Cursor {
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw invalid();
  }
  if (!c || c.v !== 1) throw invalid();
  if (c.phase === 'snapshot' && XID.test(c.horizon) && Number.isInteger(c.type) && c.type >= 0) return c;
  if (
    c.phase === 'changes' &&
    XID.test(c.from) &&
    (c.to === null || XID.test(c.to)) &&
    (c.afterXid === null || XID.test(c.afterXid)) &&
    (c.afterId === null || typeof c.afterId === 'string')
  ) {
    return c;
  }
  throw invalid();
}
