import { useFormatNumber } from '../../hooks/useFormat';
import './charts.css';

export interface Bar {
  key: string;
  label: string;
  value: number | null;
  /** Shown instead of the number (e.g. "<5" for a suppressed cell). */
  display?: string;
}

/** A horizontal bar chart in plain HTML: readable on a small phone and by a screen reader. */
export function Bars({ bars, testId, max }: { bars: Bar[]; testId: string; max?: number }) {
  const format = useFormatNumber();
  const top = max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  return (
    <ul className="bars" data-testid={testId}>
      {bars.map((b) => (
        <li key={b.key} className="bar-row" data-testid="bar" data-key={b.key} data-value={b.value ?? ''}>
          <span className="bar-label">{b.label}</span>
          <span className="bar-value" data-testid="bar-value">
            {b.display ?? (b.value === null ? '—' : format(b.value))}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${Math.min(100, ((b.value ?? 0) / top) * 100)}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Big numbers in tiles ("Desa: 393"). */
export function Figures({ items, testId }: { items: { key: string; label: string; value: string }[]; testId: string }) {
  return (
    <dl className="figures" data-testid={testId}>
      {items.map((i) => (
        <div key={i.key} className="figure" data-testid="figure" data-key={i.key}>
          <dt>{i.label}</dt>
          <dd data-testid="figure-value">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
