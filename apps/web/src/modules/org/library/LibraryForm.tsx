import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { FormError, optional, orgFieldErrors, useSubmit } from '../formBits';
import { addLibraryItem, uploadUnitFile, type Unit } from '../org.api';

type Kind = 'link' | 'file';

/** Adds training material: a link, or a file uploaded first and then listed. */
export function LibraryForm({ unit, onAdded }: { unit: Unit; onAdded: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('link');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  const errors = orgFieldErrors(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    void run(async () => {
      const target =
        kind === 'file' && file ? { fileId: (await uploadUnitFile(unit.id, file, 'library')).fileId } : { url: url.trim() };
      await addLibraryItem(unit.id, { title: title.trim(), ...optional('description', description), ...target });
      setTitle('');
      setDescription('');
      setUrl('');
      setFile(null);
      setFileKey((k) => k + 1); // clears the file input
      setDone(true);
      onAdded();
    });
  }

  const ready = title.trim() && (kind === 'link' ? url.trim() : file);
  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="library-form">
      <h2>{t('ipsm.library.add')}</h2>
      <FormError error={error} shown={['title', 'description', 'url', 'file', 'fileId']} />
      {done && (
        <p className="notice" role="status" data-testid="library-added">
          {t('ipsm.library.added')}
        </p>
      )}
      <fieldset className="org-fieldset">
        <legend>{t('ipsm.library.kindLabel')}</legend>
        <div className="actions">
          {(['link', 'file'] as const).map((k) => (
            <label key={k} className="button button-secondary">
              <input
                type="radio"
                name="library-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`library-kind-${k}`}
              />
              &nbsp;{k === 'link' ? t('ipsm.library.kindLink') : t('ipsm.library.kindFile')}
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="title" label={t('ipsm.library.name')} error={errors.title}>
        {(props) => (
          <input
            {...props}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="library-title"
          />
        )}
      </Field>
      <Field name="description" label={t('ipsm.library.description')} error={errors.description}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="library-description"
          />
        )}
      </Field>
      {kind === 'link' ? (
        <Field name="url" label={t('ipsm.library.url')} error={errors.url}>
          {(props) => (
            <input
              {...props}
              type="url"
              inputMode="url"
              value={url}
              maxLength={2000}
              onChange={(e) => setUrl(e.target.value)}
              data-testid="library-url"
            />
          )}
        </Field>
      ) : (
        <Field name="file" label={t('ipsm.library.file')} error={errors.file ?? errors.fileId}>
          {(props) => (
            <input
              {...props}
              key={fileKey}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="library-file"
            />
          )}
        </Field>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !ready} data-testid="library-save">
          {t('ipsm.library.save')}
        </button>
      </div>
    </form>
  );
}
