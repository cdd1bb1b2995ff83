// Loaded on demand (React.lazy): Leaflet and its stylesheet stay out of the first-load bundle.
import 'leaflet/dist/leaflet.css';
import { circleMarker, latLngBounds, map as leafletMap, tileLayer, type Map as LeafletMap } from 'leaflet';
import { useEffect, useRef } from 'react';
import type { MapPoint } from './dashboard.types';

export type Located = MapPoint & { lat: number; lng: number };

/** Marker radius grows with the visit count (square root: area ∝ visits), within tap-friendly bounds. */
const radius = (visits: number) => Math.max(8, Math.min(28, 6 + Math.sqrt(visits) * 2));

/**
 * The Leaflet map: one circle per area at the mean GPS position of its visits. Without a
 * tile server the circles sit on a plain background; tile load failures only leave blanks.
 */
export default function MapView({
  points,
  tiles,
  label,
}: {
  points: Located[];
  tiles: { url: string; attribution: string | null } | null;
  label: (p: Located) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const m: LeafletMap = leafletMap(ref.current, { attributionControl: Boolean(tiles?.attribution), scrollWheelZoom: false });
    if (tiles) tileLayer(tiles.url, { maxZoom: 18, ...(tiles.attribution ? { attribution: tiles.attribution } : {}) }).addTo(m);
    for (const p of points) {
      circleMarker([p.lat, p.lng], {
        radius: radius(p.visits),
        className: 'map-marker',
        color: '#0b5d7a',
        weight: 2,
        fillOpacity: 0.45,
      })
        .bindTooltip(label(p))
        .addTo(m);
    }
    const bounds = latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number]));
    m.fitBounds(bounds.pad(0.2), { maxZoom: 14 });
    return () => {
      m.remove();
    };
  }, [points, tiles, label]);
  return (
    <div
      ref={ref}
      className={`dashboard-map${tiles ? '' : ' no-tiles'}`}
      data-testid="dashboard-map"
      data-markers={points.length}
      data-tiles={tiles ? 'yes' : 'no'}
    />
  );
}
