import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useLive } from '../../offline/useLive';
import { useFieldDb } from '../field/FieldApp';
import { StatusBadge } from './bits';
import { openIncidents } from './fieldData';
import { fieldIncidentPath } from './fieldPaths';

/** On the field home: the open incidents of the PSM's villages, kept on the phone for offline work. */
export function FieldIncidents() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const incidents = useLive(() => openIncidents(db), [db]);
  if (!incidents?.length) return null;
  return (
    <section className="card field-incidents" aria-labelledby="field-incidents-title" data-testid="field-incidents">
      <h2 id="field-incidents-title" className="section-title">
        {t('disasters.field.title')}
      </h2>
      <ul className="plain-list">
        {incidents.map((i) => (
          <li key={i.id}>
            <Link href={fieldIncidentPath(i.id)} className="person-row" data-testid="field-incident" data-id={i.id}>
              <span className="person-row-name">{i.title}</span>
              <span className="person-row-meta">
                <StatusBadge status={i.status} />
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
