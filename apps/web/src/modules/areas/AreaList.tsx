import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { useFormatNumber } from '../../hooks/useFormat';
import { areaPath } from '../../router';
import { countLabels, typeLabel } from './areaLabels';
import type { Area } from './areas.types';

function AreaRowBody({ area }: { area: Area }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const counts = countLabels(t, area, format);
  return (
    <>
      <span className="row-main">
        <span className="row-name" data-testid="area-name">
          {area.name}
        </span>
        <span className="row-meta">
          <span className="badge" data-testid="area-type">
            {typeLabel(t, area)}
          </span>
          <span className="code" data-testid="area-code">
            {area.code}
          </span>
        </span>
      </span>
      {(counts.children || counts.villages) && (
        <span className="row-counts">
          {counts.children && <span data-testid="area-children">{counts.children}</span>}
          {counts.villages && <span data-testid="area-villages">{counts.villages}</span>}
        </span>
      )}
    </>
  );
}

/** The areas one level down. Villages are leaves: shown, but not links. */
export function AreaList({ items, parentName }: { items: Area[]; parentName: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="notice">{t('areas.empty')}</p>;
  return (
    <ul className="area-list" aria-label={t('areas.listLabel', { name: parentName })} data-testid="area-list">
      {items.map((area) => (
        <li key={area.code} data-testid="area-row" data-code={area.code} data-level={area.level}>
          {area.level === 'village' ? (
            <div className="row">
              <AreaRowBody area={area} />
            </div>
          ) : (
            <Link className="row row-link" href={areaPath(area.code)}>
              <AreaRowBody area={area} />
              <Icon name="chevron" className="row-chevron" />
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
