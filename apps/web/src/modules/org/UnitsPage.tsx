import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { unitPath } from '../../router';
import { listUnits } from './org.api';
import { UnitCreateForm } from './UnitCreateForm';

/** `/ipsm`: IPSM units in the user's scope. */
export default function UnitsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const state = useLoad(() => listUnits(page), [page]);
  return (
    <div className="page">
      <h1>{t('org.title')}</h1>
      <div className="actions">
        <Link href="/pengumuman" className="button button-secondary" data-testid="my-announcements">
          {t('ipsm.announcements.mine')}
        </Link>
      </div>
      <UnitCreateForm />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <>
          {state.data.items.length === 0 ? (
            <p className="notice">{t('org.empty')}</p>
          ) : (
            <ul className="list" data-testid="unit-list">
              {state.data.items.map((u) => (
                <li key={u.id} data-testid="unit-row">
                  <Link href={unitPath(u.id)} className="row row-link">
                    <span className="row-main">
                      <span className="row-name">{u.name}</span>
                      <span className="row-meta">
                        {t(`org.level.${u.level}`, { defaultValue: u.level })} · {u.areaName}
                      </span>
                    </span>
                    <Icon name="chevron" className="row-chevron" />
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Pager page={state.data.page} pageSize={state.data.pageSize} total={state.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
