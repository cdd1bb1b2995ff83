import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basicNeedsMet,
  buildSitrepText,
  incidentScopes,
  insufficientStockIssue,
  isLowStock,
  planIncidentStatus,
  planIssue,
  sitrepGaps,
  toHundredths,
  victimsServedPercent,
  type SitrepFigures,
} from '../index';

describe('incident status machine', () => {
  it.each([
    ['emergency', 'recovery', true],
    ['recovery', 'emergency', true],
    ['recovery', 'closed', true],
    ['closed', 'recovery', true],
    ['emergency', 'closed', false],
    ['closed', 'emergency', false],
    ['emergency', 'emergency', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    const plan = planIncidentStatus(from, to);
    expect(plan.ok).toBe(allowed);
    if (!plan.ok) expect(plan.error.field).toBe('status');
  });
});

describe('stock arithmetic', () => {
  it('computes in hundredths, so decimals never drift', () => {
    const a = toHundredths(0.1);
    const b = toHundredths(0.2);
    expect(a.ok && b.ok && a.value + b.value).toBe(30);
    expect(toHundredths(1.005).ok).toBe(false);
    expect(toHundredths(0).ok).toBe(false);
    expect(toHundredths(-2).ok).toBe(false);
  });

  it('never plans a negative balance', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 1_000_000 }), (balance, qty) => {
        const p = planIssue(balance, qty);
        if (p.ok) expect(p.remaining).toBeGreaterThanOrEqual(0);
        else expect(p.shortBy).toBe(qty - balance);
        expect(p.ok).toBe(qty <= balance);
      }),
    );
  });

  it('warns at or below the threshold only when one is set', () => {
    expect(isLowStock(300, 300)).toBe(true);
    expect(isLowStock(301, 300)).toBe(false);
    expect(isLowStock(0, null)).toBe(false);
  });

  it('explains a refusal in both languages with what is left', () => {
    const e = insufficientStockIssue({ name: 'Beras', unit: 'kg' }, 12.5, 20);
    expect(e.field).toBe('quantity');
    expect(e.message.id).toBe('Stok Beras di pos ini tidak cukup: tersisa 12,5 kg, diminta 20 kg');
    expect(e.message.en).toContain('12,5 kg left');
  });
});

describe('SPM indicator 5', () => {
  it('counts a victim as served when every declared need received aid', () => {
    expect(basicNeedsMet(['pangan', 'hunian'], ['pangan'])).toBe(false);
    expect(basicNeedsMet(['pangan', 'hunian'], ['hunian', 'pangan', 'sandang'])).toBe(true);
    expect(basicNeedsMet([], ['pangan'])).toBe(false);
    expect(victimsServedPercent(1, 3)).toBe(33.3);
    expect(victimsServedPercent(0, 0)).toBeNull();
  });
});

describe('incident scopes', () => {
  it('lets partner users in only through the roster', () => {
    const s = incidentScopes({ userId: 'u', grants: [{ role: 'mitra', areaCode: '33.72' }] });
    expect(s).toEqual({ manage: [], respond: [], rosterable: true });
    const d = incidentScopes({ userId: 'u', grants: [{ role: 'dinsos_kab', areaCode: '33.72' }, { role: 'psm', areaCode: '33.11.01.2001' }] });
    expect(d).toEqual({ manage: ['33.72'], respond: ['33.11.01.2001', '33.72'], rosterable: true });
    expect(incidentScopes({ userId: 'u', grants: [{ role: 'kemensos', areaCode: 'ID' }] }).rosterable).toBe(false);
  });
});

describe('sitrep text', () => {
  const zero = { affected: 0, displaced: 0, injured: 0, dead: 0, missing: 0, housesRingan: 0, housesSedang: 0, housesBerat: 0, elderly: 0, children: 0, disabled: 0, pregnant: 0 };
  const figures: SitrepFigures = {
    number: 3,
    generatedAt: '2026-03-02 15:00 WIB',
    incident: { title: 'Banjir', kind: 'bencana_alam', hazard: 'banjir', startedAt: '2026-03-01 20:00 WIB', status: 'emergency', leadOfficeName: 'Kota Surakarta' },
    totals: { ...zero, affected: 1250, displaced: 300 },
    villages: [{ ...zero, villageCode: '33.72.01.1001', villageName: 'Pajang', districtName: 'Laweyan', regencyName: 'Kota Surakarta', assessedAt: null, affected: 1250, victims: 4, victimsMet: 1 }],
    needs: [{ kind: 'pangan', high: 1, medium: 0 }, { kind: 'hunian', high: 0, medium: 1 }],
    victims: { registered: 4, displaced: 3, vulnerable: 2, met: 1, spmPercent: 25 },
    aid: [{ itemName: 'Beras', unit: 'kg', needKind: 'pangan', received: 100, issued: 95, balance: 5, low: true }],
    volunteers: { total: 2, onDuty: 1 },
    gaps: [],
  };

  it('names gaps: pressing needs without aid, out of stock or low', () => {
    expect(sitrepGaps(figures.needs, figures.aid)).toEqual([{ kind: 'pangan', reason: 'low_stock' }, { kind: 'hunian', reason: 'no_aid' }]);
  });

  it('reads as a message with the figures, Indonesian number format', () => {
    const text = buildSitrepText({ ...figures, gaps: sitrepGaps(figures.needs, figures.aid) });
    expect(text.split('\n')[0]).toBe('*LAPORAN SITUASI (SITREP) #3*');
    expect(text).toContain('Terdampak: 1.250 jiwa');
    expect(text).toContain('Kebutuhan dasar terpenuhi: 1 dari 4 (25%)');
    expect(text).toContain('Beras: 100 / 95 / 5 kg ⚠ stok menipis');
    expect(text).toContain('Hunian/tempat berlindung: belum ada bantuan');
  });
});
