import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { personPath } from '../../router';
import type { DuplicateCandidate, DuplicateCheckResult } from './persons.types';
import './duplicates.css';

/** True when the check found nothing worth showing before saving. */
export function isClear(result: DuplicateCheckResult): boolean {
  return !result.exact && !result.nikRegisteredElsewhere && result.candidates.length === 0;
}

/** True when registering must not go on (the same NIK is already on record). */
export function blocksRegistration(result: DuplicateCheckResult): boolean {
  return result.exact !== null || result.nikRegisteredElsewhere;
}

function Candidate({ candidate }: { candidate: DuplicateCandidate }) {
  const { t } = useTranslation();
  const facts = [
    candidate.villageName,
    candidate.birthYear !== null ? t('personDup.born', { year: candidate.birthYear }) : null,
    candidate.nikMasked,
  ].filter(Boolean);
  return (
    <li className="row" data-testid="duplicate-candidate" data-reasons={candidate.reasons.join(' ')}>
      <span className="row-main">
        {/* Opens in a new tab so the form being filled in is kept. */}
        <a href={personPath(candidate.id)} className="row-name" target="_blank" rel="noopener" data-testid="candidate-link">
          {candidate.fullName}
        </a>
        <span className="meta">{facts.join(' · ')}</span>
        <span className="meta">{candidate.reasons.map((r) => t(`personDup.reason.${r}`)).join(', ')}</span>
      </span>
    </li>
  );
}

/**
 * What the duplicate check found, above the registration form: an exact NIK match stops
 * the registration and links to the existing person; near matches are a warning the
 * user may deliberately pass with `onContinue`.
 */
export function DuplicateNotice({
  result,
  busy,
  onContinue,
}: {
  result: DuplicateCheckResult;
  busy: boolean;
  onContinue: () => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start' });
    box.current?.focus();
  }, [result]);

  if (result.exact) {
    return (
      <div ref={box} tabIndex={-1} className="notice notice-error duplicate-notice" role="alert" data-testid="duplicate-exact">
        <p>
          <strong>{t('personDup.exactTitle')}</strong>
        </p>
        <p>{t('personDup.exactBody', { name: result.exact.fullName, nik: result.exact.nikMasked ?? '' })}</p>
        <Link href={personPath(result.exact.id)} className="button" data-testid="open-existing">
          {t('personDup.openExisting')}
        </Link>
      </div>
    );
  }
  if (result.nikRegisteredElsewhere) {
    return (
      <div
        ref={box}
        tabIndex={-1}
        className="notice notice-error duplicate-notice"
        role="alert"
        data-testid="duplicate-elsewhere"
      >
        <p>{t('personDup.elsewhere')}</p>
      </div>
    );
  }
  return (
    <div ref={box} tabIndex={-1} className="notice notice-warn duplicate-notice" role="alert" data-testid="duplicate-warning">
      <p>
        <strong>{t('personDup.nearTitle')}</strong>
      </p>
      <p>{t('personDup.nearBody')}</p>
      <ul className="list">
        {result.candidates.map((c) => (
          <Candidate key={c.id} candidate={c} />
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={onContinue}
          data-testid="register-anyway"
        >
          {t('personDup.continue')}
        </button>
      </div>
    </div>
  );
}
