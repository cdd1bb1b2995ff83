import { useState } from 'react';

export type Fix = { lat: number; lng: number; accuracyM: number };
export type GeoState =
  { status: 'idle' } | { status: 'locating' } | { status: 'located'; fix: Fix } | { status: 'unavailable'; denied: boolean };

/**
 * The phone's position, asked for only when the user taps for it. Refused permission,
 * no GPS or a timeout all end in `unavailable` (the visit is saved without a location).
 */
export function useGeolocation() {
  const [state, setState] = useState<GeoState>({ status: 'idle' });
  function locate() {
    if (!('geolocation' in navigator)) {
      setState({ status: 'unavailable', denied: false });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) =>
        setState({
          status: 'located',
          fix: { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracyM: Math.round(pos.coords.accuracy) },
        }),
      (err) => setState({ status: 'unavailable', denied: err.code === err.PERMISSION_DENIED }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }
  return { state, locate, clear: () => setState({ status: 'idle' }) };
}
