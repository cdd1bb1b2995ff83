import { useTranslation } from 'react-i18next';
import { useFormatNumber } from '../hooks/useFormat';

/** "1–25 dari 120" with previous/next buttons (big enough to tap). */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  if (total <= pageSize && page === 1) return null; // one page: the count above says it all
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t('pager.label')} data-testid="pager">
      <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span className="pager-status" data-testid="pager-status">
        {t('pager.range', { from: format(from), to: format(to), total: format(total) })}
      </span>
      <button type="button" className="button button-secondary" disabled={page >= last} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
