import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../hooks/useFormat';
import { AwardForm } from './AwardForm';
import { RecordSection, Warnings } from './FormBits';
import { fileUrl } from './memberAdmin.api';
import type { Member, Warning } from './members.types';
import { TrainingForm } from './TrainingForm';
import { TransferForm } from './TransferForm';

interface Props {
  member: Member;
  onChange: (m: Member) => void;
}

/** Whether the caller may add trainings, awards and transfers: the record's own `actions`. */
const canUpdate = (member: Member) => member.actions.includes('member.update');

function Empty() {
  const { t } = useTranslation();
  return <p className="meta">{t('members.none')}</p>;
}

export function Trainings({ member, onChange }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <RecordSection
      title={t('members.trainings')}
      testId="trainings"
      addLabel={t('memberAdmin.training.add')}
      canAdd={canUpdate(member)}
      form={(close) => (
        <TrainingForm
          member={member}
          onCancel={close}
          onSaved={(m) => {
            close();
            onChange(m);
          }}
        />
      )}
    >
      {member.trainings.length === 0 ? (
        <Empty />
      ) : (
        <ul className="plain-list record-list">
          {member.trainings.map((x) => (
            <li key={x.id} data-testid="training">
              <strong data-testid="training-title-shown">{x.title}</strong>
              <span className="meta">
                {x.organiser} · {formatDate(x.trainedOn)}
              </span>
              {x.certificateFileId && (
                <a href={fileUrl(x.certificateFileId)} target="_blank" rel="noopener" data-testid="training-certificate-link">
                  {t('memberAdmin.training.viewCertificate')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </RecordSection>
  );
}

export function Awards({ member, onChange }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [warnings, setWarnings] = useState<Warning[]>([]);
  return (
    <RecordSection
      title={t('members.awards')}
      testId="awards"
      addLabel={t('memberAdmin.award.add')}
      canAdd={canUpdate(member)}
      form={(close) => (
        <AwardForm
          member={member}
          onCancel={close}
          onSaved={(m, w) => {
            close();
            setWarnings(w);
            onChange(m);
          }}
        />
      )}
    >
      <Warnings warnings={warnings} testId="award-warnings" />
      {member.awards.length === 0 ? (
        <Empty />
      ) : (
        <ul className="plain-list record-list">
          {member.awards.map((x) => (
            <li key={x.id} data-testid="award">
              <strong>{x.awardType}</strong>
              <span className="meta">
                {t(`members.awardLevel.${x.level}`, { defaultValue: x.level })} · {formatDate(x.awardedOn)}
                {x.skNumber ? ` · ${t('memberAdmin.award.sk', { number: x.skNumber })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </RecordSection>
  );
}

/** The transfer history, newest first, and the "move to another village" form. */
export function Transfers({ member, onChange }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  // The server lists them oldest first (by date moved, then when recorded).
  const newestFirst = [...member.transfers].reverse();
  return (
    <RecordSection
      title={t('members.transfers')}
      testId="transfers"
      addLabel={t('memberAdmin.transfer.add')}
      canAdd={canUpdate(member)}
      form={(close) => (
        <TransferForm
          member={member}
          onCancel={close}
          onSaved={(m) => {
            close();
            onChange(m);
          }}
        />
      )}
    >
      {newestFirst.length === 0 ? (
        <Empty />
      ) : (
        <ul className="plain-list record-list">
          {newestFirst.map((x) => (
            <li key={x.id} data-testid="transfer" data-from={x.fromVillageCode} data-to={x.toVillageCode}>
              <strong>
                {x.fromVillageName} → {x.toVillageName}
              </strong>
              <span className="meta">
                {formatDate(x.movedOn)} · {x.reason}
              </span>
            </li>
          ))}
        </ul>
      )}
    </RecordSection>
  );
}
