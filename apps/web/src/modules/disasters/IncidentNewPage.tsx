import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { hazardLabel } from './bits';
import { createIncident } from './disasters.api';
import { HAZARDS, INCIDENT_KINDS, type IncidentKind } from './disasters.types';
import { CodeSelect, FormError, localNow, toIso, useSubmit } from './forms';
import { VillageList } from './VillageList';
import { incidentPath, incidentsPath } from './paths';
import './disasters.css';

/** `/bencana/baru`: the quick form — kind, hazard, start, villages (several, across regencies). */
export default function IncidentNewPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [kind, setKind] = useState<IncidentKind>('bencana_alam');
  const [hazard, setHazard] = useState('banjir');
  const [title, setTitle] = useState('');
  const [startedAt, setStartedAt] = useState(localNow);
  const [villages, setVillages] = useState<PickedArea[]>([]);
  const [lead, setLead] = useState<PickedArea | null>(null);
  const [description, setDescription] = useState('');
  const submit = useSubmit();
  const errors = submit.errors;
  // The lead office must lie in the user's manage scope; the affected villages may not.
  const manageScope = (me?.grants ?? []).map((g) => g.areaCode);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      kind,
      ...(hazard ? { hazard } : {}),
      title: title.trim() || `${hazardLabel(hazard || kind)} ${villages[0]?.name ?? ''}`.trim(),
      startedAt: toIso(startedAt),
      villageCodes: villages.map((v) => v.code),
      ...(lead ? { leadOfficeCode: lead.code } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    };
    void submit.run(
      () => createIncident(body),
      (inc) => navigate(incidentPath(inc.id)),
    );
  };

  return (
    <div className="page narrow-page">
      <Link href={incidentsPath} className="back-link">
        {t('disasters.detail.back')}
      </Link>
      <h1 className="page-title">{t('disasters.create.title')}</h1>
      <p className="lead">{t('disasters.create.lead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="incident-form">
        <CodeSelect
          name="kind"
          label={t('disasters.create.kind')}
          options={INCIDENT_KINDS}
          value={kind}
          labelKey="disasters.kind"
          error={errors.kind}
          onChange={(k) => {
            setKind(k as IncidentKind);
            setHazard(HAZARDS[k as IncidentKind][0] ?? '');
          }}
        />
        <Field name="hazard" label={t('disasters.create.hazard')} error={errors.hazard}>
          {(p) => (
            <select {...p} value={hazard} onChange={(e) => setHazard(e.target.value)} data-testid="in-hazard">
              {HAZARDS[kind].map((h) => (
                <option key={h} value={h}>
                  {hazardLabel(h)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="title" label={t('disasters.create.titleField')} hint={t('disasters.create.titleHint')} error={errors.title}>
          {(p) => (
            <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} data-testid="in-title" />
          )}
        </Field>
        <Field name="startedAt" label={t('disasters.create.startedAt')} error={errors.startedAt}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={startedAt}
              onChange={(e) => setStartedAt(e.target.value)}
              data-testid="in-startedAt"
            />
          )}
        </Field>
        <VillageList
          label={t('disasters.create.villages')}
          hint={t('disasters.create.villagesHint')}
          value={villages}
          onChange={setVillages}
          error={errors.villageCodes}
          name="villageCodes"
        />
        <AreaPicker
          label={t('disasters.create.leadOffice')}
          hint={t('disasters.create.leadOfficeHint')}
          value={lead}
          onChange={setLead}
          within={manageScope}
          levels={['province', 'regency']}
          error={errors.leadOfficeCode}
          name="leadOfficeCode"
          testId="lead-office-picker"
        />
        <Field name="description" label={t('disasters.create.description')} error={errors.description}>
          {(p) => (
            <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
          )}
        </Field>
        <FormError error={submit.error} shown={errors} />
        <button type="submit" className="button button-block" disabled={submit.busy} data-testid="incident-save">
          {t('disasters.create.submit')}
        </button>
      </form>
    </div>
  );
}
