import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, useSubmit } from '../formBits';
import { MemberPicker, type PickedMember } from '../MemberPicker';
import { setAttendance, type OrgEvent } from '../org.api';

/** Records who attended: members of the unit's area are added by name search, then saved as the whole list. */
export function AttendanceEditor({
  event,
  areaCode,
  onSaved,
}: {
  event: OrgEvent;
  areaCode: string;
  onSaved: (e: OrgEvent) => void;
}) {
  const { t } = useTranslation();
  const [list, setList] = useState<PickedMember[]>(() =>
    event.attendance.map((a) => ({ id: a.memberId, fullName: a.fullName, villageName: a.villageName })),
  );
  const [saved, setSaved] = useState<number | null>(null);
  const { busy, error, run } = useSubmit();

  function save() {
    setSaved(null);
    void run(async () => {
      const next = await setAttendance(
        event.id,
        list.map((m) => m.id),
      );
      setSaved(next.attendance.length);
      onSaved(next);
    });
  }

  return (
    <section className="card form" data-testid="attendance-editor" aria-labelledby="attendance-editor-title">
      <h2 id="attendance-editor-title">{t('ipsm.events.recordAttendance')}</h2>
      <FormError error={error} shown={[]} />
      {saved !== null && (
        <p className="notice" role="status" data-testid="attendance-saved">
          {t('ipsm.events.attendanceSaved', { count: saved })}
        </p>
      )}
      <ul className="org-picker-results" data-testid="attendance-draft">
        {list.map((m) => (
          <li key={m.id} data-testid="attendance-draft-row">
            <span>
              <strong>{m.fullName}</strong>
              <span className="meta"> · {m.villageName}</span>
            </span>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setList((l) => l.filter((x) => x.id !== m.id))}
              data-testid="attendance-remove"
            >
              {t('ipsm.events.removeAttendee')}
            </button>
          </li>
        ))}
      </ul>
      <MemberPicker
        areaCode={areaCode}
        exclude={list.map((m) => m.id)}
        onPick={(m) => setList((l) => [...l, m])}
        testId="attendance-picker"
      />
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={save} data-testid="attendance-save">
          {t('ipsm.events.saveAttendance')}
        </button>
      </div>
    </section>
  );
}
