import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { cutoff } from './usulan.api';

/** The batch a proposal made now joins and its cut-off (the 17th, local time of the area); late ones roll over. */
export function CutoffNotice({ area }: { area: string }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const c = useLoad(() => cutoff(area), [area]);
  if (c.status !== 'done') return null;
  return (
    <p
      className={`notice ${c.data.rolledOver ? 'notice-warn' : ''}`}
      data-testid="usulan-cutoff"
      data-batch={c.data.batchMonth}
      data-rolled={c.data.rolledOver}
    >
      {t('usulanUi.cutoff', {
        day: c.data.cutoffDay,
        tz: c.data.timeZone,
        batch: c.data.batchMonth,
        at: formatTime(c.data.cutoffAt),
      })}
      {c.data.rolledOver ? ` ${t('usulanUi.rolledOver', { batch: c.data.batchMonth })}` : ''}
    </p>
  );
}
