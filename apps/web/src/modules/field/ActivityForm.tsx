import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PSM_DUTIES, type PsmDuty } from '../reports/reports.types';
import { draftErrors, type ActivityDraft } from './activityDraft';
import { GpsField, type Position } from './GpsField';

interface Props {
  initial: ActivityDraft;
  /** The photo picker (new activities only); the editor keeps the photo already queued. */
  photo?: ReactNode;
  busy: boolean;
  onSave: (draft: ActivityDraft, position: Position | null) => void;
}

/** One labelled input with its error under it (large touch targets, phone first). */
function Row({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`} data-field={id}>
      <label className="field-label" htmlFor={`act-${id}`}>
        {label}
      </label>
      {children}
      {hint && <p className="hint">{hint}</p>}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

/** The fields of a PSM activity: duty (Permensos 10/2019 a–f or programme accompaniment), title, time, place, note. */
export function ActivityForm({ initial, photo, busy, onSave }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [position, setPosition] = useState<Position | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof ActivityDraft>(key: K, value: ActivityDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs = draftErrors(draft, t);
    setErrors(errs);
    if (Object.keys(errs).length === 0) onSave(draft, position);
  };

  return (
    <form className="form field-form" onSubmit={submit} noValidate data-testid="act-form">
      <Row id="duty" label={t('activityLog.duty')}>
        <select id="act-duty" value={draft.duty} onChange={(e) => set('duty', e.target.value as PsmDuty)} data-testid="act-duty">
          {PSM_DUTIES.map((d) => (
            <option key={d} value={d}>
              {t(`activityLog.duties.${d}`)}
            </option>
          ))}
        </select>
      </Row>
      {draft.duty === 'program' && (
        <Row
          id="programmeCode"
          label={t('activityLog.programme')}
          hint={t('activityLog.programmeHint')}
          error={errors.programmeCode}
        >
          <input
            id="act-programmeCode"
            maxLength={40}
            autoCapitalize="none"
            value={draft.programmeCode}
            onChange={(e) => set('programmeCode', e.target.value)}
            data-testid="act-programme"
          />
        </Row>
      )}
      <Row id="title" label={t('activityLog.title')} error={errors.title}>
        <input
          id="act-title"
          maxLength={200}
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
          data-testid="act-title"
        />
      </Row>
      <Row id="when" label={t('activityLog.when')} error={errors.when}>
        <input
          id="act-when"
          type="datetime-local"
          value={draft.when}
          onChange={(e) => set('when', e.target.value)}
          data-testid="act-when"
        />
      </Row>
      <Row id="note" label={t('activityLog.note')} error={errors.note}>
        <textarea
          id="act-note"
          rows={3}
          maxLength={5000}
          value={draft.note}
          onChange={(e) => set('note', e.target.value)}
          data-testid="act-note"
        />
      </Row>
      {photo}
      <GpsField onChange={setPosition} label={t('fieldOffline.activity.gpsLabel')} />
      <button type="submit" className="button button-block" disabled={busy} data-testid="act-save">
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
