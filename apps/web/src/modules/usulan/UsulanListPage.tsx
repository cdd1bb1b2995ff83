import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { SelectFilter } from '../../components/SelectFilter';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import '../programmes/programmes.css';
import { ProgrammeNav } from '../programmes/ProgrammeNav';
import { CutoffNotice } from './CutoffNotice';
import { bnbaPath, musdesNewPath, usulanPath } from './paths';
import { listUsulan, USULAN_STATUSES } from './usulan.api';

/** `/usulan`: proposals in the user's scope by status and batch month, with the cut-off of this month. */
export default function UsulanListPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [f, setF] = useState({ status: '', batchMonth: '', page: 1 });
  const list = useLoad(() => listUsulan(f), [f.status, f.batchMonth, f.page]);
  const home = me?.grants[0]?.areaCode;
  const perms = me?.permissions ?? [];
  return (
    <div className="page">
      <h1>{t('usulanUi.title')}</h1>
      <ProgrammeNav current="usulan" />
      {home && home !== 'ID' && <CutoffNotice area={home} />}
      <p className="actions">
        {perms.includes('usulan.create') && (
          <Link href={musdesNewPath} className="button button-secondary" data-testid="musdes-new">
            {t('usulanUi.musdes.title')}
          </Link>
        )}
        {(perms.includes('usulan.export_bnba') || perms.includes('usulan.import_result')) && (
          <Link href={bnbaPath} className="button button-secondary" data-testid="bnba-link">
            {t('usulanUi.bnba.title')}
          </Link>
        )}
      </p>
      <form className="card filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="filter-grid">
          <SelectFilter
            name="status"
            label={t('usulanUi.statusLabel')}
            anyLabel={t('usulanUi.any')}
            value={f.status}
            options={USULAN_STATUSES.map((s) => ({ value: s, label: t(`usulanUi.status.${s}`) }))}
            onChange={(status) => setF({ ...f, status, page: 1 })}
            testId="usulan-filter-status"
          />
          <Field name="batchMonth" label={t('usulanUi.batchMonth')}>
            {(p) => (
              <input
                {...p}
                type="month"
                value={f.batchMonth}
                onChange={(e) => setF({ ...f, batchMonth: e.target.value, page: 1 })}
                data-testid="usulan-filter-month"
              />
            )}
          </Field>
        </div>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          {list.data.items.length === 0 ? (
            <p className="notice">{t('usulanUi.empty')}</p>
          ) : (
            <ul className="list" data-testid="usulan-list">
              {list.data.items.map((u) => (
                <li key={u.id} data-testid="usulan-row" data-status={u.status}>
                  <Link href={usulanPath(u.id)}>
                    {u.recipientName ?? '—'} · {u.programmeCode}
                  </Link>
                  <span className="row-meta">
                    {t(`usulanUi.status.${u.status}`)}
                    {u.batchMonth ? ` · ${t('usulanUi.batch', { month: u.batchMonth.slice(0, 7) })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(page) => setF({ ...f, page })}
          />
        </>
      )}
    </div>
  );
}
