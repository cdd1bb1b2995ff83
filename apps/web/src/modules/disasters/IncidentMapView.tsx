// Loaded on demand (React.lazy): Leaflet and its stylesheet stay out of the first-load bundle.
import 'leaflet/dist/leaflet.css';
import { circleMarker, latLngBounds, map as leafletMap, tileLayer, type Map as LeafletMap } from 'leaflet';
import { useEffect, useRef } from 'react';
import type { DashboardVillage, MapTiles, VillagePoint } from './disasters.types';

export type PlacedVillage = DashboardVillage & { point: VillagePoint };

/** Circle size grows with the people affected (square root: area ∝ people), within tap-friendly bounds. */
const radius = (affected: number) => Math.max(9, Math.min(30, 8 + Math.sqrt(affected)));

/**
 * The incident map: one circle per affected village at its newest assessment with GPS,
 * labelled with the village and its figures. Without a tile server the circles sit on a
 * plain background; tile load failures only leave blanks.
 */
export default function IncidentMapView({
  villages,
  tiles,
  label,
}: {
  villages: PlacedVillage[];
  tiles: MapTiles | null;
  label: (v: PlacedVillage) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const m: LeafletMap = leafletMap(ref.current, { attributionControl: Boolean(tiles?.attribution), scrollWheelZoom: false });
    if (tiles) tileLayer(tiles.url, { maxZoom: 18, ...(tiles.attribution ? { attribution: tiles.attribution } : {}) }).addTo(m);
    for (const v of villages) {
      circleMarker([v.point.lat, v.point.lng], {
        radius: radius(v.affected),
        className: 'incident-marker',
        color: '#b3261e',
        weight: 2,
        fillOpacity: 0.4,
      })
        .bindTooltip(label(v), { permanent: true, direction: 'top', className: 'incident-marker-label' })
        .addTo(m);
    }
    const bounds = latLngBounds(villages.map((v) => [v.point.lat, v.point.lng] as [number, number]));
    m.fitBounds(bounds.pad(0.3), { maxZoom: 14 });
    return () => {
      m.remove();
    };
  }, [villages, tiles, label]);
  return (
    <div
      ref={ref}
      className={`dashboard-map${tiles ? '' : ' no-tiles'}`}
      data-testid="incident-map"
      data-markers={villages.length}
      data-tiles={tiles ? 'yes' : 'no'}
    />
  );
}
