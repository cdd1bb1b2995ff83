import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';

/**
 * COPY … FROM STDIN in PostgreSQL's text format: the fastest way into a table
 * (ARCHITECTURE.md toolchain facts). Values are escaped here, never interpolated
 * into SQL.
 */
/** A value for a json/jsonb column (plain arrays go to PostgreSQL array columns). */
export class Json {
  constructor(readonly value: unknown) {}
}
export type CopyValue = string | number | boolean | Buffer | null | undefined | readonly (string | number)[] | Json;

const SPECIAL = /[\\\t\n\r]/;
function escapeText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (v instanceof Json) return escapeText(JSON.stringify(v.value));
  if (Array.isArray(v)) return escapeText(arrayLiteral(v));
  return escapeText(v as string);
}

/** Streams `rows` into `table (columns)` on the transaction's connection. */
export async function copyRows(db: pg.PoolClient, table: string, columns: string[], rows: CopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const stream = db.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const CHUNK = 2000;
  async function* lines() {
    for (let i = 0; i < rows.length; i += CHUNK) {
      let out = '';
      for (const r of rows.slice(i, i + CHUNK)) out += `${r.map(copyField).join('\t')}\n`;
      yield out;
    }
  }
  await pipeline(Readable.from(lines()), stream);
}
