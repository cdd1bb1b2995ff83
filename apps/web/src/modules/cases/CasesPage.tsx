import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useFormatDate } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { currentLanguage } from '../../i18n';
import { casePath } from '../../router';
import { CaseStatusBadge } from './CaseBits';
import { CASES_PAGE_SIZE, listCases, overdueFollowUps, ppksCategories, type CaseFilters } from './cases.api';
import { CASE_STATUSES, VERIFICATION_STATES, type Case } from './cases.types';
import '../dashboard/charts.css';

export function CaseRow({ kase }: { kase: Case }) {
  return (
    <li data-testid="case-row" data-id={kase.id}>
      <Link href={casePath(kase.id)} className="row row-link">
        <span className="row-main">
          <span className="row-name">{kase.personName ?? kase.caseNumber}</span>
          <span className="row-meta">
            <span className="code">{kase.caseNumber}</span> · {kase.ppksName} · <CaseStatusBadge status={kase.status} />
          </span>
        </span>
        <Icon name="chevron" className="row-chevron" />
      </Link>
    </li>
  );
}

function Overdue() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const state = useLoad(() => overdueFollowUps(), []);
  if (state.status !== 'done' || state.data.items.length === 0) return null;
  return (
    <section className="card notice-warn" data-testid="overdue">
      <h2>{t('cases.overdueTitle', { count: state.data.total })}</h2>
      <ul className="plain-list">
        {state.data.items.map((f) => (
          <li key={f.id} data-testid="overdue-item">
            <Link href={casePath(f.caseId)}>{f.caseNumber}</Link> · {formatDate(f.dueOn)} · {f.purpose}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `/kasus`: cases in the user's scope (filters: status, PPKS category, verification) and overdue follow-ups. */
export default function CasesPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<CaseFilters>({ status: '', ppks: '', verification: '', page: 1 });
  const list = useLoad(() => listCases(filters), [filters.status, filters.ppks, filters.verification, filters.page]);
  const ppks = useLoad(() => ppksCategories(), []);
  const update = (patch: Partial<CaseFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const en = currentLanguage() === 'en';

  return (
    <div className="page">
      <h1>{t('cases.title')}</h1>
      <Overdue />
      <form className="card filters" role="search" aria-label={t('cases.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="filter-grid">
          <Field name="status" label={t('cases.statusLabel')}>
            {(props) => (
              <select {...props} value={filters.status} onChange={(e) => update({ status: e.target.value })} data-testid="filter-case-status">
                <option value="">{t('members.any')}</option>
                {CASE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`cases.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="ppks" label={t('cases.ppks')}>
            {(props) => (
              <select {...props} value={filters.ppks} onChange={(e) => update({ ppks: e.target.value })} data-testid="filter-ppks">
                <option value="">{t('members.any')}</option>
                {(ppks.status === 'done' ? ppks.data : []).map((p) => (
                  <option key={p.code} value={p.code}>
                    {en ? p.nameEn : p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="verification" label={t('cases.verificationLabel')}>
            {(props) => (
              <select {...props} value={filters.verification} onChange={(e) => update({ verification: e.target.value })} data-testid="filter-verification">
                <option value="">{t('members.any')}</option>
                {VERIFICATION_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`cases.verification.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          <p className="meta" data-testid="case-count">
            {t('cases.count', { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            <p className="notice">{t('cases.empty')}</p>
          ) : (
            <ul className="list" data-testid="case-list">
              {list.data.items.map((c) => (
                <CaseRow key={c.id} kase={c} />
              ))}
            </ul>
          )}
          <Pager page={list.data.page} pageSize={CASES_PAGE_SIZE} total={list.data.total} onPage={(page) => setFilters((f) => ({ ...f, page }))} />
        </>
      )}
    </div>
  );
}
