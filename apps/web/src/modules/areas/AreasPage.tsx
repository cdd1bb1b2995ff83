import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { areaPath } from '../../router';
import { AreaHeader, NationalHeader } from './AreaHeader';
import { AreaList } from './AreaList';
import { AreaSearch } from './AreaSearch';
import { Breadcrumbs } from './Breadcrumbs';
import { fetchArea, fetchChildren, isVillageCode } from './areas.api';
import type { AreaChildren } from './areas.types';

function load(code: string | null): Promise<AreaChildren> {
  if (code && isVillageCode(code)) return fetchArea(code).then((parent) => ({ parent, items: [] }));
  return fetchChildren(code);
}

/** `/wilayah` and `/wilayah/:code`: the area tree from nasional down to desa/kelurahan. */
export function AreasPage({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const state = useLoad(() => load(code), [code]);

  return (
    <div className="page areas-page">
      <AreaSearch />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && (
        <ErrorMessage error={state.error} onRetry={state.retry}>
          {code && (
            <p>
              <Link href={areaPath(null)}>{t('areas.seeAllProvinces')}</Link>
            </p>
          )}
        </ErrorMessage>
      )}
      {state.status === 'done' && (
        <>
          <Breadcrumbs area={state.data.parent} />
          {state.data.parent ? <AreaHeader area={state.data.parent} /> : <NationalHeader provinces={state.data.items} />}
          {state.data.parent?.level !== 'village' && (
            <AreaList items={state.data.items} parentName={state.data.parent?.name ?? t('areas.national')} />
          )}
        </>
      )}
    </div>
  );
}
