import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { FormActions, FormProblem, useSubmit } from './FormBits';
import { today } from './MemberBits';
import { addTraining, uploadCertificate, type TrainingInput } from './memberAdmin.api';
import type { Member } from './members.types';

const FIELDS = ['trainedOn', 'title', 'organiser', 'file'] as const;

/**
 * Records a training (date, organiser, name) with an optional certificate: the file
 * is stored first, then the training refers to it.
 */
export function TrainingForm({
  member,
  onSaved,
  onCancel,
}: {
  member: Member;
  onSaved: (m: Member) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [trainedOn, setTrainedOn] = useState(today());
  const [title, setTitle] = useState('');
  const [organiser, setOrganiser] = useState('');
  const [certificate, setCertificate] = useState<File | null>(null);
  const { busy, error, errors, onSubmit } = useSubmit(async () => {
    const body: TrainingInput = { trainedOn, title: title.trim(), organiser: organiser.trim() };
    if (certificate) body.certificateFileId = (await uploadCertificate(member.id, certificate)).fileId;
    return addTraining(member.id, body);
  }, onSaved);

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="training-form">
      <FormProblem error={error} fields={FIELDS} />
      <Field name="title" label={t('memberAdmin.training.title')} hint={t('memberAdmin.training.titleHint')} error={errors.title}>
        {(props) => (
          <input
            {...props}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="training-title"
          />
        )}
      </Field>
      <Field name="organiser" label={t('memberAdmin.training.organiser')} error={errors.organiser}>
        {(props) => (
          <input
            {...props}
            value={organiser}
            maxLength={200}
            onChange={(e) => setOrganiser(e.target.value)}
            data-testid="training-organiser"
          />
        )}
      </Field>
      <Field name="trainedOn" label={t('memberAdmin.training.date')} error={errors.trainedOn}>
        {(props) => (
          <input
            {...props}
            type="date"
            value={trainedOn}
            max={today()}
            onChange={(e) => setTrainedOn(e.target.value)}
            data-testid="training-date"
          />
        )}
      </Field>
      <Field
        name="file"
        label={t('memberAdmin.training.certificate')}
        hint={t('memberAdmin.training.certificateHint')}
        error={errors.file}
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            onChange={(e) => setCertificate(e.target.files?.[0] ?? null)}
            data-testid="training-certificate"
          />
        )}
      </Field>
      <FormActions busy={busy} label={t('memberAdmin.training.submit')} testId="training-submit" onCancel={onCancel} />
    </form>
  );
}
