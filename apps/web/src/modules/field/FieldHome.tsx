import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useLive } from '../../offline/useLive';
import { FailedItems } from './FailedItems';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';
import { SignOutSection } from './SignOutSection';
import { SyncPanel } from './SyncPanel';

export function FieldHome() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const persons = useLive(async () => {
    const all = await db.records.where('type').equals('person').toArray();
    const hits = q ? all.filter((r) => r.search.includes(q)) : all;
    hits.sort((a, b) => a.search.localeCompare(b.search));
    const pending = new Set((await db.outbox.toArray()).map((i) => i.personId));
    const conflicted = new Set((await db.conflicts.toArray()).map((c) => c.entityId));
    return { total: all.length, items: hits.slice(0, 100).map((r) => ({ r, pending: pending.has(r.id), conflict: conflicted.has(r.id) })) };
  }, [db, q]);
  return (
    <div className="page field-page">
      <h1 className="page-title">{t('field.title')}</h1>
      <SyncPanel />
      <FailedItems />
      <Link href={fieldPaths.personNew} className="button button-block" data-testid="field-new-person">
        {t('field.person.register')}
      </Link>
      <Link href={fieldPaths.activities} className="button button-secondary button-block" data-testid="field-activities">
        {t('activityLog.new')}
      </Link>
      <section aria-labelledby="persons-title">
        <h2 id="persons-title" className="section-title">
          {t('field.person.listTitle', { count: persons?.total ?? 0 })}
        </h2>
        <label className="visually-hidden" htmlFor="field-search">
          {t('field.person.search')}
        </label>
        <input
          id="field-search"
          type="search"
          className="field-search"
          placeholder={t('field.person.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="field-search"
        />
        <ul className="plain-list person-rows" data-testid="field-person-list">
          {persons?.items.map(({ r, pending, conflict }) => (
            <li key={r.id}>
              <Link href={fieldPaths.person(r.id)} className="person-row" data-testid="field-person">
                <span className="person-row-name" data-testid="field-person-name">
                  {String(r.data.fullName ?? '')}
                </span>
                <span className="person-row-meta">
                  {[r.data.rt ? `RT ${String(r.data.rt)}` : null, r.data.rw ? `RW ${String(r.data.rw)}` : null].filter(Boolean).join(' / ')}
                  {pending && <span className="badge badge-muted">{t('field.person.pendingBadge')}</span>}
                  {conflict && <span className="konflik-badge">{t('field.conflict.badge')}</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        {persons && persons.items.length === 0 && <p className="hint">{q ? t('field.person.noMatch') : t('field.person.empty')}</p>}
      </section>
      <SignOutSection />
    </div>
  );
}
