import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { registerVictim } from './disasters.api';
import type { AidPost, DuplicateCandidate, Incident } from './disasters.types';
import { FormError, useSubmit } from './forms';
import { emptyPerson, personBody, personErrors, PersonFields, type PersonValues } from './PersonFields';
import { emptySituation, situationBody, situationErrors, VictimSituation, type Situation } from './VictimSituation';

/** Near matches from the people module (a POST, so no name lands in a URL); silent when not allowed. */
async function nearMatches(p: PersonValues): Promise<DuplicateCandidate[]> {
  if (p.fullName.trim().length < 2 || !p.villageCode) return [];
  const body = { villageCode: p.villageCode, fullName: p.fullName.trim(), ...(p.birthDate ? { birthDate: p.birthDate } : {}) };
  try {
    const r = await apiFetch<{ candidates: DuplicateCandidate[] }>('/api/v1/persons/check-duplicates', {
      method: 'POST',
      json: body,
    });
    return r.candidates;
  } catch {
    return [];
  }
}

/** Registering a victim online: duplicate hints while typing, choose one or register the new person. */
export function VictimForm({
  incident,
  posts,
  onSaved,
}: {
  incident: Incident;
  posts: AidPost[];
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const villages = incident.areas.map((a) => ({ code: a.villageCode, name: `${a.villageName} (${a.regencyName})` }));
  const [person, setPerson] = useState(() => emptyPerson(villages[0]?.code ?? ''));
  const [chosen, setChosen] = useState<DuplicateCandidate | null>(null);
  const [hints, setHints] = useState<DuplicateCandidate[]>([]);
  const [situation, setSituation] = useState<Situation>(emptySituation);
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = useSubmit();
  const errors = { ...submit.errors, ...local };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs = { ...(chosen ? {} : personErrors(person, t)), ...situationErrors(situation, t) };
    setLocal(errs);
    if (Object.keys(errs).length) return;
    const body = { ...(chosen ? { personId: chosen.id } : { person: personBody(person) }), ...situationBody(situation) };
    void submit.run(
      () => registerVictim(incident.id, body),
      (r) => {
        setPerson(emptyPerson(person.villageCode));
        setChosen(null);
        setHints([]);
        setSituation(emptySituation());
        onSaved(r.personCreated ? t('disasters.victim.saved') : t('disasters.victim.savedExisting'));
      },
    );
  };

  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid="victim-form">
      {chosen ? (
        <p className="picked-area" data-testid="victim-chosen">
          <span>{t('disasters.victim.chosen', { name: chosen.fullName })}</span>
          <button type="button" className="button button-secondary" onClick={() => setChosen(null)}>
            {t('disasters.victim.unchoose')}
          </button>
        </p>
      ) : (
        <>
          <PersonFields
            value={person}
            onChange={setPerson}
            villages={villages}
            errors={errors}
            onNameBlur={() => void nearMatches(person).then(setHints)}
          />
          {hints.length > 0 && (
            <div className="notice notice-warn" data-testid="victim-hints">
              <p>{t('disasters.victim.hints')}</p>
              <ul className="plain-list">
                {hints.map((c) => (
                  <li key={c.id} className="hint-row">
                    <span>{c.fullName}</span>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setChosen(c)}
                      data-testid="victim-hint-choose"
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
      <VictimSituation value={situation} onChange={setSituation} posts={posts} errors={errors} ppksCode={incident.ppksCode} />
      <FormError error={submit.error} shown={errors} />
      <button type="submit" className="button button-block" disabled={submit.busy} data-testid="victim-save">
        {t('disasters.victim.save')}
      </button>
    </form>
  );
}
