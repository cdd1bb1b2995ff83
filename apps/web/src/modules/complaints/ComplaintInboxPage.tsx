import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { SelectFilter } from '../../components/SelectFilter';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import '../programmes/programmes.css';
import { ProgrammeNav } from '../programmes/ProgrammeNav';
import { COMPLAINT_CATEGORIES } from './complaints.api';
import { complaintPath } from './paths';
import { listComplaints, STAGES } from './staff.api';
import { StaffIntake } from './StaffIntake';
import { useSession } from '../../session/SessionContext';

/** `/pengaduan/masuk`: complaints in the user's areas, most urgent first; overdue stages stand out. */
export default function ComplaintInboxPage() {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const [f, setF] = useState({ stage: '', category: '', page: 1 });
  const list = useLoad(() => listComplaints(f), [f.stage, f.category, f.page]);
  const canFile = useSession().me?.permissions.includes('complaint.file') ?? false;
  return (
    <div className="page">
      <h1>{t('complaintDesk.title')}</h1>
      <ProgrammeNav current="complaints" />
      {canFile && <StaffIntake onFiled={list.retry} />}
      <form className="card filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="filter-grid">
          <SelectFilter
            name="stage"
            label={t('complaintDesk.stage')}
            anyLabel={t('complaintDesk.any')}
            value={f.stage}
            options={STAGES.map((s) => ({ value: s, label: t(`complaints.stages.${s}`) }))}
            onChange={(stage) => setF({ ...f, stage, page: 1 })}
            testId="complaint-filter-stage"
          />
          <SelectFilter
            name="category"
            label={t('complaints.category')}
            anyLabel={t('complaintDesk.any')}
            value={f.category}
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
            onChange={(category) => setF({ ...f, category, page: 1 })}
          />
        </div>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          {list.data.items.length === 0 ? (
            <p className="notice">{t('complaintDesk.empty')}</p>
          ) : (
            <ul className="list" data-testid="complaint-inbox">
              {list.data.items.map((c) => (
                <li
                  key={c.id}
                  className={c.overdue ? 'is-overdue' : ''}
                  data-testid="complaint-row"
                  data-stage={c.stage}
                  data-overdue={c.overdue}
                >
                  <Link href={complaintPath(c.id)}>
                    {t(`complaints.categories.${c.category}`, { defaultValue: c.category })} ·{' '}
                    {t(`complaintDesk.channel.${c.channel}`)}
                  </Link>
                  <span className="row-meta">
                    {t(`complaints.stages.${c.stage}`)}
                    {c.stageDueAt ? ` · ${t('complaints.dueAt')}: ${formatTime(c.stageDueAt)}` : ''}
                    {c.overdue && <span className="overdue-badge">{t('complaintDesk.overdue')}</span>}
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
