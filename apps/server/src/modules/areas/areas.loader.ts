import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import { parseAreaCode, timeZoneOf } from '@pilar/domain';
import { searchForms } from './areas.search';

/** Folder with provinces.csv, regencies.csv, districts.csv, villages.csv (ODbL 1.0). */
export function idnAreaDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('idn-area-data')), '..', 'data');
}

export interface AreaRow {
  code: string;
  name: string;
  level: string;
  type: string | null;
  parentCode: string | null;
  provinceCode: string;
  timeZone: string;
}

const FILES = [
  { file: 'provinces.csv', parentColumn: null },
  { file: 'regencies.csv', parentColumn: 'province_code' },
  { file: 'districts.csv', parentColumn: 'regency_code' },
  { file: 'villages.csv', parentColumn: 'district_code' },
] as const;

/**
 * Reads the package's CSV files (a real CSV parser: names contain quotes and
 * commas) and derives level, type, parent and time zone from each code.
 * Rows come out parents first, so foreign keys hold during COPY.
 */
export function readAreaRows(dir = idnAreaDataDir()): AreaRow[] {
  const rows: AreaRow[] = [];
  for (const { file, parentColumn } of FILES) {
    const records = parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true, trim: true }) as Record<
      string,
      string
    >[];
    for (const r of records) {
      const code = r.code ?? '';
      const parsed = parseAreaCode(code);
      if (!parsed.ok) throw new Error(`${file}: invalid area code "${code}"`);
      const parentCode = parentColumn ? (r[parentColumn] ?? null) : null;
      if (parentCode !== parsed.parentCode) throw new Error(`${file}: ${code} has parent ${parentCode}, expected ${parsed.parentCode}`);
      const timeZone = timeZoneOf(code);
      if (!timeZone) throw new Error(`${file}: no time zone known for province of ${code}`);
      rows.push({
        code,
        name: r.name ?? '',
        level: parsed.level,
        type: parsed.type,
        parentCode,
        provinceCode: parsed.provinceCode,
        timeZone,
      });
    }
  }
  return rows;
}

function copyField(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** COPYs rows into `table` (text format) with the area columns. */
export async function copyAreaRows(client: pg.ClientBase, rows: AreaRow[], table = 'area'): Promise<void> {
  const stream = client.query(
    copyFrom(
      `COPY ${table} (code, name, level, type, parent_code, province_code, time_zone, child_count, village_count, name_search, name_compact) FROM STDIN`,
    ),
  );
  const counts = countAreas(rows);
  function* lines() {
    let buf = '';
    for (const r of rows) {
      const s = searchForms(r.name);
      const c = counts.get(r.code)!;
      buf +=
        [r.code, r.name, r.level, r.type, r.parentCode, r.provinceCode, r.timeZone, String(c.children), String(c.villages), s.spaced, s.compact]
          .map(copyField)
          .join('\t') + '\n';
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(lines()), stream);
}

/**
 * Child and village counts for every area. Codes nest by fixed-width prefix
 * (PP.KK.CC.NNNN), so a village's ancestors are its 2-, 5- and 8-character prefixes.
 */
export function countAreas(rows: AreaRow[]): Map<string, { children: number; villages: number }> {
  const counts = new Map(rows.map((r) => [r.code, { children: 0, villages: r.level === 'village' ? 1 : 0 }]));
  for (const r of rows) {
    if (r.parentCode) counts.get(r.parentCode)!.children++;
    if (r.level === 'village') for (const len of [2, 5, 8]) counts.get(r.code.slice(0, len))!.villages++;
  }
  return counts;
}

/** Loads all areas (an empty table is expected) and their counts. Returns the number of rows. */
export async function loadAreas(client: pg.ClientBase, dir = idnAreaDataDir()): Promise<number> {
  const rows = readAreaRows(dir);
  await copyAreaRows(client, rows);
  return rows.length;
}
