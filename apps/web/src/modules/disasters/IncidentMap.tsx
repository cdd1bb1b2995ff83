import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/ErrorMessage';
import { useFormatNumber } from '../../hooks/useFormat';
import type { IncidentDashboard } from './disasters.types';
import type { PlacedVillage } from './IncidentMapView';

const IncidentMapView = lazy(() => import('./IncidentMapView'));

/**
 * Map of the affected villages (issue 9 §7). The area data has no village coordinates, so a
 * village is drawn where its responders last recorded an assessment with GPS; the villages
 * without one are listed under the map.
 */
export function IncidentMap({ dashboard }: { dashboard: IncidentDashboard }) {
  const { t } = useTranslation();
  const n = useFormatNumber();
  const placed = useMemo(() => dashboard.villages.filter((v): v is PlacedVillage => v.point !== null), [dashboard]);
  const unplaced = dashboard.villages.filter((v) => v.point === null);
  const label = useCallback(
    (v: PlacedVillage) =>
      t('disasters.map.marker', {
        name: v.villageName,
        affected: n(v.affected),
        displaced: n(v.displaced),
        victims: n(v.victims),
      }),
    [t, n],
  );

  return (
    <section className="card incident-map-card" aria-labelledby="incident-map-title" data-testid="incident-map-card">
      <h2 id="incident-map-title" className="section-title">
        {t('disasters.map.title')}
      </h2>
      {placed.length === 0 ? (
        <p className="meta" data-testid="incident-map-empty">
          {t('disasters.map.empty')}
        </p>
      ) : (
        <Suspense fallback={<Loading />}>
          <IncidentMapView villages={placed} tiles={dashboard.tiles} label={label} />
        </Suspense>
      )}
      {!dashboard.tiles && placed.length > 0 && <p className="meta">{t('disasters.map.noTiles')}</p>}
      <ul className="plain-list map-legend" data-testid="incident-map-points">
        {placed.map((v) => (
          <li key={v.villageCode} data-testid="incident-map-point" data-code={v.villageCode}>
            {label(v)}
          </li>
        ))}
      </ul>
      {unplaced.length > 0 && (
        <p className="hint" data-testid="incident-map-unplaced">
          {t('disasters.map.unplaced', { names: unplaced.map((v) => v.villageName).join(', ') })}
        </p>
      )}
      <p className="meta">{t('disasters.map.source')}</p>
    </section>
  );
}
