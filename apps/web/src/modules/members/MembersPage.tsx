import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { memberPath } from '../../router';
import { useCanNavigate, useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { grantAreas } from '../persons/scope';
import { MemberStatusBadge } from './MemberBits';
import { MemberTools } from './MemberTools';
import { listMembers, MEMBERS_PAGE_SIZE, type MemberFilters } from './members.api';
import { MEMBER_STATUSES, type MemberListItem } from './members.types';

type Filters = Omit<MemberFilters, 'area'> & { area: PickedArea | null };
const empty: Filters = { area: null, q: '', status: '', hasSk: '', hasKta: '', hasTraining: '', page: 1 };
// Kept while the app is open so "back" returns to the same list (never in the URL: q may be a name).
let remembered: { userId: string; filters: Filters } | null = null;

function MemberRow({ member }: { member: MemberListItem }) {
  const { t } = useTranslation();
  return (
    <li data-testid="member-row" data-id={member.id}>
      <Link href={memberPath(member.id)} className="row row-link">
        <span className="row-main">
          <span className="row-name" data-testid="member-name">
            {member.fullName}
          </span>
          <span className="row-meta">
            {member.villageName} · <MemberStatusBadge status={member.status} />
          </span>
          <span className="row-counts">
            <span>{member.hasSk ? t('members.hasSk') : t('members.noSk')}</span>
            <span>{member.ktaNumber ? `KTA ${member.ktaNumber}` : t('members.noKta')}</span>
            <span>{member.hasTraining ? t('members.trained') : t('members.notTrained')}</span>
          </span>
        </span>
        <Icon name="chevron" className="row-chevron" />
      </Link>
    </li>
  );
}

function YesNo({ name, label, value, onChange }: { name: string; label: string; value: string; onChange: (v: '' | 'true' | 'false') => void }) {
  const { t } = useTranslation();
  return (
    <Field name={name} label={label}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as '' | 'true' | 'false')} data-testid={`filter-${name}`}>
          <option value="">{t('members.any')}</option>
          <option value="true">{t('members.yes')}</option>
          <option value="false">{t('members.no')}</option>
        </select>
      )}
    </Field>
  );
}

/** `/psm`: the PSM registry in the user's scope, with filters. */
export default function MembersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const canCreate = useCanNavigate('member.create');
  const userId = me?.user.id ?? '';
  const [filters, setFilters] = useState<Filters>(() => (remembered?.userId === userId ? remembered.filters : empty));
  const list = useLoad(() => {
    remembered = { userId, filters };
    return listMembers({ ...filters, area: filters.area?.code ?? null });
  }, [filters.area?.code, filters.q, filters.status, filters.hasSk, filters.hasKta, filters.hasTraining, filters.page]);
  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  return (
    <div className="page">
      <div className="page-title">
        <h1>{t('members.title')}</h1>
        {canCreate && (
          <Link href="/psm/baru" className="button" data-testid="new-member">
            <Icon name="plus" />
            {t('members.new')}
          </Link>
        )}
      </div>
      <p>
        <Link href="/psm/cakupan" data-testid="coverage-link">
          {t('coverage.title')} →
        </Link>
      </p>
      <MemberTools />
      <form className="card filters" role="search" aria-label={t('members.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field name="q" label={t('members.search')}>
          {(props) => (
            <input {...props} type="search" autoComplete="off" value={filters.q} onChange={(e) => update({ q: e.target.value })} data-testid="member-search" />
          )}
        </Field>
        <AreaPicker
          name="area"
          testId="member-area-filter"
          label={t('members.areaFilter')}
          value={filters.area}
          onChange={(area) => update({ area })}
          within={grantAreas(me)}
          levels={null}
        />
        <div className="filter-grid">
          <Field name="status" label={t('members.statusLabel')}>
            {(props) => (
              <select {...props} value={filters.status} onChange={(e) => update({ status: e.target.value as Filters['status'] })} data-testid="filter-status">
                <option value="">{t('members.any')}</option>
                {MEMBER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`members.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <YesNo name="hasSk" label={t('members.filterSk')} value={filters.hasSk} onChange={(hasSk) => update({ hasSk })} />
          <YesNo name="hasKta" label={t('members.filterKta')} value={filters.hasKta} onChange={(hasKta) => update({ hasKta })} />
          <YesNo name="hasTraining" label={t('members.filterTraining')} value={filters.hasTraining} onChange={(hasTraining) => update({ hasTraining })} />
        </div>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          <p className="meta" data-testid="member-count" aria-live="polite">
            {t('members.count', { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            <p className="notice" data-testid="members-empty">
              {t('members.empty')}
            </p>
          ) : (
            <ul className="list" data-testid="member-list">
              {list.data.items.map((m) => (
                <MemberRow key={m.id} member={m} />
              ))}
            </ul>
          )}
          <Pager page={list.data.page} pageSize={MEMBERS_PAGE_SIZE} total={list.data.total} onPage={(page) => setFilters((f) => ({ ...f, page }))} />
        </>
      )}
    </div>
  );
}
