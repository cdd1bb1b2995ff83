import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { getMap } from './dashboard.api';
import type { Located } from './MapView';

const MapView = lazy(() => import('./MapView'));

/** The dashboard map: visits' mean GPS position per child area (no person data), drawn with Leaflet. */
export function DashboardMap({ area, period }: { area: string; period: string }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const state = useLoad(() => getMap(area, period), [area, period]);
  const data = state.status === 'done' ? state.data : null;
  const located = useMemo(() => (data?.points ?? []).filter((p): p is Located => p.lat !== null && p.lng !== null), [data]);
  const unlocated = (data?.points ?? []).filter((p) => p.lat === null || p.lng === null);
  const label = useCallback(
    (p: Located) => t('dashboardMap.marker', { name: p.name, visits: format(p.visits), withGps: format(p.withGps) }),
    [t, format],
  );

  return (
    <section className="card" data-testid="dashboard-map-card">
      <h2>{t('dashboardMap.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {data && (
        <>
          {located.length === 0 ? (
            <p className="meta" data-testid="dashboard-map-empty">
              {t('dashboardMap.empty')}
            </p>
          ) : (
            <Suspense fallback={<Loading />}>
              <MapView points={located} tiles={data.tiles} label={label} />
            </Suspense>
          )}
          {!data.tiles && located.length > 0 && <p className="meta">{t('dashboardMap.noTiles')}</p>}
          <ul className="plain-list map-legend" data-testid="dashboard-map-points">
            {located.map((p) => (
              <li key={p.code} data-testid="map-point" data-code={p.code}>
                {label(p)}
              </li>
            ))}
            {unlocated.map((p) => (
              <li key={p.code} data-testid="map-point-unlocated" data-code={p.code}>
                {t('dashboardMap.unlocated', { name: p.name, visits: format(p.visits) })}
              </li>
            ))}
          </ul>
          <p className="meta">{localized(data.note)}</p>
        </>
      )}
    </section>
  );
}
