import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { saveOffice } from './privacy.api';
import type { PrivacyOffice } from './privacy.types';
import { useSubmit } from '../../hooks/useSubmit';

type Draft = { areaCode: string; officeName: string; address: string; dpoName: string; dpoEmail: string; dpoPhone: string };

const draftOf = (o: PrivacyOffice | null, areaCode: string): Draft => ({
  areaCode: o?.areaCode ?? areaCode,
  officeName: o?.officeName ?? '',
  address: o?.address ?? '',
  dpoName: o?.dpoName ?? '',
  dpoEmail: o?.dpoEmail ?? '',
  dpoPhone: o?.dpoPhone ?? '',
});

/**
 * The office letterhead and the data protection officer's contact for one area
 * (UU PDP Pasal 53–54): shown on letters, notices and the public privacy page.
 */
export function OfficeForm({
  office,
  defaultArea,
  onSaved,
}: {
  office: PrivacyOffice | null;
  defaultArea: string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState<Draft>(() => draftOf(office, defaultArea));
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const body = (): PrivacyOffice => ({
    areaCode: v.areaCode.trim(),
    officeName: v.officeName,
    address: v.address.trim() || null,
    dpoName: v.dpoName,
    dpoEmail: v.dpoEmail.trim(),
    dpoPhone: v.dpoPhone.trim() || null,
  });
  const input = (k: keyof Draft, type = 'text') => (
    <Field name={k} label={t(`privacy.office.fields.${k}`)} error={errors[k]}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={v[k]}
          onChange={set(k)}
          readOnly={k === 'areaCode' && office !== null}
          data-testid={`office-${k}`}
        />
      )}
    </Field>
  );
  return (
    <form
      className="form"
      data-testid="office-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void submit.run(
          () => saveOffice(body()),
          () => {
            setSaved(true);
            onSaved();
          },
        );
      }}
    >
      {input('areaCode')}
      {input('officeName')}
      {input('address')}
      {input('dpoName')}
      {input('dpoEmail', 'email')}
      {input('dpoPhone', 'tel')}
      {submit.error !== null && Object.keys(errors).length === 0 && (
        <p className="notice notice-error" role="alert" data-testid="error">
          {summaryMessage(submit.error)}
        </p>
      )}
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="office-saved">
          {t('privacy.office.saved')}
        </p>
      )}
      <button type="submit" className="button" disabled={submit.busy} data-testid="office-save">
        {t('privacy.office.save')}
      </button>
    </form>
  );
}
