import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useLoad } from '../../hooks/useLoad';
import { casePath, personPath } from '../../router';
import { listPosts, listVictims } from './disasters.api';
import type { Incident, Victim } from './disasters.types';
import { VictimForm } from './VictimForm';

function VictimRow({ v }: { v: Victim }) {
  const { t } = useTranslation();
  return (
    <li className="row" data-testid="victim-row" data-id={v.id}>
      <span className="row-main">
        <Link href={personPath(v.personId)} className="row-name" data-testid="victim-name">
          {v.fullName}
        </Link>
        <span className="row-meta">
          {v.nikMasked && <span className="code">{v.nikMasked}</span>} {v.villageName} ·{' '}
          {t(`disasters.displacement.${v.displacement}`)}
          {v.displacementPlace ? ` (${v.displacementPlace})` : ''} · {t(`disasters.condition.${v.condition}`)}
        </span>
        <span className="row-meta">
          {v.needs.map((n) => (
            <span key={n} className={`chip ${v.needsServed.includes(n) ? 'is-met' : ''}`}>
              {t(`disasters.need.${n}`)}
            </span>
          ))}
          {v.needs.length > 0 && (
            <span className={`badge ${v.basicNeedsMet ? '' : 'badge-warn'}`}>
              {v.basicNeedsMet ? t('disasters.victim.needsMet') : t('disasters.victim.needsOpen')}
            </span>
          )}
          {v.vulnerabilities.map((g) => (
            <span key={g} className="badge badge-muted">
              {t(`disasters.vulnerable.${g}`)}
            </span>
          ))}
          {v.caseId && (
            <Link href={casePath(v.caseId)} className="badge">
              {t('disasters.victim.case')}
            </Link>
          )}
        </span>
      </span>
    </li>
  );
}

/** Victims of the incident in the caller's scope (NIK masked) and, when allowed, the registration form. */
export function VictimsTab({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [round, setRound] = useState(0);
  const [message, setMessage] = useState('');
  const [formOpen, setFormOpen] = useState(false);
  const list = useLoad(() => listVictims(incident.id, page), [incident.id, page, round]);
  const posts = useLoad(() => listPosts(incident.id), [incident.id]);
  const canRegister = incident.actions.includes('register_victim');
  return (
    <section aria-labelledby="victims-title">
      <h2 id="victims-title" className="section-title">
        {list.status === 'done' ? t('disasters.victim.count', { count: list.data.total }) : t('disasters.victim.title')}
      </h2>
      {message && (
        <p className="notice notice-ok" role="status" data-testid="victim-saved">
          {message}
        </p>
      )}
      {canRegister &&
        (formOpen ? (
          <VictimForm
            incident={incident}
            posts={posts.status === 'done' ? posts.data.items : []}
            onSaved={(m) => {
              setMessage(m);
              setRound((r) => r + 1);
            }}
          />
        ) : (
          <button type="button" className="button button-block" onClick={() => setFormOpen(true)} data-testid="victim-register">
            {t('disasters.victim.register')}
          </button>
        ))}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' && (
        <>
          {list.data.items.length === 0 && <p className="hint">{t('disasters.victim.none')}</p>}
          <ul className="list" data-testid="victim-list">
            {list.data.items.map((v) => (
              <VictimRow key={v.id} v={v} />
            ))}
          </ul>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
