import type { TFunction } from 'i18next';
import type { Area } from './areas.types';

/** "Kabupaten", "Kota", "Desa Adat"… translated; falls back to the level when type is unknown. */
export function typeLabel(t: TFunction, area: Pick<Area, 'type' | 'level'>): string {
  return area.type ? t(`areas.type.${area.type}`) : t(`areas.level.${area.level}`);
}

/**
 * The counts shown for an area: its children (named by what they are) and, above the
 * district level, its villages. Villages have none.
 */
export function countLabels(t: TFunction, area: Pick<Area, 'level' | 'counts'>, format: (n: number) => string) {
  const children = area.counts.children;
  const villages = area.counts.villages;
  const villagesText = t('areas.count.villages', { count: villages, n: format(villages) });
  switch (area.level) {
    case 'province':
      return { children: t('areas.count.regencies', { count: children, n: format(children) }), villages: villagesText };
    case 'regency':
      return { children: t('areas.count.districts', { count: children, n: format(children) }), villages: villagesText };
    case 'district':
      return { children: null, villages: villagesText };
    case 'village':
      return { children: null, villages: null };
  }
}
