import { useTranslation } from 'react-i18next';
import { FieldMessage } from '../../components/Field';
import type { GeoState } from '../cases/useGeolocation';

/**
 * Optional GPS of a rapid assessment, taken from the phone only when the responder taps
 * for it. It is what places the village on the incident map (the area data has no village
 * coordinates). A refused permission or no fix leaves a clear note; the assessment is
 * still saved without a position.
 */
export function AssessmentGps({
  geo,
  onLocate,
  onClear,
  errors,
}: {
  geo: GeoState;
  onLocate: () => void;
  onClear: () => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${errors.lat || errors.lng || errors.accuracyM ? ' has-error' : ''}`} data-field="lat">
      <span className="field-label">{t('disasters.gps.label')}</span>
      <p className="field-hint">{t('disasters.gps.hint')}</p>
      <div className="gps-row">
        {geo.status === 'located' ? (
          <>
            <span data-testid="assessment-gps" data-state="located">
              {t('disasters.gps.located', { lat: geo.fix.lat.toFixed(5), lng: geo.fix.lng.toFixed(5), acc: geo.fix.accuracyM })}
            </span>
            <button type="button" className="button button-secondary" onClick={onClear} data-testid="assessment-gps-clear">
              {t('disasters.gps.remove')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button-secondary"
              onClick={onLocate}
              disabled={geo.status === 'locating'}
              data-testid="assessment-locate"
            >
              {geo.status === 'locating' ? t('disasters.gps.locating') : t('disasters.gps.use')}
            </button>
            {geo.status === 'unavailable' && (
              <span className="meta" role="status" data-testid="assessment-gps" data-state="unavailable">
                {geo.denied ? t('disasters.gps.denied') : t('disasters.gps.unavailable')}
              </span>
            )}
          </>
        )}
      </div>
      <FieldMessage name="lat" error={errors.lat} />
      <FieldMessage name="lng" error={errors.lng} />
      <FieldMessage name="accuracyM" error={errors.accuracyM} />
    </div>
  );
}
