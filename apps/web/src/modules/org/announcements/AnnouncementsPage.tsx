import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../../components/ErrorMessage';
import { Link } from '../../../components/Link';
import { useLoad } from '../../../hooks/useLoad';
import { useSession } from '../../../session/SessionContext';
import { announcementsForArea, type Announcement } from '../org.api';
import { AnnouncementList } from './AnnouncementList';

/**
 * Announcements for every area the account works in (a PSM: their village), each area
 * receiving those of the units above it; merged, newest first, without duplicates.
 */
async function announcementsFor(areas: string[]): Promise<Announcement[]> {
  const answers = await Promise.all(areas.map((a) => announcementsForArea(a)));
  const byId = new Map(answers.flatMap((r) => r.items).map((a) => [a.id, a]));
  return [...byId.values()].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

/** `/pengumuman`: what the IPSM units covering the user's areas have announced. */
export default function AnnouncementsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const areas = [...new Set((me?.grants ?? []).map((g) => g.areaCode))];
  const state = useLoad(() => announcementsFor(areas), [areas.join(',')]);
  return (
    <div className="page">
      <h1>{t('ipsm.announcements.mine')}</h1>
      <p className="meta">{t('ipsm.announcements.mineIntro')}</p>
      <p>
        <Link href="/ipsm" data-testid="units-link">
          {t('ipsm.announcements.unitsLink')}
        </Link>
      </p>
      {areas.length === 0 ? (
        <p className="notice">{t('ipsm.announcements.noArea')}</p>
      ) : (
        <>
          {state.status === 'loading' && <Loading />}
          {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
          {state.status === 'done' && <AnnouncementList items={state.data} />}
        </>
      )}
    </div>
  );
}
