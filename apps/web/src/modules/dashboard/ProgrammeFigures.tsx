import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiFetch } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { localeOf } from '../../i18n';

/** GET /api/v1/programme-figures (ProgrammeFiguresSchema): read from the programme rollups. */
interface Figures {
  area: string;
  memberships: { programmeCode: string; status: string; n: number }[];
  usulan: { programmeCode: string; status: string; month: string; n: number }[];
  distributions: {
    programmeCode: string;
    month: string;
    expected: number;
    received: number;
    represented: number;
    absent: number;
  }[];
}
interface Programme {
  code: string;
  name: string;
  nameEn: string;
}

const MEMBERSHIP_ORDER = ['aktif', 'ditangguhkan', 'berhenti'];
const USULAN_ORDER = [
  'draft',
  'proposed',
  'deliberated',
  'verified',
  'verifier_approved',
  'approved',
  'sent',
  'set',
  'rejected',
  'returned',
  'withdrawn',
];
const DISTRIBUTION_MEASURES = ['expected', 'received', 'represented', 'absent'] as const;

/** The statuses present, in the lifecycle's order (unknown ones last, as they come). */
function columnsOf(statuses: string[], order: string[]) {
  const present = new Set(statuses);
  return [...order.filter((s) => present.has(s)), ...[...present].filter((s) => !order.includes(s))];
}

/** rows × columns → n, for a cross table. */
function pivot<T>(items: T[], row: (i: T) => string, col: (i: T) => string, n: (i: T) => number) {
  const cells = new Map<string, Map<string, number>>();
  for (const i of items) {
    const r = cells.get(row(i)) ?? new Map<string, number>();
    r.set(col(i), (r.get(col(i)) ?? 0) + n(i));
    cells.set(row(i), r);
  }
  return cells;
}

async function loadFigures(area: string) {
  const [figures, programmes] = await Promise.all([
    apiFetch<Figures>(`/api/v1/programme-figures?${new URLSearchParams({ area })}`),
    // Only for names: the codes are shown if the list cannot be read.
    apiFetch<{ items: Programme[] }>('/api/v1/programmes').catch(() => ({ items: [] as Programme[] })),
  ]);
  return { figures, programmes: programmes.items };
}

function CrossTable({
  testId,
  corner,
  rows,
  columns,
  cells,
  rowLabel,
  columnLabel,
}: {
  testId: string;
  corner: string;
  rows: string[];
  columns: string[];
  cells: Map<string, Map<string, number>>;
  rowLabel: (r: string) => string;
  columnLabel: (c: string) => string;
}) {
  const format = useFormatNumber();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{corner}</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {columnLabel(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r} data-testid={`${testId}-row`} data-row={r}>
              <th scope="row">{rowLabel(r)}</th>
              {columns.map((c) => (
                <td key={c} data-col={c}>
                  {format(cells.get(r)?.get(c) ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function useMonthLabel(lang: 'id' | 'en') {
  const monthFormat = useMemo(
    () => new Intl.DateTimeFormat(localeOf(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    [lang],
  );
  return (m: string) => monthFormat.format(new Date(`${m}-01T00:00:00Z`));
}

function DistributionTable({
  rows,
  programme,
  month,
}: {
  rows: Figures['distributions'];
  programme: (code: string) => string;
  month: (m: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="pf-distributions">
        <thead>
          <tr>
            <th scope="col">{t('programmeFigures.month')}</th>
            <th scope="col">{t('programmeFigures.programme')}</th>
            {DISTRIBUTION_MEASURES.map((m) => (
              <th key={m} scope="col">
                {t(`programmeFigures.${m}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr
              key={`${d.month}/${d.programmeCode}`}
              data-testid="pf-distributions-row"
              data-month={d.month}
              data-programme={d.programmeCode}
            >
              <td>{month(d.month)}</td>
              <td>{programme(d.programmeCode)}</td>
              {DISTRIBUTION_MEASURES.map((m) => (
                <td key={m} data-testid={`pf-${m}`}>
                  {format(d[m])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Tables({ f, programmes }: { f: Figures; programmes: Programme[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const month = useMonthLabel(lang);
  const names = new Map(programmes.map((p) => [p.code, lang === 'en' ? p.nameEn : p.name]));
  const programme = (code: string) => names.get(code) ?? code;
  if (!f.memberships.length && !f.usulan.length && !f.distributions.length)
    return <p className="meta">{t('programmeFigures.empty')}</p>;
  const none = <p className="meta">{t('programmeFigures.none')}</p>;
  return (
    <>
      <h3 className="eyebrow">{t('programmeFigures.memberships')}</h3>
      {f.memberships.length === 0 ? (
        none
      ) : (
        <CrossTable
          testId="pf-memberships"
          corner={t('programmeFigures.programme')}
          rows={[...new Set(f.memberships.map((m) => m.programmeCode))]}
          columns={columnsOf(
            f.memberships.map((m) => m.status),
            MEMBERSHIP_ORDER,
          )}
          cells={pivot(
            f.memberships,
            (m) => m.programmeCode,
            (m) => m.status,
            (m) => m.n,
          )}
          rowLabel={programme}
          columnLabel={(s) => t(`programmeUi.statuses.${s}`, { defaultValue: s })}
        />
      )}
      <h3 className="eyebrow">{t('programmeFigures.usulan')}</h3>
      {f.usulan.length === 0 ? (
        none
      ) : (
        <CrossTable
          testId="pf-usulan"
          corner={t('programmeFigures.month')}
          rows={[...new Set(f.usulan.map((u) => u.month))].sort()}
          columns={columnsOf(
            f.usulan.map((u) => u.status),
            USULAN_ORDER,
          )}
          cells={pivot(
            f.usulan,
            (u) => u.month,
            (u) => u.status,
            (u) => u.n,
          )}
          rowLabel={month}
          columnLabel={(s) => t(`usulanUi.status.${s}`, { defaultValue: s })}
        />
      )}
      <h3 className="eyebrow">{t('programmeFigures.distributions')}</h3>
      {f.distributions.length === 0 ? none : <DistributionTable rows={f.distributions} programme={programme} month={month} />}
    </>
  );
}

/**
 * Programme figures of the area on the dashboard (issue 8 §6): memberships by programme and
 * status, usulan by month and status, distributions per month and programme. Hidden for
 * whoever may not read them (403).
 */
export function ProgrammeFigures({ area }: { area: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => loadFigures(area), [area]);
  if (state.status === 'error' && state.error instanceof ApiError && state.error.status === 403) return null;
  return (
    <section className="card" data-testid="programme-figures">
      <h2>{t('programmeFigures.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && <Tables f={state.data.figures} programmes={state.data.programmes} />}
    </section>
  );
}
