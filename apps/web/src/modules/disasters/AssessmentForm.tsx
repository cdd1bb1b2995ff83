import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useGeolocation } from '../cases/useGeolocation';
import { AssessmentGps } from './AssessmentGps';
import { recordAssessment } from './disasters.api';
import { NEED_KINDS, NEED_LEVELS, type Incident } from './disasters.types';
import { CountField, FormError, localNow, toIso, useSubmit } from './forms';

const PEOPLE = ['affected', 'displaced', 'injured', 'dead', 'missing'] as const;
const HOUSES = ['housesRingan', 'housesSedang', 'housesBerat'] as const;
const GROUPS = ['elderly', 'children', 'disabled', 'pregnant'] as const;
type CountKey = (typeof PEOPLE)[number] | (typeof HOUSES)[number] | (typeof GROUPS)[number];

const emptyCounts = () => Object.fromEntries([...PEOPLE, ...HOUSES, ...GROUPS].map((k) => [k, ''])) as Record<CountKey, string>;

/** One rapid needs assessment of an affected village (append-only: a new one never edits the last). */
export function AssessmentForm({ incident, onSaved }: { incident: Incident; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [villageCode, setVillageCode] = useState(incident.areas[0]?.villageCode ?? '');
  const [assessedAt, setAssessedAt] = useState(localNow);
  const [counts, setCounts] = useState(emptyCounts);
  const [needs, setNeeds] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const geo = useGeolocation();
  const submit = useSubmit();
  const errors = submit.errors;

  if (!open) {
    return (
      <button type="button" className="button button-block" onClick={() => setOpen(true)} data-testid="assessment-add">
        {t('disasters.assessment.add')}
      </button>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = {
      villageCode,
      assessedAt: toIso(assessedAt),
      ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.trim() === '' ? 0 : Number(v)])),
      needs: Object.fromEntries(Object.entries(needs).filter(([, level]) => level !== '')),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(geo.state.status === 'located' ? geo.state.fix : {}),
    };
    void submit.run(
      () => recordAssessment(incident.id, body),
      () => {
        setCounts(emptyCounts());
        setNeeds({});
        setNote('');
        geo.clear();
        setSaved(true);
        onSaved();
      },
    );
  };
  const count = (k: CountKey) => (
    <CountField
      key={k}
      name={k}
      label={t(`disasters.assessment.${k}`)}
      value={counts[k]}
      onChange={(v) => setCounts((c) => ({ ...c, [k]: v }))}
      error={errors[k]}
    />
  );

  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid="assessment-form">
      <Field name="villageCode" label={t('disasters.assessment.village')} error={errors.villageCode}>
        {(p) => (
          <select {...p} value={villageCode} onChange={(e) => setVillageCode(e.target.value)} data-testid="in-villageCode">
            {incident.areas.map((a) => (
              <option key={a.villageCode} value={a.villageCode}>
                {a.villageName} ({a.regencyName})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="assessedAt" label={t('disasters.assessment.assessedAt')} error={errors.assessedAt}>
        {(p) => <input {...p} type="datetime-local" value={assessedAt} onChange={(e) => setAssessedAt(e.target.value)} />}
      </Field>
      <AssessmentGps geo={geo.state} onLocate={geo.locate} onClear={geo.clear} errors={errors} />
      <fieldset className="field">
        <legend className="field-label">{t('disasters.assessment.people')}</legend>
        <div className="count-grid">{PEOPLE.map(count)}</div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">{t('disasters.assessment.houses')}</legend>
        <div className="count-grid">{HOUSES.map(count)}</div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">{t('disasters.assessment.vulnerable')}</legend>
        <div className="count-grid">{GROUPS.map(count)}</div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">{t('disasters.assessment.needs')}</legend>
        <div className="count-grid">
          {NEED_KINDS.map((k) => (
            <Field key={k} name={`needs.${k}`} label={t(`disasters.need.${k}`)} error={errors[`needs.${k}`]}>
              {(p) => (
                <select
                  {...p}
                  value={needs[k] ?? ''}
                  onChange={(e) => setNeeds((n) => ({ ...n, [k]: e.target.value }))}
                  data-testid={`need-${k}`}
                >
                  <option value="">–</option>
                  {NEED_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t(`disasters.level.${l}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <Field name="note" label={t('disasters.assessment.note')} error={errors.note}>
        {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />}
      </Field>
      <FormError error={submit.error} shown={errors} />
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="assessment-saved">
          {t('disasters.assessment.saved')}
        </p>
      )}
      <button type="submit" className="button button-block" disabled={submit.busy} data-testid="assessment-save">
        {t('disasters.assessment.save')}
      </button>
    </form>
  );
}
