import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../../components/ErrorMessage';
import { useFormatDate } from '../../../hooks/useFormat';
import { useLoad } from '../../../hooks/useLoad';
import { Openable } from '../formBits';
import { canManage, fileUrl, listLibrary, type LibraryItem, type Unit } from '../org.api';
import { UnitFrame } from '../UnitFrame';
import { LibraryForm } from './LibraryForm';

function LibraryRow({ item }: { item: LibraryItem }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <li className="row announcement" data-testid="library-item" data-kind={item.fileId ? 'file' : 'link'}>
      <div className="row-main">
        <h3 data-testid="library-item-title">{item.title}</h3>
        {item.description && <p className="announcement-body">{item.description}</p>}
        <p className="meta">{formatDate(item.createdAt)}</p>
        <div className="org-item-actions">
          {item.url && (
            // Links go to outside sites: no referrer, no access to this window.
            <a
              href={item.url}
              target="_blank"
              rel="noopener noreferrer"
              className="button button-secondary"
              data-testid="library-open"
            >
              {t('ipsm.library.open')}
            </a>
          )}
          {item.fileId && (
            <a href={fileUrl(item.fileId)} download className="button button-secondary" data-testid="library-download">
              {t('ipsm.library.download')}
            </a>
          )}
        </div>
      </div>
    </li>
  );
}

function UnitLibrary({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const state = useLoad(() => listLibrary(unit.id), [unit.id]);
  return (
    <>
      {canManage(unit) && (
        <Openable label={t('ipsm.library.add')} testId="new-library-item">
          <LibraryForm unit={unit} onAdded={state.retry} />
        </Openable>
      )}
      <section aria-labelledby="library-title">
        <h2 id="library-title">{t('ipsm.library.title')}</h2>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
        {state.status === 'done' &&
          (state.data.items.length === 0 ? (
            <p className="notice">{t('ipsm.library.empty')}</p>
          ) : (
            <ul className="list" data-testid="library-list">
              {state.data.items.map((i) => (
                <LibraryRow key={i.id} item={i} />
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

/** `/ipsm/:id/pustaka`: the unit's training material (files and links); its managers add more here. */
export default function UnitLibraryPage({ id }: { id: string }) {
  return (
    <UnitFrame id={id} tab="library">
      {(unit) => <UnitLibrary unit={unit} />}
    </UnitFrame>
  );
}
