import { useTranslation } from 'react-i18next';
import type { Counts } from './distributions.api';

/** Expected vs received, per village, with the gap (expected − received − represented). */
export function ReportTable({
  totals,
  rows,
  testId,
}: {
  totals: Counts;
  rows: (Counts & { villageCode: string; villageName: string })[];
  testId: string;
}) {
  const { t } = useTranslation();
  const cols = ['expected', 'received', 'represented', 'absent', 'gap'] as const;
  return (
    <>
      <dl className="report-totals" data-testid={`${testId}-summary`}>
        {cols.map((c) => (
          <div key={c}>
            <dt>{t(`distributionUi.report.${c}`)}</dt>
            <dd>{totals[c]}</dd>
          </div>
        ))}
      </dl>
      <div className="table-scroll">
        <table className="prog-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('distributionUi.report.village')}</th>
              {cols.map((c) => (
                <th key={c} scope="col" className="num">
                  {t(`distributionUi.report.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.villageCode}>
                <th scope="row">{r.villageName}</th>
                {cols.map((c) => (
                  <td key={c} className="num">
                    {r[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid={`${testId}-totals`}>
              <th scope="row">{t('distributionUi.report.total')}</th>
              {cols.map((c) => (
                <td key={c} className="num" data-testid={`${testId}-${c}`}>
                  {totals[c]}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
