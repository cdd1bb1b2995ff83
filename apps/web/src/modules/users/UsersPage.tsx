import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { userPath } from '../../router';
import { ROLES, type Role } from '../../session/session.types';
import { AreaPicker } from '../areas/AreaPicker';
import { grantableRoles, listUsers, USERS_PAGE_SIZE } from './users.api';
import type { User, UserFilters, UserStatus } from './users.types';
import { GrantChips, UserBadges } from './UserBits';

// Kept while the app is open so "back" from a user returns to the same list.
// Not in the URL: a search text may be a person's name (DOMAIN.md §6, point 10).
let remembered: UserFilters = { area: null, role: '', status: '', q: '', page: 1 };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function UserRow({ user }: { user: User }) {
  return (
    <li data-testid="user-row" data-username={user.username}>
      <Link href={userPath(user.id)} className="row row-link">
        <span className="row-main">
          <span className="row-name">{user.displayName}</span>
          <span className="row-meta">
            <span className="code">@{user.username}</span>
            <UserBadges user={user} />
          </span>
          <GrantChips grants={user.grants} />
        </span>
        <Icon name="chevron" className="row-chevron" />
      </Link>
    </li>
  );
}

/** `/pengguna`: accounts with a grant inside the caller's scope, filtered and paged by the server. */
export default function UsersPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<UserFilters>(remembered);
  const q = useDebounced(filters.q, 350);
  const effective = { ...filters, q };
  useEffect(() => {
    remembered = filters;
  }, [filters]);
  const list = useLoad(() => listUsers(effective), [filters.area?.code, filters.role, filters.status, q, filters.page]);
  const roles = useLoad(grantableRoles, []);
  const update = (patch: Partial<UserFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  return (
    <div className="page users-page">
      <div className="page-title">
        <h1>{t('users.title')}</h1>
        {roles.status === 'done' && roles.data.length > 0 && (
          <Link href="/pengguna/baru" className="button" data-testid="new-user">
            <Icon name="plus" />
            {t('users.new')}
          </Link>
        )}
      </div>
      <form className="card filters" role="search" aria-label={t('users.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field name="q" label={t('users.search')}>
          {(props) => (
            <input
              {...props}
              type="search"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('users.searchPlaceholder')}
              value={filters.q}
              onChange={(e) => update({ q: e.target.value })}
              data-testid="user-search"
            />
          )}
        </Field>
        <div className="filter-row">
          <Field name="role" label={t('users.role')}>
            {(props) => (
              <select
                {...props}
                value={filters.role}
                onChange={(e) => update({ role: e.target.value as Role | '' })}
                data-testid="user-role-filter"
              >
                <option value="">{t('users.allRoles')}</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="status" label={t('users.status')}>
            {(props) => (
              <select
                {...props}
                value={filters.status}
                onChange={(e) => update({ status: e.target.value as UserStatus | '' })}
                data-testid="user-status-filter"
              >
                <option value="">{t('users.allStatuses')}</option>
                <option value="active">{t('users.statusActive')}</option>
                <option value="disabled">{t('users.statusDisabled')}</option>
              </select>
            )}
          </Field>
        </div>
        <AreaPicker
          name="area"
          testId="user-area-filter"
          label={t('users.area')}
          value={filters.area}
          onChange={(area) => update({ area: area ? { code: area.code, name: area.name } : null })}
          within={null}
          levels={null}
        />
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          <p className="meta" data-testid="user-count" aria-live="polite">
            {t('users.count', { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            <p className="notice" data-testid="users-empty">
              {t('users.empty')}
            </p>
          ) : (
            <ul className="list" data-testid="user-list">
              {list.data.items.map((u) => (
                <UserRow key={u.id} user={u} />
              ))}
            </ul>
          )}
          <Pager
            page={list.data.page}
            pageSize={USERS_PAGE_SIZE}
            total={list.data.total}
            onPage={(page) => setFilters((f) => ({ ...f, page }))}
          />
        </>
      )}
    </div>
  );
}
