import { useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { fileUrl, uploadMemberDocument, type MemberDocumentKind } from './memberAdmin.api';
import { getMember } from './members.api';
import type { Member } from './members.types';

const ACCEPT: Record<MemberDocumentKind, string> = {
  photo: 'image/jpeg,image/png',
  sk: 'application/pdf,image/jpeg,image/png',
};

/**
 * Uploads one document as soon as it is picked. The server attaches it to the member
 * itself (no separate save), so the fresh record is loaded and handed up. Any refusal
 * (wrong type, too large, a conflict) is shown next to this field.
 */
function DocumentUpload({
  member,
  kind,
  label,
  hint,
  current,
  onChange,
}: {
  member: Member;
  kind: MemberDocumentKind;
  label: string;
  hint: string;
  current: ReactNode;
  onChange: (m: Member) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await uploadMemberDocument(member.id, kind, file);
      onChange(await getMember(member.id));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      // Lets the same file be picked again after a refusal.
      input.value = '';
    }
  }

  const message = error === null ? undefined : (fieldErrors(error).file ?? summaryMessage(error));
  return (
    <div className="member-document" data-testid={`document-${kind}`}>
      {current}
      <Field name={kind} label={label} hint={hint} error={message}>
        {(props) => (
          <input
            {...props}
            type="file"
            accept={ACCEPT[kind]}
            disabled={busy}
            onChange={(e) => void upload(e)}
            data-testid={`document-${kind}-input`}
          />
        )}
      </Field>
      {busy && (
        <p className="meta" role="status">
          {t('memberAdmin.documents.uploading')}
        </p>
      )}
      {saved && (
        <p className="notice notice-ok" role="status" data-testid={`document-${kind}-saved`}>
          {t(`memberAdmin.documents.${kind}Saved`)}
        </p>
      )}
    </div>
  );
}

/** The member's photo (for the card) and the scanned SK desa/kelurahan, for callers allowed to update. */
export function MemberDocuments({ member, onChange }: { member: Member; onChange: (m: Member) => void }) {
  const { t } = useTranslation();
  const photo = member.photoFileId ? (
    <img
      className="member-photo"
      src={fileUrl(member.photoFileId)}
      alt={t('memberAdmin.documents.photoAlt')}
      data-testid="member-photo"
    />
  ) : (
    <p className="meta" data-testid="no-photo">
      {t('memberAdmin.documents.noPhoto')}
    </p>
  );
  const skFileId = member.sk?.fileId;
  const sk = skFileId ? (
    <a className="button button-secondary" href={fileUrl(skFileId)} target="_blank" rel="noopener" data-testid="sk-file-link">
      {t('memberAdmin.documents.openSk')}
    </a>
  ) : (
    <p className="meta" data-testid="no-sk-file">
      {t('memberAdmin.documents.noSkFile')}
    </p>
  );

  return (
    <section className="card" data-testid="member-documents">
      <h2>{t('memberAdmin.documents.title')}</h2>
      <DocumentUpload
        member={member}
        kind="photo"
        label={member.photoFileId ? t('memberAdmin.documents.replacePhoto') : t('memberAdmin.documents.uploadPhoto')}
        hint={t('memberAdmin.documents.photoHint')}
        current={photo}
        onChange={onChange}
      />
      {/* The record shows the SK scan only alongside an SK number, so a scan without one would vanish. */}
      {member.sk ? (
        <DocumentUpload
          member={member}
          kind="sk"
          label={skFileId ? t('memberAdmin.documents.replaceSk') : t('memberAdmin.documents.uploadSk')}
          hint={t('memberAdmin.documents.skHint')}
          current={sk}
          onChange={onChange}
        />
      ) : (
        <p className="notice notice-warn" data-testid="sk-number-first">
          {t('memberAdmin.documents.skNumberFirst')}
        </p>
      )}
    </section>
  );
}
