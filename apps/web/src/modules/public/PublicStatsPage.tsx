import { useTranslation } from 'react-i18next';
import { apiFetch, localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { statsPath } from '../../router';
import type { Msg } from '../cases/cases.types';
import { Bars } from '../dashboard/Bars';
import { parentCode } from '../dashboard/areaPath';

interface Figure {
  key: string;
  value: number | null;
  suppressed: boolean;
}
interface PublicStats {
  area: { code: string; name: string; level: string };
  period: { kind: string; value: string };
  threshold: number;
  definitions: { key: string; label: Msg; sensitive: boolean }[];
  figures: Figure[];
  children: { code: string; name: string; level: string; figures: Figure[] }[];
  method: Msg;
  source: string;
}

const getStats = (area: string) => apiFetch<PublicStats>(`/api/v1/public/stats?area=${encodeURIComponent(area)}`);

/** `/statistik[/:code]`: public figures, no sign-in. Small cells come suppressed and show as "<5". */
export default function PublicStatsPage({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  const area = code ?? 'ID';
  const state = useLoad(() => getStats(area), [area]);
  const up = parentCode(area);

  return (
    <div className="page">
      <h1>{t('stats.title')}</h1>
      <p className="lead">{t('stats.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' &&
        (() => {
          const s = state.data;
          const small = `<${s.threshold}`;
          const show = (f: Figure | undefined) => (!f ? '—' : f.suppressed || f.value === null ? small : format(f.value));
          const label = new Map(s.definitions.map((d) => [d.key, d]));
          return (
            <>
              <section className="record-header" data-testid="stats-area" data-code={s.area.code}>
                <p className="eyebrow">
                  {t(`coverage.level.${s.area.level}`, { defaultValue: s.area.level })} · {s.period.value}
                </p>
                <h2>{s.area.name}</h2>
                {up && (
                  <p className="section-links">
                    <Link href={statsPath(up)}>↑ {t('coverage.up')}</Link>
                  </p>
                )}
              </section>
              <section className="card">
                <Bars
                  testId="stats-figures"
                  bars={s.figures.map((f) => ({
                    key: f.key,
                    label: `${label.get(f.key) ? localized(label.get(f.key)!.label) : f.key}${label.get(f.key)?.sensitive ? ' *' : ''}`,
                    value: f.suppressed ? null : f.value,
                    display: show(f),
                  }))}
                />
                <p className="meta">{t('stats.sensitiveNote', { n: s.threshold })}</p>
              </section>
              {s.children.length > 0 && (
                <section className="card">
                  <h2>{t('stats.children')}</h2>
                  <div className="table-wrap">
                    <table className="data-table" data-testid="stats-children">
                      <thead>
                        <tr>
                          <th scope="col">{t('coverage.area')}</th>
                          {s.definitions.map((d) => (
                            <th key={d.key} scope="col">
                              {localized(d.label)}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {s.children.map((c) => (
                          <tr key={c.code} data-testid="stats-child" data-code={c.code}>
                            <td>
                              <Link href={statsPath(c.code)}>{c.name}</Link>
                            </td>
                            {s.definitions.map((d) => {
                              const f = c.figures.find((x) => x.key === d.key);
                              return (
                                <td key={d.key} data-testid="stats-cell" data-key={d.key} data-suppressed={f?.suppressed ? 'true' : 'false'} className={f?.suppressed ? 'suppressed' : undefined}>
                                  {show(f)}
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              )}
              <section className="card" data-testid="stats-method">
                <h2>{t('stats.method')}</h2>
                <p>{localized(s.method)}</p>
                <p className="meta">
                  {t('stats.source')}: {s.source}
                </p>
              </section>
            </>
          );
        })()}
      {/* Who to contact about one's personal data (UU PDP Pasal 53–54; privacy module) */}
      <p className="meta">
        <Link href="/kebijakan-privasi" data-testid="privacy-notice-link">
          {t('privacy.public.link')}
        </Link>
      </p>
    </div>
  );
}
