import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { personPath } from '../../router';
import { useCanNavigate, useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { listPersons, PERSONS_PAGE_SIZE } from './persons.api';
import type { PersonListItem } from './persons.types';
import { ageOf, grantAreas, soleVillage } from './scope';

interface Filters {
  area: PickedArea | null;
  q: string;
  page: number;
}

// Kept while the app is open so "back" returns to the same list. Never in the URL:
// the search text is usually a name (DOMAIN.md §6, point 10).
let remembered: { userId: string; filters: Filters } | null = null;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** "Pajang · P · 51 th": village, sex and age in one line. */
export function PersonSummary({ person }: { person: Pick<PersonListItem, 'villageName' | 'sex' | 'birthDate'> }) {
  const { t } = useTranslation();
  const age = person.birthDate ? ageOf(person.birthDate) : null;
  const parts = [
    person.villageName,
    person.sex ? t(`persons.sexShort.${person.sex}`) : null,
    age !== null ? t('persons.age', { count: age }) : null,
  ];
  return <span data-testid="person-summary">{parts.filter(Boolean).join(' · ')}</span>;
}

function PersonRow({ person }: { person: PersonListItem }) {
  const { t } = useTranslation();
  return (
    <li data-testid="person-row" data-id={person.id}>
      <Link href={personPath(person.id)} className="row row-link">
        <span className="row-main">
          <span className="row-name" data-testid="person-name">
            {person.fullName}
          </span>
          <span className="row-meta">
            <PersonSummary person={person} />
          </span>
        </span>
        <span className="nik-cell">
          <span className="visually-hidden">{t('persons.nik')}: </span>
          {person.nikMasked ? (
            <span className="code" data-testid="person-nik">
              {person.nikMasked}
            </span>
          ) : (
            <span className="meta">{t('persons.noNik')}</span>
          )}
        </span>
        <Icon name="chevron" className="row-chevron" />
      </Link>
    </li>
  );
}

/** `/warga`: persons inside the user's scope (NIK masked), searched by name and area. */
export default function PersonsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const canCreate = useCanNavigate('person.create');
  const userId = me?.user.id ?? '';
  const [filters, setFilters] = useState<Filters>(() =>
    remembered?.userId === userId ? remembered.filters : { area: null, q: '', page: 1 },
  );
  const q = useDebounced(filters.q, 350);
  useEffect(() => {
    remembered = { userId, filters };
  }, [userId, filters]);
  const list = useLoad(
    () => listPersons({ area: filters.area?.code ?? null, q, page: filters.page }),
    [filters.area?.code, q, filters.page],
  );
  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const typed = filters.q.trim();

  return (
    <div className="page persons-page">
      <div className="page-title">
        <h1>{t('persons.title')}</h1>
        {canCreate && (
          <Link href="/warga/baru" className="button" data-testid="new-person">
            <Icon name="plus" />
            {t('persons.new')}
          </Link>
        )}
      </div>
      <form className="card filters" role="search" aria-label={t('persons.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field name="q" label={t('persons.search')} hint={typed.length === 1 ? t('areas.search.minChars') : undefined}>
          {(props) => (
            <input
              {...props}
              type="search"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('persons.searchPlaceholder')}
              value={filters.q}
              onChange={(e) => update({ q: e.target.value })}
              data-testid="person-search"
            />
          )}
        </Field>
        {/* A PSM of one village has nothing to narrow by area. */}
        {!soleVillage(me) && (
          <AreaPicker
            name="area"
            testId="person-area-filter"
            label={t('persons.areaFilter')}
            value={filters.area}
            onChange={(area) => update({ area })}
            within={grantAreas(me)}
            levels={null}
          />
        )}
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          <p className="meta" data-testid="person-count" aria-live="polite">
            {t('persons.count', { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            <p className="notice" data-testid="persons-empty">
              {t('persons.empty')}
            </p>
          ) : (
            <ul className="list" data-testid="person-list">
              {list.data.items.map((p) => (
                <PersonRow key={p.id} person={p} />
              ))}
            </ul>
          )}
          <Pager
            page={list.data.page}
            pageSize={PERSONS_PAGE_SIZE}
            total={list.data.total}
            onPage={(page) => setFilters((f) => ({ ...f, page }))}
          />
        </>
      )}
    </div>
  );
}
