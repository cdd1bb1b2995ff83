import { useTranslation } from 'react-i18next';
import { useFormatNumber } from '../../hooks/useFormat';
import { countLabels, typeLabel } from './areaLabels';
import type { Area, AreaDetail } from './areas.types';

/** The heading of the national level: totals computed from the provinces themselves. */
export function NationalHeader({ provinces }: { provinces: Area[] }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const regencies = provinces.reduce((sum, p) => sum + p.counts.children, 0);
  const villages = provinces.reduce((sum, p) => sum + p.counts.villages, 0);
  const totals = [
    { key: 'provinces', value: provinces.length },
    { key: 'regencies', value: regencies },
    { key: 'villages', value: villages },
  ] as const;
  return (
    <section className="area-header" data-testid="area-header" data-code="">
      <p className="eyebrow">{t('areas.nationalLevel')}</p>
      <h1>{t('areas.national')}</h1>
      <dl className="totals" data-testid="national-totals">
        {totals.map((total) => (
          <div key={total.key} className="total" data-testid={`total-${total.key}`}>
            <dt>{t(`areas.totals.${total.key}`)}</dt>
            <dd>{format(total.value)}</dd>
          </div>
        ))}
      </dl>
      <p className="meta">
        {t('areas.timeZone')}: {t('areas.timeZones')}
      </p>
    </section>
  );
}

/** The heading of one area: name, type, code, time zone and counts. */
export function AreaHeader({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const counts = countLabels(t, area, format);
  return (
    <section className="area-header" data-testid="area-header" data-code={area.code}>
      <p className="eyebrow">
        <span data-testid="area-type">{typeLabel(t, area)}</span> · <span className="code">{area.code}</span>
      </p>
      <h1>{area.name}</h1>
      <ul className="chips">
        <li className="chip" data-testid="area-timezone">
          {t('areas.timeZone')}: <strong>{area.timeZone}</strong>
        </li>
        {counts.children && (
          <li className="chip" data-testid="area-children">
            {counts.children}
          </li>
        )}
        {counts.villages && (
          <li className="chip" data-testid="area-villages">
            {counts.villages}
          </li>
        )}
      </ul>
      {area.level === 'village' && <p className="meta">{t('areas.leafNote')}</p>}
    </section>
  );
}
