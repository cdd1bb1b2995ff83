import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { navigate, unitPath } from '../../router';
import { useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { grantAreas } from '../persons/scope';
import { FormError, optional, orgFieldErrors, useSubmit } from './formBits';
import { createUnit } from './org.api';
import './org.css';

/**
 * A new IPSM unit for an area inside the user's grants (kecamatan, desa… under a
 * kab/kota unit). Offered when the account holds `org.manage` somewhere; the server
 * decides for the chosen area.
 */
export function UnitCreateForm() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [area, setArea] = useState<PickedArea | null>(null);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const { busy, error, run } = useSubmit();
  const errors = orgFieldErrors(error);
  if (!me?.permissions.includes('org.manage')) return null;
  if (!open) {
    return (
      <button type="button" className="button unit-create" onClick={() => setOpen(true)} data-testid="new-unit">
        {t('ipsm.unitNew.title')}
      </button>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!area) return;
    void run(async () => {
      const unit = await createUnit({ areaCode: area.code, ...optional('name', name), ...optional('address', address) });
      navigate(unitPath(unit.id));
    });
  }

  const within = grantAreas(me);
  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="unit-form">
      <h2>{t('ipsm.unitNew.title')}</h2>
      <FormError error={error} shown={['areaCode', 'name', 'address']} />
      <AreaPicker
        name="areaCode"
        testId="unit-area"
        label={t('ipsm.unitNew.area')}
        hint={t('ipsm.unitNew.areaHint')}
        value={area}
        onChange={setArea}
        within={within}
        levels={null}
        national={within === null}
        error={errors.areaCode}
      />
      <Field name="name" label={t('ipsm.unitNew.name')} hint={t('ipsm.unitNew.nameHint')} error={errors.name}>
        {(props) => (
          <input
            {...props}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            data-testid="unit-name-input"
          />
        )}
      </Field>
      <Field name="address" label={t('ipsm.unitNew.address')} error={errors.address}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={500}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            data-testid="unit-address"
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !area} data-testid="unit-save">
          {t('ipsm.unitNew.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
