import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressGroup } from './suppression';
import { medianOfHistogram, parsePeriod } from './periods';
import { spmIndicatorPercent } from './spm';

describe('suppressGroup', () => {
  it('hides sensitive cells below 5 and never leaves a lone hidden cell beside a published total', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ value: fc.nat(30), sensitive: fc.boolean() }), { minLength: 1, maxLength: 12 }), (raw) => {
        const cells = raw.map((c, i) => ({ key: `k${String(i).padStart(2, '0')}`, ...c }));
        const d = suppressGroup(cells, { hidden: false });
        for (const c of cells) if (c.sensitive && c.value < 5) expect(d.hidden.has(c.key)).toBe(true);
        if (!d.hideTotal && d.hidden.size > 0) {
          expect(d.hidden.size === cells.length || d.hidden.size >= 2).toBe(true);
          const sum = cells.filter((c) => d.hidden.has(c.key)).reduce((s, c) => s + c.value, 0);
          expect(sum >= 5 || d.hidden.size === cells.length).toBe(true);
        }
      }),
    );
  });
  it('hides one more cell when the total is hidden, and is deterministic', () => {
    const cells = [
      { key: 'a', value: 9, sensitive: false },
      { key: 'b', value: 7, sensitive: false },
    ];
    expect([...suppressGroup(cells, { hidden: true }).hidden]).toEqual(['b']);
    expect([...suppressGroup(cells, { hidden: false }).hidden]).toEqual([]);
    const one = suppressGroup([{ key: 'a', value: 3, sensitive: true }, { key: 'b', value: 40, sensitive: false }, { key: 'c', value: 6, sensitive: false }], { hidden: false });
    expect([...one.hidden].sort()).toEqual(['a', 'c']);
  });
});

describe('periods and indicators', () => {
  it('parses years and months', () => {
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', fromMonth: '2026-01-01', toMonth: '2027-01-01' });
    expect(parsePeriod('2026-12')).toMatchObject({ kind: 'month', fromMonth: '2026-12-01', toMonth: '2027-01-01' });
    expect(parsePeriod('2026-13')).toBeNull();
  });
  it('medians a histogram like percentile_cont(0.5)', () => {
    expect(medianOfHistogram([])).toBeNull();
    expect(medianOfHistogram([{ days: 3, n: 1 }])).toBe(3);
    expect(medianOfHistogram([{ days: 1, n: 1 }, { days: 4, n: 1 }])).toBe(2.5);
    expect(medianOfHistogram([{ days: 10, n: 2 }, { days: 1, n: 3 }])).toBe(1);
  });
  it('computes the SPM percentage', () => {
    expect(spmIndicatorPercent(0, 0)).toBeNull();
    expect(spmIndicatorPercent(3, 2)).toBe(66.7);
  });
});
