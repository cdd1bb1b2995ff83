import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { SelectFilter } from '../../components/SelectFilter';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { personPath } from '../../router';
import { listMemberships, listProgrammes, MEMBERSHIP_STATUSES } from './programmes.api';
import { ProgrammeNav } from './ProgrammeNav';
import './programmes.css';

/** `/program`: programme memberships in the user's areas, by area, programme and status (KKS masked). */
export default function MembershipsPage() {
  const { t } = useTranslation();
  const [f, setF] = useState({ area: '', programme: '', status: '', page: 1 });
  const [areaInput, setAreaInput] = useState('');
  const programmes = useLoad(() => listProgrammes(), []);
  const list = useLoad(() => listMemberships(f), [f.area, f.programme, f.status, f.page]);
  return (
    <div className="page">
      <h1>{t('programmeUi.listTitle')}</h1>
      <ProgrammeNav current="memberships" />
      <form
        className="card filters"
        role="search"
        onSubmit={(e) => (e.preventDefault(), setF({ ...f, area: areaInput, page: 1 }))}
      >
        <div className="filter-grid">
          <Field name="area" label={t('programmeUi.area')} hint={t('programmeUi.areaHint')}>
            {(p) => (
              <input
                {...p}
                value={areaInput}
                onChange={(e) => setAreaInput(e.target.value.trim())}
                onBlur={() => setF({ ...f, area: areaInput, page: 1 })}
                data-testid="membership-filter-area"
              />
            )}
          </Field>
          <SelectFilter
            name="programme"
            label={t('programmeUi.programme')}
            anyLabel={t('programmeUi.any')}
            value={f.programme}
            options={(programmes.status === 'done' ? programmes.data.items : []).map((x) => ({ value: x.code, label: x.name }))}
            onChange={(programme) => setF({ ...f, programme, page: 1 })}
            testId="membership-filter-programme"
          />
          <SelectFilter
            name="status"
            label={t('programmeUi.status')}
            anyLabel={t('programmeUi.any')}
            value={f.status}
            options={MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: t(`programmeUi.statuses.${s}`) }))}
            onChange={(status) => setF({ ...f, status, page: 1 })}
          />
        </div>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          <p className="meta">{t('programmeUi.count', { count: list.data.total })}</p>
          <ul className="list" data-testid="membership-list">
            {list.data.items.map((m) => (
              <li key={m.id} data-testid="membership-row">
                {m.personId ? (
                  <Link href={personPath(m.personId)}>{m.recipientName ?? '—'}</Link>
                ) : (
                  <strong>{m.recipientName ?? '—'}</strong>
                )}
                <span className="row-meta">
                  {[
                    m.programmeName,
                    t(`programmeUi.statuses.${m.status}`),
                    m.kksMasked && `KKS ${m.kksMasked}`,
                    m.decile && t('programmeUi.decileN', { n: m.decile }),
                    m.villageCode,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
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
