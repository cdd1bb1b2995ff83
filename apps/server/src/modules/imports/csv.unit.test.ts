import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, UnterminatedQuote } from './csv';

const read = (s: string, d = ',') => [...csvRecords(s, d)];

describe('csvRecords', () => {
  it('reads quoted fields, doubled quotes, delimiters and line breaks inside quotes, and every line ending', () => {
    expect(read('a,"b,c","d ""e""",f\r\ng,"h\ni",\rj')).toEqual([['a', 'b,c', 'd "e"', 'f'], ['g', 'h\ni', ''], ['j']]);
    expect(read('\uFEFFNIK;Nama\n1;x', ';')).toEqual([
      ['NIK', 'Nama'],
      ['1', 'x'],
    ]);
    expect(read('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => read('a,"b\nc')).toThrow(UnterminatedQuote);
  });

  it('agrees with csv-parse on well-formed files', () => {
    const field = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', 'é', '1') }), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const quote = (f: string) => (/[",\n\r]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
        const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
        expect(read(text)).toEqual(parse(text, { relax_column_count: true }));
      }),
    );
  });
});
