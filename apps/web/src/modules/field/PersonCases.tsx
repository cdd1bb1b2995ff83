import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { Link } from '../../components/Link';
import { useFormatDate } from '../../hooks/useFormat';
import { currentLanguage } from '../../i18n';
import { useLive } from '../../offline/useLive';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';

/** The person's cases on the phone, each with its assessments and a way to give a new one. */
export function PersonCases({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const formatDate = useFormatDate();
  const view = useLive(async () => {
    const cases = (await db.records.where('type').equals('case').toArray()).filter((c) => c.data.personId === personId);
    const ids = new Set(cases.map((c) => c.id));
    const assessments = (await db.records.where('type').equals('assessment').toArray()).filter((a) =>
      ids.has(String(a.data.caseId)),
    );
    const forms = new Map((await db.forms.toArray()).map((f) => [f.formCode, f]));
    const ppks = new Map((await db.ppks.toArray()).map((p) => [p.code, currentLanguage() === 'en' ? p.nameEn : p.name]));
    return { cases, assessments, forms, ppks };
  }, [db, personId]);
  if (!view) return null;
  const { cases, assessments, forms, ppks } = view;
  return (
    <section className="field-cases" aria-labelledby="cases-title" data-testid="field-cases">
      <h2 id="cases-title" className="section-title">
        {t('fieldOffline.case.listTitle')}
      </h2>
      {cases.length === 0 && <p className="hint">{t('fieldOffline.case.none')}</p>}
      <ul className="plain-list">
        {cases.map((c) => {
          const done = assessments
            .filter((a) => a.data.caseId === c.id)
            .sort((a, b) => String(b.data.assessedOn).localeCompare(String(a.data.assessedOn)));
          return (
            <li key={c.id} className="card" data-testid="field-case">
              <p className="meta">
                {String(c.data.caseNumber ?? t('fieldOffline.case.newNumber'))} ·{' '}
                {ppks.get(Number(c.data.ppksCode)) ?? String(c.data.ppksCode)}
                {c.data.status ? ` · ${t(`fieldOffline.case.status.${String(c.data.status)}`)}` : ''}
                {!c.server && <span className="badge badge-muted">{t('field.person.pendingBadge')}</span>}
              </p>
              <p>{String(c.data.need ?? '')}</p>
              <ul className="plain-list assessment-list">
                {done.map((a) => {
                  const form = forms.get(String(a.data.formCode));
                  return (
                    <li key={a.id} className="meta" data-testid="field-assessment">
                      {t('fieldOffline.assessment.item', {
                        form: form ? localized(form.title) : String(a.data.formCode),
                        version: a.data.formVersion,
                        date: formatDate(String(a.data.assessedOn)),
                      })}
                      {!a.server && <span className="badge badge-muted">{t('field.person.pendingBadge')}</span>}
                    </li>
                  );
                })}
              </ul>
              {c.data.status !== 'closed' && (
                <Link
                  href={fieldPaths.assessmentNew(c.id)}
                  className="button button-secondary button-block"
                  data-testid="field-assess"
                >
                  {t('fieldOffline.assessment.start')}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
      <Link href={fieldPaths.caseNew(personId)} className="button button-secondary button-block" data-testid="field-open-case">
        {t('fieldOffline.case.new')}
      </Link>
    </section>
  );
}
