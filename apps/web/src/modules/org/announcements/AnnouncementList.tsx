import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../../hooks/useFormat';
import type { Announcement } from '../org.api';

/** Announcements newest first, each with the unit that published it. Text is shown as written (no HTML). */
export function AnnouncementList({ items }: { items: Announcement[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (items.length === 0)
    return (
      <p className="notice" data-testid="announcements-empty">
        {t('ipsm.announcements.empty')}
      </p>
    );
  return (
    <ul className="list" data-testid="announcement-list">
      {items.map((a) => (
        <li key={a.id} className="row announcement" data-testid="announcement">
          <div className="row-main">
            <h3 data-testid="announcement-title">{a.title}</h3>
            <p className="meta">
              {t('ipsm.announcements.from', { unit: a.unitName })} ·{' '}
              <time dateTime={a.publishedAt}>{formatDate(a.publishedAt)}</time>
            </p>
            <p className="announcement-body" data-testid="announcement-body">
              {a.body}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
