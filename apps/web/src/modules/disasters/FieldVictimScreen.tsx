import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { Link } from '../../components/Link';
import { useOnline } from '../../hooks/useOnline';
import { createRecord } from '../../offline/outbox';
import { useLive } from '../../offline/useLive';
import { uuidv7 } from '../../offline/uuid';
import { navigate } from '../../router';
import { useFieldDb } from '../field/FieldApp';
import { localIncident, personsLike, type LocalIncident } from './fieldData';
import { fieldIncidentPath } from './fieldPaths';
import { emptyPerson, personBody, personErrors, PersonFields, type PersonValues } from './PersonFields';
import { emptySituation, situationBody, situationErrors, VictimSituation, type Situation } from './VictimSituation';
import './disasters.css';

interface Hint {
  id: string;
  fullName: string;
}

/** Possible same persons: on the phone always; from the server too when there is signal. */
function useHints(incident: LocalIncident, person: PersonValues): Hint[] {
  const db = useFieldDb();
  const online = useOnline();
  const villages = incident.areas.filter((a) => a.respond).map((a) => a.villageCode);
  const local = useLive(() => personsLike(db, villages, person.fullName), [db, villages.join(','), person.fullName]);
  const [remote, setRemote] = useState<Hint[]>([]);
  useEffect(() => {
    setRemote([]);
    if (!online || person.fullName.trim().length < 3 || !person.villageCode) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const body = {
        villageCode: person.villageCode,
        fullName: person.fullName.trim(),
        ...(person.birthDate ? { birthDate: person.birthDate } : {}),
      };
      apiFetch<{ candidates: Hint[] }>('/api/v1/persons/check-duplicates', {
        method: 'POST',
        json: body,
        signal: controller.signal,
      }).then(
        (r) => setRemote(r.candidates),
        () => setRemote([]), // offline after all, or not allowed: the phone's own hints remain
      );
    }, 500);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [online, person.fullName, person.villageCode, person.birthDate]);
  const seen = new Set<string>();
  return [...(local ?? []), ...remote].filter((h) => !seen.has(h.id) && seen.add(h.id));
}

function VictimForm({ incident }: { incident: LocalIncident }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const villages = incident.areas.filter((a) => a.respond).map((a) => ({ code: a.villageCode, name: a.villageName }));
  const [person, setPerson] = useState(() => emptyPerson(villages[0]?.code ?? ''));
  const [chosen, setChosen] = useState<Hint | null>(null);
  const [situation, setSituation] = useState<Situation>(emptySituation);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const hints = useHints(incident, person);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = { ...(chosen ? {} : personErrors(person, t)), ...situationErrors(situation, t) };
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      // The person gets its id here too, so later work on the phone can refer to it.
      const subject = chosen ? { personId: chosen.id } : { person: personBody(person, uuidv7()) };
      await createRecord(db, 'disaster_victim', { incidentId: incident.id, ...subject, ...situationBody(situation) });
      navigate(fieldIncidentPath(incident.id));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form field-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="field-victim-form">
      {chosen ? (
        <p className="picked-area" data-testid="field-victim-chosen">
          <span>{t('disasters.victim.chosen', { name: chosen.fullName })}</span>
          <button type="button" className="button button-secondary" onClick={() => setChosen(null)}>
            {t('disasters.victim.unchoose')}
          </button>
        </p>
      ) : (
        <>
          <PersonFields value={person} onChange={setPerson} villages={villages} errors={errors} />
          {hints.length > 0 && (
            <div className="notice notice-warn" data-testid="field-victim-hints">
              <p>{t('disasters.victim.hints')}</p>
              <ul className="plain-list">
                {hints.map((h) => (
                  <li key={h.id} className="hint-row">
                    <span data-testid="field-victim-hint">{h.fullName}</span>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setChosen(h)}
                      data-testid="field-victim-hint-choose"
                    >
                      {t('disasters.victim.choose')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <VictimSituation value={situation} onChange={setSituation} posts={[]} errors={errors} ppksCode={incident.ppksCode} />
      <p className="hint">{t('disasters.field.localHint')}</p>
      <button type="submit" className="button button-block" disabled={busy} data-testid="field-victim-save">
        {t('disasters.victim.save')}
      </button>
    </form>
  );
}

/** `/lapangan/bencana/:id/korban`: the short victim registration, saved on the phone and synced later. */
export function FieldVictimScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const incident = useLive(() => localIncident(db, id), [db, id]);
  if (incident === undefined) return null;
  if (!incident) return <p className="notice">{t('common.notFoundBody')}</p>;
  return (
    <div className="page field-page">
      <Link href={fieldIncidentPath(id)} className="back-link">
        {t('disasters.field.back')}
      </Link>
      <h1 className="page-title">{t('disasters.victim.register')}</h1>
      <p className="meta">{incident.title}</p>
      <VictimForm incident={incident} />
    </div>
  );
}
