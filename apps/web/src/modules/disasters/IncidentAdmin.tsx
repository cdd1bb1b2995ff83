import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import type { PickedArea } from '../areas/AreaPicker';
import { addVillages, changeStatus } from './disasters.api';
import { NEXT_STATUS, type Incident } from './disasters.types';
import { FormError, useSubmit } from './forms';
import { VillageList } from './VillageList';

/** Status moves (emergency → recovery → closed, and back) for those the server allows (`status`). */
function StatusPanel({ incident, onChanged }: { incident: Incident; onChanged: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const move = (status: string) =>
    void submit.run(
      () => changeStatus(incident.id, { version: incident.version, status, ...(note.trim() ? { note: note.trim() } : {}) }),
      () => {
        setNote('');
        onChanged();
      },
    );
  return (
    <section className="card" aria-labelledby="status-title" data-testid="status-panel">
      <h2 id="status-title" className="section-title">
        {t('disasters.detail.changeStatus')}
      </h2>
      <Field name="note" label={t('disasters.detail.note')} error={submit.errors.note}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />}
      </Field>
      <div className="actions">
        {NEXT_STATUS[incident.status].map((s) => (
          <button
            key={s}
            type="button"
            className="button"
            disabled={submit.busy}
            onClick={() => move(s)}
            data-testid={`status-${s}`}
          >
            {t('disasters.detail.moveTo', { status: t(`disasters.status.${s}`) })}
          </button>
        ))}
      </div>
      <FormError error={submit.error} shown={{}} />
    </section>
  );
}

/** Villages found affected later (areas are never removed). */
function AddVillages({ incident, onChanged }: { incident: Incident; onChanged: () => void }) {
  const { t } = useTranslation();
  const [villages, setVillages] = useState<PickedArea[]>([]);
  const submit = useSubmit();
  return (
    <section className="card" data-testid="add-villages">
      <h2 className="section-title">{t('disasters.detail.addVillages')}</h2>
      <VillageList
        label={t('disasters.create.villages')}
        hint={t('disasters.create.villagesHint')}
        value={villages}
        onChange={setVillages}
        error={submit.errors.addVillageCodes}
        name="addVillageCodes"
      />
      <FormError error={submit.error} shown={submit.errors} />
      <button
        type="button"
        className="button"
        disabled={submit.busy || villages.length === 0}
        onClick={() =>
          void submit.run(
            () =>
              addVillages(
                incident.id,
                incident.version,
                villages.map((v) => v.code),
              ),
            () => {
              setVillages([]);
              onChanged();
            },
          )
        }
      >
        {t('disasters.detail.saveVillages')}
      </button>
    </section>
  );
}

/** The managing office's controls on the overview, shown from the incident's actions. */
export function IncidentAdmin({ incident, onChanged }: { incident: Incident; onChanged: () => void }) {
  return (
    <>
      {incident.actions.includes('status') && <StatusPanel incident={incident} onChanged={onChanged} />}
      {incident.actions.includes('update') && <AddVillages incident={incident} onChanged={onChanged} />}
    </>
  );
}
