import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl } from './visits.api';
import './visits.css';

/** Thumbnails of a visit's photos; tapping one shows it large in a dialog. */
export function VisitPhotos({ fileIds }: { fileIds: string[] }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [shown, setShown] = useState<string | null>(null);
  if (fileIds.length === 0) return null;

  function show(id: string) {
    setShown(id);
    dialog.current?.showModal();
  }

  return (
    <>
      <ul className="visit-photos" aria-label={t('visits.photos')}>
        {fileIds.map((id, i) => (
          <li key={id}>
            <button type="button" className="visit-thumb" onClick={() => show(id)} data-testid="visit-photo-open">
              <img src={fileUrl(id)} alt={t('visits.photoAlt', { n: i + 1 })} loading="lazy" data-testid="visit-photo" />
            </button>
          </li>
        ))}
      </ul>
      <dialog ref={dialog} className="photo-viewer" onClose={() => setShown(null)} data-testid="photo-viewer">
        {shown && <img src={fileUrl(shown)} alt={t('visits.photoLarge')} data-testid="photo-viewer-image" />}
        <form method="dialog" className="actions">
          <button type="submit" className="button" data-testid="photo-viewer-close">
            {t('visits.close')}
          </button>
          {shown && (
            <a className="button button-secondary" href={fileUrl(shown)} target="_blank" rel="noopener">
              {t('visits.openOriginal')}
            </a>
          )}
        </form>
      </dialog>
    </>
  );
}
