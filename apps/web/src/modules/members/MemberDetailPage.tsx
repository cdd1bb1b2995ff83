import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDate, useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { requirementsPath } from '../../router';
import { useCanNavigate } from '../../session/SessionContext';
import '../dashboard/charts.css';
import './members.css';
import { KtaForm, MemberTransitions } from './MemberActions';
import { MemberStatusBadge } from './MemberBits';
import { MemberDocuments } from './MemberDocuments';
import { MemberEditForm } from './MemberEditForm';
import { Warnings } from './FormBits';
import { Awards, Trainings, Transfers } from './MemberRecords';
import { cardPdfUrl, getMember } from './members.api';
import type { Member, Warning } from './members.types';

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Requirements({ member }: { member: Member }) {
  const { t } = useTranslation();
  const canConfigure = useCanNavigate('member.verify');
  return (
    <Section title={t('members.requirements')} testId="requirements">
      <p className={`notice ${member.requirementsMet ? 'notice-ok' : 'notice-warn'}`} data-testid="requirements-summary">
        {member.requirementsMet ? t('members.requirementsMet') : t('members.requirementsMissing')}
      </p>
      <ul className="checklist">
        {member.requirements.map((r) => (
          <li
            key={r.code}
            data-testid="requirement"
            data-code={r.code}
            data-met={r.met ? 'true' : 'false'}
            className={r.met ? 'is-met' : 'is-missing'}
          >
            <span aria-hidden="true">{r.met ? '✓' : '✗'}</span> {localized({ id: r.label, en: r.labelEn })}
            <span className="visually-hidden">: {r.met ? t('members.met') : t('members.missing')}</span>
          </li>
        ))}
      </ul>
      {canConfigure && (
        <p>
          <Link href={requirementsPath(member.regencyCode)} data-testid="configure-requirements">
            {t('memberAdmin.requirements.configure', { regency: member.regencyName })} →
          </Link>
        </p>
      )}
    </Section>
  );
}

function Facts({ member }: { member: Member }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const dash = <span className="meta">—</span>;
  const rows: [string, ReactNode][] = [
    [t('members.nik'), <span className="code">{member.nikMasked}</span>],
    [
      t('members.village'),
      `${member.villageName}, ${member.districtName}, ${member.regencyName}${member.rw ? ` · RW ${member.rw}` : ''}`,
    ],
    [t('members.birthDate'), `${formatDate(member.birthDate)} (${t('persons.age', { count: member.age })})`],
    [t('members.sex'), t(`persons.sexValue.${member.sex}`)],
    [t('members.phone'), member.phone ?? dash],
    [t('members.address'), member.address ?? dash],
    [
      t('members.sk'),
      member.sk
        ? `${member.sk.number}${member.sk.date ? ` · ${formatDate(member.sk.date)}` : ''}${member.sk.issuer ? ` · ${member.sk.issuer}` : ''}`
        : dash,
    ],
    [
      t('members.kta.label'),
      member.kta ? <span data-testid="kta-value">{`${member.kta.number} (${t(`members.kta.${member.kta.kind}`)})`}</span> : dash,
    ],
    [t('members.activeSince'), member.activeSince ? formatDate(member.activeSince) : dash],
    [
      t('memberAdmin.source.label'),
      <span data-testid="member-source">{t(`memberAdmin.source.${member.source}`, { defaultValue: member.source })}</span>,
    ],
  ];
  return (
    <dl className="facts facts-wide" data-testid="member-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function StatusHistory({ member }: { member: Member }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Section title={t('members.statusHistory')} testId="status-history">
      <ol className="history-list">
        {[...member.statusHistory].reverse().map((e, i) => (
          <li key={`${e.at}-${i}`} className="history-item" data-testid="status-event" data-to={e.toStatus}>
            <p className="history-head">
              <strong>{t(`members.status.${e.toStatus}`, { defaultValue: e.toStatus })}</strong>
              <time className="meta" dateTime={e.at}>
                {formatDateTime(e.at)}
              </time>
            </p>
            <p className="meta">
              {t('history.by')} {e.actor}
              {e.reason ? ` · ${t(`members.stopReason.${e.reason}`, { defaultValue: e.reason })}` : ''}
              {e.basis ? ` · ${e.basis}` : ''}
              {e.note ? ` · ${e.note}` : ''}
            </p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

/**
 * `/psm/:id`: one PSM. Verification, KTA and the other steps come from the record's
 * `transitions` and `actions`; the card prints for verified members.
 */
export default function MemberDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => getMember(id), [id]);
  const [changed, setChanged] = useState<Member | null>(null);
  const member = changed ?? (state.status === 'done' ? state.data : null);
  // The card endpoint answers only for verified members (aktif / tidak aktif); mirrors members.card.ts.
  const printable = member?.status === 'aktif' || member?.status === 'tidak_aktif';
  const canEdit = member?.actions.includes('member.update') ?? false;
  const [editing, setEditing] = useState(false);
  const [editWarnings, setEditWarnings] = useState<Warning[]>([]);

  return (
    <div className="page">
      <Link href="/psm" className="back-link">
        ← {t('members.backToList')}
      </Link>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {member && (
        <>
          <section className="record-header">
            <p className="eyebrow">{t('members.recordLabel')}</p>
            <h1 data-testid="member-title">{member.fullName}</h1>
            <p className="row-meta">
              {member.villageName} · <MemberStatusBadge status={member.status} />
            </p>
          </section>
          {changed && (
            <p className="notice notice-ok" role="status" data-testid="member-saved">
              {t('common.saved')}
            </p>
          )}
          {member.status === 'dikembalikan' && member.returnReason && (
            <p className="notice notice-warn" data-testid="return-reason-shown">
              {t('members.returnedBecause', { reason: member.returnReason })}
            </p>
          )}
          <MemberTransitions member={member} onChange={setChanged} />
          <section className="card" data-testid="member-identity">
            {editing ? (
              <MemberEditForm
                member={member}
                onSaved={(saved, warnings) => {
                  setChanged(saved);
                  setEditWarnings(warnings);
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <Facts member={member} />
            )}
            <Warnings warnings={editWarnings} testId="member-edit-warnings" />
            {!editing && canEdit && (
              <div className="actions">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setEditing(true)}
                  data-testid="member-edit"
                >
                  {t('memberAdmin.edit.open')}
                </button>
              </div>
            )}
            {!editing && printable && (
              <div className="actions">
                <a
                  className="button button-secondary"
                  href={cardPdfUrl(member.id)}
                  target="_blank"
                  rel="noopener"
                  data-testid="print-card"
                >
                  {t('members.printCard')}
                </a>
              </div>
            )}
          </section>
          {member.actions.includes('member.issue_kta') && <KtaForm member={member} onChange={setChanged} />}
          {member.actions.includes('member.update') && <MemberDocuments member={member} onChange={setChanged} />}
          <Requirements member={member} />
          <Trainings member={member} onChange={setChanged} />
          <Awards member={member} onChange={setChanged} />
          <Transfers member={member} onChange={setChanged} />
          <StatusHistory member={member} />
        </>
      )}
    </div>
  );
}
