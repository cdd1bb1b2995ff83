import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import type { Deadline, Escalation } from './privacy.types';

/** Hours and minutes until `dueAt`, re-computed every minute so the timer moves on screen. */
function useRemaining(dueAt: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return new Date(dueAt).getTime() - now;
}

/**
 * The 3 × 24-hour timer (UU PDP Pasal 32–34 for requests, Pasal 46 for breaches): state
 * from the server, remaining time counted here, and the escalations the job raised.
 */
export function DeadlineTimer({ deadline, escalations }: { deadline: Deadline; escalations: Escalation[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const left = useRemaining(deadline.dueAt);
  const abs = Math.abs(left);
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const css =
    deadline.state === 'overdue'
      ? 'notice-error'
      : deadline.state === 'near_due'
        ? 'notice-warn'
        : deadline.state === 'done'
          ? ''
          : 'notice-ok';
  return (
    <div className={`notice ${css} privacy-timer`} data-testid="deadline" data-state={deadline.state}>
      <p>
        <strong data-testid="deadline-state">{t(`privacy.deadline.state.${deadline.state}`)}</strong>
        {deadline.state !== 'done' && (
          <span data-testid="deadline-left">
            {' · '}
            {left >= 0 ? t('privacy.deadline.left', { hours, minutes }) : t('privacy.deadline.late', { hours, minutes })}
          </span>
        )}
      </p>
      <p className="meta">{t('privacy.deadline.due', { at: formatDateTime(deadline.dueAt) })}</p>
      {escalations.length > 0 && (
        <ul data-testid="escalations">
          {escalations.map((e) => (
            <li key={e.level} data-level={e.level}>
              {t(`privacy.deadline.escalation.${e.level}`, { at: formatDateTime(e.raisedAt) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A small badge for lists: the timer's state and hours left. */
export function DeadlineBadge({ deadline }: { deadline: Deadline }) {
  const { t } = useTranslation();
  const css =
    deadline.state === 'overdue' || deadline.state === 'near_due'
      ? ' badge-warn'
      : deadline.state === 'done'
        ? ' badge-muted'
        : '';
  return (
    <span className={`badge${css}`} data-testid="deadline-badge" data-state={deadline.state}>
      {t(`privacy.deadline.state.${deadline.state}`)}
      {deadline.hoursLeft !== null && deadline.state !== 'done'
        ? ` · ${t('privacy.deadline.hours', { count: Math.round(deadline.hoursLeft) })}`
        : ''}
    </span>
  );
}

const TABS = [
  { key: 'requests', href: '/privasi' },
  { key: 'breaches', href: '/privasi/insiden' },
  { key: 'retention', href: '/privasi/retensi' },
  { key: 'governance', href: '/privasi/tata-kelola' },
] as const;

/** The DPO's sections, as tabs on top of every privacy screen. */
export function PrivacyTabs({ current }: { current: (typeof TABS)[number]['key'] }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs privacy-tabs" aria-label={t('privacy.title')}>
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          className="tab"
          aria-current={tab.key === current ? 'page' : undefined}
          data-testid={`privacy-tab-${tab.key}`}
        >
          {t(`privacy.tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}

/** A download of a server document (PDF, JSON, Markdown): a plain link, the session cookie goes along. */
export function Download({ href, label, testId }: { href: string; label: string; testId: string }) {
  return (
    <a className="button button-secondary" href={href} download data-testid={testId}>
      {label}
    </a>
  );
}
