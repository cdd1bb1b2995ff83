import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { createActivity, uploadActivityPhoto } from './reports.api';
import { PSM_DUTIES, type Activity, type PsmDuty } from './reports.types';
import { monthlyReportsPath } from './paths';
import { useAction } from './useAction';
import './reports.css';

type Place = { lat: number; lng: number; accuracyM: number };

/** `datetime-local` value for now, in the device's own time. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Asks the device for its position once; the PSM sees what was taken and may clear it. */
function PlacePicker({ place, onPlace }: { place: Place | null; onPlace: (p: Place | null) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const locate = () => {
    setProblem(null);
    if (!('geolocation' in navigator)) return setProblem(t('activityLog.noGps'));
    navigator.geolocation.getCurrentPosition(
      (p) => onPlace({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => setProblem(t('activityLog.gpsFailed')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  return (
    <div className="field" data-field="lat">
      <span className="field-label">{t('activityLog.place')}</span>
      <p className="field-hint">{t('activityLog.placeHint')}</p>
      {place && (
        <p data-testid="activity-place">
          {place.lat.toFixed(5)}, {place.lng.toFixed(5)} (±{place.accuracyM} m)
        </p>
      )}
      {problem && <p className="field-error">{problem}</p>}
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={locate} data-testid="activity-locate">
          {t('activityLog.locate')}
        </button>
        {place && (
          <button type="button" className="button button-secondary" onClick={() => onPlace(null)}>
            {t('activityLog.clearPlace')}
          </button>
        )}
      </div>
    </div>
  );
}

/** `/kegiatan/baru`: a PSM records an activity by hand (duty, date, place, note, photo). */
export default function ActivityNewPage() {
  const { t } = useTranslation();
  const id = useRef(crypto.randomUUID()); // the same id on a retry: the server is idempotent by id
  const [duty, setDuty] = useState<PsmDuty>('a');
  const [programmeCode, setProgrammeCode] = useState('');
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(localNow());
  const [place, setPlace] = useState<Place | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [saved, setSaved] = useState<Activity | null>(null);
  const action = useAction<Activity>(setSaved);
  const errors = fieldErrors(action.error);

  async function save(): Promise<Activity> {
    const photoFileId = photo ? (await uploadActivityPhoto(photo)).id : undefined;
    return createActivity({
      id: id.current,
      duty,
      ...(duty === 'program' ? { programmeCode: programmeCode.trim().toLowerCase() } : {}),
      title: title.trim(),
      ...(note.trim() ? { note: note.trim() } : {}),
      occurredAt: new Date(when).toISOString(),
      ...(place ?? {}),
      ...(photoFileId ? { photoFileId } : {}),
    });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(save);
  }

  if (saved) {
    return (
      <div className="page narrow-page">
        <p className="notice notice-ok" role="status" data-testid="activity-saved">
          {t('activityLog.saved', { title: saved.title, date: saved.occurredOn })}
        </p>
        <div className="actions">
          <Link href={monthlyReportsPath} className="button">
            {t('activityLog.toReports')}
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="page narrow-page">
      <Link href={monthlyReportsPath} className="back-link">
        ← {t('monthlyReport.back')}
      </Link>
      <h1>{t('activityLog.new')}</h1>
      <form className="card form" onSubmit={submit} noValidate data-testid="activity-form">
        {action.error !== null && (
          <p className="notice notice-error" role="alert" data-testid="error">
            {summaryMessage(action.error)}
          </p>
        )}
        <Field name="duty" label={t('activityLog.duty')} error={errors.duty}>
          {(props) => (
            <select {...props} value={duty} onChange={(e) => setDuty(e.target.value as PsmDuty)} data-testid="activity-duty">
              {PSM_DUTIES.map((d) => (
                <option key={d} value={d}>
                  {t(`activityLog.duties.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {duty === 'program' && (
          <Field
            name="programmeCode"
            label={t('activityLog.programme')}
            hint={t('activityLog.programmeHint')}
            error={errors.programmeCode}
          >
            {(props) => (
              <input
                {...props}
                required
                maxLength={40}
                value={programmeCode}
                onChange={(e) => setProgrammeCode(e.target.value)}
                data-testid="activity-programme"
              />
            )}
          </Field>
        )}
        <Field name="title" label={t('activityLog.title')} error={errors.title}>
          {(props) => (
            <input
              {...props}
              required
              minLength={3}
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="activity-title"
            />
          )}
        </Field>
        <Field name="occurredAt" label={t('activityLog.when')} error={errors.occurredAt}>
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              required
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              data-testid="activity-when"
            />
          )}
        </Field>
        <PlacePicker place={place} onPlace={setPlace} />
        <Field name="note" label={t('activityLog.note')} error={errors.note}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              maxLength={5000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="activity-note"
            />
          )}
        </Field>
        <Field
          name="photoFileId"
          label={t('activityLog.photo')}
          hint={t('activityLog.photoHint')}
          error={errors.photoFileId ?? errors.file}
        >
          {(props) => (
            <input
              {...props}
              type="file"
              accept="image/jpeg,image/png"
              capture="environment"
              onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
              data-testid="activity-photo"
            />
          )}
        </Field>
        <button
          type="submit"
          className="button button-block"
          disabled={action.busy || title.trim().length < 3 || !when}
          data-testid="activity-save"
        >
          {action.busy ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </div>
  );
}
