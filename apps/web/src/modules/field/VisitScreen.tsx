import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { addVisit } from '../../offline/outbox';
import { compressPhoto } from '../../offline/photos';
import { navigate } from '../../router';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';
import { GpsField, type Position } from './GpsField';

/** A datetime-local value for now, in the phone's own time zone. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** A home visit or a note, with photos made small on the phone; saved here and sent when there is signal. */
export function VisitScreen({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const [kind, setKind] = useState<'kunjungan' | 'catatan'>('kunjungan');
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(localNow);
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [previews, setPreviews] = useState<string[]>([]);
  const [position, setPosition] = useState<Position | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const urls = photos.map((p) => URL.createObjectURL(p));
    setPreviews(urls);
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [photos]);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      const small = await Promise.all([...files].map((f) => compressPhoto(f)));
      setPhotos((p) => [...p, ...small].slice(0, 10));
    } catch {
      setError(t('field.visit.photoFailed'));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) {
      setError(t('field.visit.noteRequired'));
      return;
    }
    setBusy(true);
    await addVisit(db, personId, { kind, note: note.trim(), occurredAt: new Date(when).toISOString(), ...(position ?? {}) }, photos);
    navigate(fieldPaths.person(personId), { replace: true });
  };

  return (
    <div className="page field-page">
      <Link href={fieldPaths.person(personId)} className="back-link">
        ← {t('common.cancel')}
      </Link>
      <h1 className="page-title">{t('field.visit.add')}</h1>
      <form className="form field-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="field">
          <legend className="field-label">{t('field.visit.kindLabel')}</legend>
          <div className="choices">
            {(['kunjungan', 'catatan'] as const).map((k) => (
              <label key={k} className="choice">
                <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} data-testid={`v-kind-${k}`} />
                {t(`field.visit.kind.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor="v-when">
            {t('field.visit.when')}
          </label>
          <input id="v-when" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} data-testid="v-when" />
        </div>
        <div className={`field${error ? ' has-error' : ''}`}>
          <label className="field-label" htmlFor="v-note">
            {t('field.visit.note')}
          </label>
          <textarea id="v-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} data-testid="v-note" />
          {error && <p className="field-error">{error}</p>}
        </div>
        <div className="field">
          <label className="button button-secondary button-block photo-button" htmlFor="v-photo">
            {t('field.visit.photo')}
          </label>
          <input id="v-photo" className="visually-hidden" type="file" accept="image/*" capture="environment" multiple onChange={(e) => void pick(e.target.files)} data-testid="v-photo" />
          {previews.length > 0 && (
            <div className="photo-previews" data-testid="v-previews">
              {previews.map((u, i) => (
                <img key={u} src={u} alt={t('field.visit.photoAlt', { n: i + 1 })} />
              ))}
            </div>
          )}
          <p className="hint">{t('field.visit.photoHint')}</p>
        </div>
        <GpsField onChange={setPosition} />
        <button type="submit" className="button button-block" disabled={busy} data-testid="v-save">
          {t('common.save')}
        </button>
      </form>
    </div>
  );
}
