import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Position {
  lat: number;
  lng: number;
  accuracyM: number;
}

type State =
  { kind: 'idle' } | { kind: 'taking' } | { kind: 'taken'; at: Position } | { kind: 'denied' | 'unavailable' | 'timeout' };

/** Why no position came, in the PSM's terms (the visit can always be saved without one). */
function failureOf(err: GeolocationPositionError): State {
  if (err.code === err.PERMISSION_DENIED) return { kind: 'denied' };
  if (err.code === err.TIMEOUT) return { kind: 'timeout' };
  return { kind: 'unavailable' };
}

/**
 * The visit's location, taken only when the PSM asks (GPS drains a cheap phone's battery)
 * and never required: a refused permission or no fix says so plainly and the form still saves.
 */
export function GpsField({ onChange, label }: { onChange: (p: Position | null) => void; label?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>(() => ('geolocation' in navigator ? { kind: 'idle' } : { kind: 'unavailable' }));

  const take = () => {
    setState({ kind: 'taking' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const at = { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracyM: Math.round(pos.coords.accuracy) };
        setState({ kind: 'taken', at });
        onChange(at);
      },
      (err) => {
        setState(failureOf(err));
        onChange(null);
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };
  const clear = () => {
    setState({ kind: 'idle' });
    onChange(null);
  };

  return (
    <fieldset className="field" data-testid="v-gps" data-state={state.kind}>
      <legend className="field-label">{label ?? t('fieldOffline.gps.label')}</legend>
      {state.kind === 'taken' ? (
        <>
          <p className="hint" data-testid="v-gps-taken">
            {t('fieldOffline.gps.taken', { accuracy: state.at.accuracyM })}
          </p>
          <button type="button" className="button button-secondary button-block" onClick={clear} data-testid="v-gps-clear">
            {t('fieldOffline.gps.remove')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button-secondary button-block"
          onClick={take}
          disabled={state.kind === 'taking' || !('geolocation' in navigator)}
          data-testid="v-gps-take"
        >
          {state.kind === 'taking' ? t('fieldOffline.gps.taking') : t('fieldOffline.gps.take')}
        </button>
      )}
      {(state.kind === 'denied' || state.kind === 'unavailable' || state.kind === 'timeout') && (
        <p className="notice notice-warn" role="status" data-testid="v-gps-problem">
          {t(`fieldOffline.gps.${state.kind}`)}
        </p>
      )}
    </fieldset>
  );
}
