import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, localized, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDate } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { useCanNavigate, useSession } from '../../session/SessionContext';
import PersonCases from '../cases/PersonCases';
import PersonProgrammes from '../programmes/PersonProgrammes';
import PersonTimeline from '../cases/PersonTimeline';
import { HistoryList } from './HistoryList';
import { NikReveal } from './NikReveal';
import { PersonForm } from './PersonForm';
import { PersonSummary } from './PersonsPage';
import { getPerson, takeWarnings, updatePerson } from './persons.api';
import type { Person, PersonInput, Warning } from './persons.types';
import { grantAreas } from './scope';

function Warnings({ warnings }: { warnings: Warning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice-warn" role="status" data-testid="warnings">
      <p>
        <strong>{t('persons.warningsTitle')}</strong>
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`} data-testid="warning" data-field={w.field}>
            {localized(w.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PersonFacts({ person }: { person: Person }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const dash = <span className="meta">—</span>;
  const rtRw = person.rt || person.rw ? `RT ${person.rt ?? '—'} / RW ${person.rw ?? '—'}` : null;
  return (
    <dl className="facts facts-wide" data-testid="person-facts">
      <div className="fact-nik">
        <dt>{t('persons.nik')}</dt>
        <dd>
          {person.nikMasked ? (
            <NikReveal personId={person.id} masked={person.nikMasked} canReveal={person.actions.includes('person.reveal_nik')} />
          ) : (
            <span data-testid="nik-missing">
              {person.nikMissingReason ? t(`persons.nikMissing.${person.nikMissingReason}`) : t('persons.noNik')}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('persons.sex')}</dt>
        <dd>{person.sex ? t(`persons.sexValue.${person.sex}`) : dash}</dd>
      </div>
      <div>
        <dt>{t('persons.birthDate')}</dt>
        <dd data-testid="person-birth-date">{person.birthDate ? formatDate(person.birthDate) : dash}</dd>
      </div>
      <div>
        <dt>{t('persons.village')}</dt>
        <dd>
          {person.villageName} <span className="code">{person.villageCode}</span>
        </dd>
      </div>
      <div>
        <dt>{t('persons.address')}</dt>
        <dd>
          {person.address ?? (rtRw ? null : dash)}
          {rtRw && <span className="block">{rtRw}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('persons.phone')}</dt>
        <dd>{person.phone ?? dash}</dd>
      </div>
    </dl>
  );
}

type Tab = 'data' | 'cases' | 'timeline' | 'history';

function Tabs({ tabs, tab, onTab }: { tabs: Tab[]; tab: Tab; onTab: (tab: Tab) => void }) {
  const { t } = useTranslation();
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tabs[(tabs.indexOf(tab) + 1) % tabs.length]!;
    onTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('persons.tabsLabel')} onKeyDown={onKey}>
      {tabs.map((name) => (
        <button
          key={name}
          id={`tab-${name}`}
          type="button"
          role="tab"
          aria-selected={tab === name}
          aria-controls={`panel-${name}`}
          tabIndex={tab === name ? 0 : -1}
          className="tab"
          onClick={() => onTab(name)}
          data-testid={`tab-${name}`}
        >
          {t(`persons.tabs.${name}`)}
        </button>
      ))}
    </div>
  );
}

function EditPerson({
  person,
  onSaved,
  onCancel,
}: {
  person: Person;
  onSaved: (person: Person, warnings: Warning[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(input: PersonInput) {
    setBusy(true);
    setError(null);
    try {
      const { warnings, ...updated } = await updatePerson(person.id, { ...input, version: person.version });
      onSaved(updated, warnings);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const conflict = error instanceof ApiError && error.code === 'version_conflict';
  return (
    <>
      {error !== null && (
        <div
          className="notice notice-error"
          role="alert"
          data-testid="error"
          data-code={error instanceof ApiError ? error.code : undefined}
        >
          <p>{conflict ? t('common.versionConflict') : summaryMessage(error)}</p>
          {conflict && (
            <button type="button" className="button" onClick={() => location.reload()} data-testid="reload">
              {t('common.reload')}
            </button>
          )}
        </div>
      )}
      <PersonForm
        person={person}
        villageWithin={grantAreas(me)}
        defaultVillage={null}
        errors={fieldErrors(error)}
        busy={busy}
        submitLabel={t('common.save')}
        onSubmit={(input) => void save(input)}
        onCancel={onCancel}
      />
    </>
  );
}

/**
 * `/warga/:id`: one person. What can be done (edit, reveal NIK, processing history)
 * comes from the record's `actions`, never from the user's roles.
 */
export default function PersonDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => getPerson(id), [id]);
  const [saved, setSaved] = useState<Person | null>(null);
  const [warnings, setWarnings] = useState<Warning[] | null>(() => takeWarnings(id));
  const [justRegistered] = useState(() => warnings !== null);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<Tab>('data');
  const person = saved ?? (state.status === 'done' ? state.data : null);
  const showHistory = Boolean(person?.actions.includes('person.history'));
  // Cases and the timeline: for accounts that read cases (navigation-level, like the side nav).
  const showCases = useCanNavigate('case.read');
  const tabs: Tab[] = ['data', ...(showCases ? (['cases', 'timeline'] as const) : []), ...(showHistory ? (['history'] as const) : [])];
  const hasTabs = tabs.length > 1;

  return (
    <div className="page person-page">
      <Link href="/warga" className="back-link">
        ← {t('persons.backToList')}
      </Link>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {person && (
        <>
          <section className="record-header" data-testid="person-header">
            <p className="eyebrow">{t('persons.recordLabel')}</p>
            <h1 data-testid="person-title">{person.fullName}</h1>
            <p className="row-meta">
              <PersonSummary person={person} />
            </p>
          </section>
          {justRegistered && (
            <p className="notice notice-ok" role="status" data-testid="registered">
              {t('persons.registered')}
            </p>
          )}
          {saved && !editing && (
            <p className="notice notice-ok" role="status" data-testid="saved">
              {t('common.saved')}
            </p>
          )}
          {warnings && <Warnings warnings={warnings} />}
          {hasTabs && <Tabs tabs={tabs} tab={tab} onTab={setTab} />}
          {tab === 'data' || !hasTabs ? (
            <div
              id="panel-data"
              role={hasTabs ? 'tabpanel' : undefined}
              aria-labelledby={hasTabs ? 'tab-data' : undefined}
              className="panel"
            >
              {editing ? (
                <EditPerson
                  person={person}
                  onCancel={() => setEditing(false)}
                  onSaved={(updated, w) => {
                    setSaved(updated);
                    setWarnings(w);
                    setEditing(false);
                  }}
                />
              ) : (
                <section className="card">
                  <PersonFacts person={person} />
                  <PersonProgrammes personId={person.id} />
                  {person.actions.includes('person.update') && (
                    <div className="actions">
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setEditing(true)}
                        data-testid="edit-person"
                      >
                        {t('persons.edit')}
                      </button>
                    </div>
                  )}
                </section>
              )}
            </div>
          ) : tab === 'history' ? (
            <div id="panel-history" role="tabpanel" aria-labelledby="tab-history" className="panel">
              <HistoryList personId={person.id} />
            </div>
          ) : (
            <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="panel">
              {tab === 'cases' ? (
                <PersonCases personId={person.id} canCreate={person.actions.includes('case.create')} />
              ) : (
                <PersonTimeline personId={person.id} />
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
