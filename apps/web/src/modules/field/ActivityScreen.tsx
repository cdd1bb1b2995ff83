import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { editRecord, recordActivity } from '../../offline/outbox';
import { compressPhoto } from '../../offline/photos';
import { useLive } from '../../offline/useLive';
import { navigate } from '../../router';
import { ActivityForm } from './ActivityForm';
import { ActivityList } from './ActivityList';
import { activityData, draftOf, emptyDraft, type ActivityDraft } from './activityDraft';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';
import type { Position } from './GpsField';

/** One photo of the activity, made small on the phone before it waits in IndexedDB. */
function PhotoPicker({ photo, onPhoto }: { photo: Blob | null; onPhoto: (b: Blob | null) => void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const url = photo ? URL.createObjectURL(photo) : null;
    setPreview(url);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [photo]);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    try {
      onPhoto(await compressPhoto(file));
    } catch {
      setProblem(t('field.visit.photoFailed'));
    }
  };
  return (
    <div className={`field${problem ? ' has-error' : ''}`}>
      <label className="button button-secondary button-block photo-button" htmlFor="act-photo">
        {t('activityLog.photo')}
      </label>
      <input
        id="act-photo"
        className="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        onChange={(e) => void pick(e.target.files?.[0])}
        data-testid="act-photo"
      />
      {preview && (
        <div className="photo-previews" data-testid="act-preview">
          <img src={preview} alt={t('fieldOffline.activity.photoAlt')} />
          <button type="button" className="button button-secondary" onClick={() => onPhoto(null)}>
            {t('fieldOffline.activity.removePhoto')}
          </button>
        </div>
      )}
      <p className="hint">{t('field.visit.photoHint')}</p>
      {problem && <p className="field-error">{problem}</p>}
    </div>
  );
}

/** "Catat kegiatan": a PSM activity saved on the phone at once and sent when there is signal; below it the recent ones. */
export function ActivityScreen() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // A fresh form after each save (the PSM often records several in a row).
  const [round, setRound] = useState(0);

  const save = async (draft: ActivityDraft, position: Position | null) => {
    setBusy(true);
    try {
      await recordActivity(db, activityData(draft, position), photo);
      setSaved(draft.title.trim());
      setPhoto(null);
      setRound((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page field-page">
      <Link href={fieldPaths.home} className="back-link">
        ← {t('fieldOffline.activity.back')}
      </Link>
      <h1 className="page-title">{t('activityLog.new')}</h1>
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="act-saved">
          {t('fieldOffline.activity.saved', { title: saved })}
        </p>
      )}
      <ActivityForm
        key={round}
        initial={emptyDraft()}
        busy={busy}
        photo={<PhotoPicker photo={photo} onPhoto={setPhoto} />}
        onSave={(d, p) => void save(d, p)}
      />
      <ActivityList />
    </div>
  );
}

/** Fixes an activity still on the phone (queued, or refused by the server) before it is sent again. */
export function ActivityEditScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const [busy, setBusy] = useState(false);
  const rec = useLive(async () => (await db.records.get(['activity', id])) ?? null, [db, id]);

  const save = async (draft: ActivityDraft, position: Position | null) => {
    setBusy(true);
    try {
      // A new position replaces the queued one; without one the queued position stays.
      await editRecord(db, 'activity', id, activityData(draft, position));
      navigate(fieldPaths.activities, { replace: true });
    } finally {
      setBusy(false);
    }
  };

  if (rec === undefined) return null;
  return (
    <div className="page field-page">
      <Link href={fieldPaths.activities} className="back-link">
        ← {t('common.cancel')}
      </Link>
      <h1 className="page-title">{t('fieldOffline.activity.editTitle')}</h1>
      {rec === null || rec.server ? (
        <p className="notice" data-testid="act-not-editable">
          {t('fieldOffline.activity.notEditable')}
        </p>
      ) : (
        <ActivityForm initial={draftOf(rec.data)} busy={busy} onSave={(d, p) => void save(d, p)} />
      )}
    </div>
  );
}
