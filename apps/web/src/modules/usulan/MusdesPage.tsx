import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field, FieldMessage } from '../../components/Field';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { today, useAction } from '../programmes/formErrors';
import '../programmes/programmes.css';
import { usulanListPath } from './paths';
import { createMusdes, listUsulan, uploadUsulanFile } from './usulan.api';

type Role = { role: string; count: string };
const DEFAULT_ROLES: Role[] = [
  { role: 'Kepala desa/lurah', count: '1' },
  { role: 'BPD', count: '' },
  { role: 'PSM/TKSK', count: '' },
  { role: 'Tokoh masyarakat', count: '' },
];

/** `/usulan/musdes`: digital minutes of a musyawarah desa/kelurahan; the usulan decided move on together. */
export default function MusdesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const villageGrant = me?.grants.find((g) => /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(g.areaCode))?.areaCode ?? '';
  const [f, setF] = useState({
    villageCode: villageGrant,
    kind: 'musdes',
    heldOn: today(),
    place: '',
    attendeeCount: '',
    notes: '',
  });
  const [roles, setRoles] = useState<Role[]>(DEFAULT_ROLES);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [scan, setScan] = useState<File | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const proposed = useLoad(() => listUsulan({ status: 'proposed' }), []);
  const { busy, error, errors, run } = useAction();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const inVillage = proposed.status === 'done' ? proposed.data.items.filter((u) => u.villageCode === f.villageCode) : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(async () => {
      const signedScanFileId = scan ? (await uploadUsulanFile(f.villageCode, 'musdes_scan', scan, scan.name)).id : undefined;
      return createMusdes({
        villageCode: f.villageCode,
        kind: f.kind as 'musdes' | 'muskel',
        heldOn: f.heldOn,
        place: f.place.trim(),
        attendeeCount: Number(f.attendeeCount),
        attendeeRoles: roles
          .filter((r) => r.role.trim() && Number(r.count) > 0)
          .map((r) => ({ role: r.role.trim(), count: Number(r.count) })),
        usulanIds: [...chosen],
        ...(signedScanFileId ? { signedScanFileId } : {}),
        ...(f.notes.trim() ? { notes: f.notes.trim() } : {}),
      });
    });
    if (saved) setDone(saved.decidedCount);
  };

  if (done !== null) {
    return (
      <div className="page">
        <p className="notice notice-ok" role="status" data-testid="musdes-saved">
          {t('usulanUi.musdes.saved', { count: done })}
        </p>
        <Link href={usulanListPath} className="button">
          {t('usulanUi.title')}
        </Link>
      </div>
    );
  }
  return (
    <div className="page">
      <Link href={usulanListPath} className="back-link">
        ← {t('usulanUi.title')}
      </Link>
      <h1>{t('usulanUi.musdes.title')}</h1>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="musdes-form">
        <Field name="villageCode" label={t('usulanUi.musdes.village')} error={errors.villageCode}>
          {(p) => (
            <input
              {...p}
              value={f.villageCode}
              onChange={(e) => set({ villageCode: e.target.value.trim() })}
              data-testid="musdes-village"
            />
          )}
        </Field>
        <Field name="kind" label={t('usulanUi.musdes.kind')} error={errors.kind}>
          {(p) => (
            <select {...p} value={f.kind} onChange={(e) => set({ kind: e.target.value })}>
              <option value="musdes">{t('usulanUi.musdes.kinds.musdes')}</option>
              <option value="muskel">{t('usulanUi.musdes.kinds.muskel')}</option>
            </select>
          )}
        </Field>
        <Field name="heldOn" label={t('usulanUi.musdes.heldOn')} error={errors.heldOn}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={f.heldOn}
              onChange={(e) => set({ heldOn: e.target.value })}
              data-testid="musdes-date"
            />
          )}
        </Field>
        <Field name="place" label={t('usulanUi.musdes.place')} error={errors.place}>
          {(p) => <input {...p} value={f.place} onChange={(e) => set({ place: e.target.value })} data-testid="musdes-place" />}
        </Field>
        <Field name="attendeeCount" label={t('usulanUi.musdes.attendees')} error={errors.attendeeCount}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={f.attendeeCount}
              onChange={(e) => set({ attendeeCount: e.target.value.replace(/\D/g, '') })}
              data-testid="musdes-attendees"
            />
          )}
        </Field>
        <fieldset className="field">
          <legend className="field-label">{t('usulanUi.musdes.roles')}</legend>
          {roles.map((r, i) => (
            <div key={i} className="filter-grid">
              <input
                aria-label={t('usulanUi.musdes.role')}
                value={r.role}
                onChange={(e) => setRoles(roles.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)))}
              />
              <input
                aria-label={t('usulanUi.musdes.roleCount')}
                inputMode="numeric"
                value={r.count}
                onChange={(e) =>
                  setRoles(roles.map((x, j) => (j === i ? { ...x, count: e.target.value.replace(/\D/g, '') } : x)))
                }
                data-testid="musdes-role-count"
              />
            </div>
          ))}
          <button type="button" className="button button-secondary" onClick={() => setRoles([...roles, { role: '', count: '' }])}>
            {t('usulanUi.musdes.addRole')}
          </button>
          <FieldMessage name="attendeeRoles" error={errors.attendeeRoles} />
        </fieldset>
        <fieldset className="field" data-testid="musdes-decided">
          <legend className="field-label">{t('usulanUi.musdes.decided')}</legend>
          {proposed.status === 'loading' && <Loading />}
          {proposed.status === 'error' && <ErrorMessage error={proposed.error} onRetry={proposed.retry} />}
          {proposed.status === 'done' && inVillage.length === 0 && <p className="meta">{t('usulanUi.musdes.noneProposed')}</p>}
          {inVillage.map((u) => (
            <label key={u.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.has(u.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(u.id);
                  else next.delete(u.id);
                  setChosen(next);
                }}
                data-testid="musdes-usulan"
              />
              {u.recipientName ?? '—'} · {u.programmeCode}
            </label>
          ))}
          <FieldMessage
            name="usulanIds"
            error={errors.usulanIds ?? Object.entries(errors).find(([k]) => k.startsWith('usulanIds.'))?.[1]}
          />
        </fieldset>
        <Field name="signedScanFileId" label={t('usulanUi.musdes.scan')} error={errors.signedScanFileId ?? errors.file}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept="image/*,application/pdf"
              onChange={(e) => setScan(e.target.files?.[0] ?? null)}
              data-testid="musdes-scan"
            />
          )}
        </Field>
        <Field name="notes" label={t('usulanUi.musdes.notes')} error={errors.notes}>
          {(p) => <textarea {...p} rows={3} value={f.notes} onChange={(e) => set({ notes: e.target.value })} />}
        </Field>
        {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <button type="submit" className="button" disabled={busy || chosen.size === 0} data-testid="musdes-submit">
          {t('usulanUi.musdes.submit')}
        </button>
      </form>
    </div>
  );
}
