import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { useGeolocation, type GeoState } from './useGeolocation';
import { useSubmit } from '../../hooks/useSubmit';
import { recordVisit, uploadVisitPhoto, type VisitInput, type VisitKind } from './visits.api';
import './visits.css';

const MAX_PHOTO_BYTES = 5 * 1024 * 1024; // the server's limit (platform/files)
const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';

/** Now as the value of a `datetime-local` input (local time, minutes). */
function nowLocal(): string {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function Location({ geo, onLocate, onClear }: { geo: GeoState; onLocate: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="field" data-field="lat">
      <span className="field-label">{t('visits.location')}</span>
      <div className="visit-location">
        {geo.status === 'located' ? (
          <>
            <span data-testid="visit-location" data-state="located">
              {t('visits.located', { lat: geo.fix.lat.toFixed(5), lng: geo.fix.lng.toFixed(5), acc: geo.fix.accuracyM })}
            </span>
            <button type="button" className="button button-secondary" onClick={onClear}>
              {t('visits.removeLocation')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button-secondary"
              onClick={onLocate}
              disabled={geo.status === 'locating'}
              data-testid="visit-locate"
            >
              {geo.status === 'locating' ? t('visits.locating') : t('visits.useLocation')}
            </button>
            {geo.status === 'unavailable' && (
              <span className="meta" role="status" data-testid="visit-location" data-state="unavailable">
                {geo.denied ? t('visits.unavailableDenied') : t('visits.unavailable')}
              </span>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/**
 * Records a home visit or a note for a person (on a case when `caseId` is given): when,
 * what kind, what was seen, photos (uploaded first, then the visit points at them) and,
 * if the user asks and the phone allows, the GPS position.
 */
export function VisitForm({ personId, caseId, onSaved }: { personId: string; caseId?: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<VisitKind>('kunjungan');
  const [occurredAt, setOccurredAt] = useState(nowLocal);
  // Left at "now", the visit gets the exact moment of saving (the input only shows minutes).
  const [timeEdited, setTimeEdited] = useState(false);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [previews, setPreviews] = useState<string[]>([]);
  const [photoError, setPhotoError] = useState<string | undefined>();
  const [formKey, setFormKey] = useState(0);
  const geo = useGeolocation();
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);

  useEffect(() => {
    const urls = photos.map((f) => URL.createObjectURL(f));
    setPreviews(urls);
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [photos]);

  function pick(files: FileList | null) {
    const list = Array.from(files ?? []);
    const bad = list.find((f) => f.size > MAX_PHOTO_BYTES || !PHOTO_TYPES.split(',').includes(f.type));
    setPhotoError(bad ? t('visits.photoInvalid', { name: bad.name }) : undefined);
    setPhotos(bad ? [] : list.slice(0, 10));
  }

  function reset() {
    setNote('');
    setPhotos([]);
    setOccurredAt(nowLocal());
    setTimeEdited(false);
    geo.clear();
    setFormKey((k) => k + 1); // clears the file input
  }

  function save(e: FormEvent) {
    e.preventDefault();
    void submit.run(
      async () => {
        const fileIds: string[] = [];
        for (const photo of photos) fileIds.push(await uploadVisitPhoto(personId, photo));
        const body: VisitInput = {
          kind,
          occurredAt: (timeEdited ? new Date(occurredAt) : new Date()).toISOString(),
          note: note.trim(),
          ...(caseId ? { caseId } : {}),
        };
        if (fileIds.length) body.fileIds = fileIds;
        if (geo.state.status === 'located') Object.assign(body, geo.state.fix);
        await recordVisit(personId, body);
      },
      () => {
        reset();
        onSaved();
      },
    );
  }

  return (
    <form key={formKey} className="card form" onSubmit={save} noValidate data-testid="visit-form">
      <h3>{t('visits.add')}</h3>
      {submit.error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(submit.error)}</p>
        </div>
      )}
      <fieldset className="choice-group" data-field="kind">
        <legend className="field-label">{t('visits.kindLabel')}</legend>
        <div className="choices">
          {(['kunjungan', 'catatan'] as const).map((k) => (
            <label key={k} className="choice">
              <input
                type="radio"
                name="visit-kind"
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`visit-kind-${k}`}
              />
              {t(`visits.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="occurredAt" label={t('visits.when')} error={errors.occurredAt}>
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            max={nowLocal()}
            value={occurredAt}
            onChange={(e) => (setOccurredAt(e.target.value), setTimeEdited(true))}
            data-testid="visit-when"
          />
        )}
      </Field>
      <Field name="note" label={t('visits.note')} hint={t('visits.noteHint')} error={errors.note}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={5000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="visit-note"
          />
        )}
      </Field>
      <Field
        name="fileIds"
        label={t('visits.photos')}
        hint={t('visits.photoHint')}
        error={photoError ?? errors.fileIds ?? errors.file}
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept={PHOTO_TYPES}
            capture="environment"
            multiple
            onChange={(e) => pick(e.target.files)}
            data-testid="visit-photo-input"
          />
        )}
      </Field>
      {previews.length > 0 && (
        <div className="visit-photos">
          {previews.map((src, i) => (
            <img
              key={src}
              src={src}
              className="visit-preview"
              alt={t('visits.photoAlt', { n: i + 1 })}
              data-testid="visit-photo-preview"
            />
          ))}
        </div>
      )}
      <Location geo={geo.state} onLocate={geo.locate} onClear={geo.clear} />
      {errors.lng && <p className="field-error">{errors.lng}</p>}
      <button
        type="submit"
        className="button"
        disabled={submit.busy || !occurredAt || note.trim().length === 0}
        data-testid="save-visit"
      >
        {submit.busy ? t('common.saving') : t('visits.save')}
      </button>
    </form>
  );
}
