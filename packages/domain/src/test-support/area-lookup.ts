/**
 * Test-only: an AreaLookup built from the real idn-area-data CSV files (data ODbL 1.0).
 * Reads files, so it is not exported from the package index.
 */
import { readFileSync } from 'node:fs';
import type { AreaLookup } from '../nik';

const DATA_DIR = new URL('../../../../node_modules/idn-area-data/data/', import.meta.url);

/** Codes from the first column (codes never contain commas or quotes; names may). */
function readCodes(file: string): Set<string> {
  const lines = readFileSync(new URL(file, DATA_DIR), 'utf8').split(/\r?\n/).slice(1);
  return new Set(lines.filter((l) => l.length > 0).map((l) => l.slice(0, l.indexOf(','))));
}

let cached: AreaLookup | undefined;

/** The lookup over provinces, regencies and districts (built once per test file). */
export function realAreaLookup(): AreaLookup {
  if (cached) return cached;
  const provinces = readCodes('provinces.csv');
  const regencies = readCodes('regencies.csv');
  const districts = readCodes('districts.csv');
  cached = {
    hasProvince: (c) => provinces.has(c),
    hasRegency: (c) => regencies.has(c),
    hasDistrict: (c) => districts.has(c),
  };
  return cached;
}
