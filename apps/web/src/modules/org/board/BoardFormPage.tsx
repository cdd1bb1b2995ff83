import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { navigate, unitPath } from '../../../router';
import { FormError, optional, orgFieldErrors, useSubmit } from '../formBits';
import {
  canManage,
  createBoard,
  MUSYAWARAH_KINDS,
  updateBoard,
  uploadUnitFile,
  type Board,
  type BoardInput,
  type Unit,
} from '../org.api';
import { UnitFrame } from '../UnitFrame';
import { newPosition, PositionsEditor, positionsInput, type PositionDraft } from './PositionsEditor';

/** The assembly that usually chooses a board at each level (Munas for nasional, Musda for provinsi…). */
const USUAL_FORUM: Record<string, string> = {
  nasional: 'munas',
  provinsi: 'musda',
  kabkota: 'muscab',
  kecamatan: 'muscam',
  desa: 'musdes',
};

interface Draft {
  termStart: string;
  termEnd: string;
  chosenBy: string;
  chosenOn: string;
  skNumber: string;
  skDate: string;
  skIssuer: string;
  positions: PositionDraft[];
}

function emptyDraft(unit: Unit): Draft {
  const year = new Date().getFullYear();
  return {
    termStart: String(year),
    termEnd: String(year + 5),
    chosenBy: USUAL_FORUM[unit.level] ?? 'lainnya',
    chosenOn: '',
    skNumber: '',
    skDate: '',
    skIssuer: '',
    positions: [newPosition('ketua')],
  };
}

function draftOf(board: Board): Draft {
  return {
    termStart: String(board.termStart),
    termEnd: String(board.termEnd),
    chosenBy: board.chosenBy,
    chosenOn: board.chosenOn ?? '',
    skNumber: board.sk.number ?? '',
    skDate: board.sk.date ?? '',
    skIssuer: board.sk.issuer ?? '',
    positions: board.positions.map((p) => ({
      ...newPosition(p.position),
      title: p.title ?? '',
      memberId: p.memberId,
      name: p.name,
    })),
  };
}

function bodyOf(d: Draft, minutesFileId: string | undefined): BoardInput {
  return {
    termStart: Number(d.termStart),
    termEnd: Number(d.termEnd),
    chosenBy: d.chosenBy,
    ...optional('chosenOn', d.chosenOn),
    ...(minutesFileId ? { minutesFileId } : {}),
    ...optional('skNumber', d.skNumber),
    ...optional('skDate', d.skDate),
    ...optional('skIssuer', d.skIssuer),
    positions: positionsInput(d.positions),
  };
}

/** A new board for a term, or a correction of the current one (`board`): term, forum, minutes, SK, positions. */
function BoardForm({ unit, board }: { unit: Unit; board: Board | null }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => (board ? draftOf(board) : emptyDraft(unit)));
  const [minutes, setMinutes] = useState<File | null>(null);
  // Kept so a retry after a refused save does not upload the same minutes again.
  const uploaded = useRef<{ file: File; fileId: string } | null>(null);
  const { busy, error, run } = useSubmit();
  const errors = orgFieldErrors(error);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      // The minutes go first: the board then refers to the stored file.
      if (minutes && uploaded.current?.file !== minutes)
        uploaded.current = { file: minutes, fileId: (await uploadUnitFile(unit.id, minutes, 'minutes')).fileId };
      const minutesFileId = minutes ? uploaded.current?.fileId : undefined;
      const body = bodyOf(draft, minutesFileId);
      if (board) await updateBoard(board.id, { ...body, version: board.version });
      else await createBoard(unit.id, body);
      navigate(unitPath(unit.id));
    });
  }

  const text = (key: 'chosenOn' | 'skNumber' | 'skDate' | 'skIssuer', type = 'text', hint?: string) => (
    <Field name={key} label={t(`ipsm.board.${key}`)} hint={hint} error={errors[key]}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={draft[key]}
          maxLength={200}
          onChange={(e) => set(key)(e.target.value)}
          data-testid={`board-${key}`}
        />
      )}
    </Field>
  );

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="board-form">
      <h2>{board ? t('ipsm.board.edit') : t('ipsm.board.new')}</h2>
      {!board && <p className="meta">{t('ipsm.board.newHint')}</p>}
      <FormError
        error={error}
        shown={[
          'termStart',
          'termEnd',
          'chosenBy',
          'chosenOn',
          'file',
          'minutesFileId',
          'skNumber',
          'skDate',
          'skIssuer',
          'positions',
        ]}
      />
      <fieldset className="org-fieldset">
        <legend>{t('ipsm.board.termLegend')}</legend>
        {(['termStart', 'termEnd'] as const).map((key) => (
          <Field key={key} name={key} label={t(`ipsm.board.${key}`)} error={errors[key]}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                min={1950}
                max={2200}
                value={draft[key]}
                onChange={(e) => set(key)(e.target.value)}
                data-testid={`board-${key}`}
              />
            )}
          </Field>
        ))}
      </fieldset>
      <fieldset className="org-fieldset">
        <legend>{t('ipsm.board.chosenLegend')}</legend>
        <Field name="chosenBy" label={t('ipsm.board.chosenBy')} error={errors.chosenBy}>
          {(props) => (
            <select
              {...props}
              value={draft.chosenBy}
              onChange={(e) => set('chosenBy')(e.target.value)}
              data-testid="board-chosenBy"
            >
              {MUSYAWARAH_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`ipsm.board.musyawarah.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('chosenOn', 'date')}
        <Field
          name="file"
          label={t('ipsm.board.minutes')}
          hint={board?.minutesFileId ? t('ipsm.board.minutesAttached') : t('ipsm.board.minutesHint')}
          error={errors.file ?? errors.minutesFileId}
        >
          {(props) => (
            <input
              {...props}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              onChange={(e) => setMinutes(e.target.files?.[0] ?? null)}
              data-testid="board-minutes-file"
            />
          )}
        </Field>
      </fieldset>
      <fieldset className="org-fieldset">
        <legend>{t('ipsm.board.skLegend')}</legend>
        {text('skNumber')}
        {text('skDate', 'date')}
        {text('skIssuer', 'text', t('ipsm.board.skIssuerHint'))}
      </fieldset>
      <PositionsEditor
        value={draft.positions}
        onChange={(positions) => setDraft((d) => ({ ...d, positions }))}
        areaCode={unit.areaCode}
        errors={errors}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy} data-testid="board-save">
          {t('ipsm.board.save')}
        </button>
      </div>
    </form>
  );
}

/** `/ipsm/:id/pengurus/baru` and `/ipsm/:id/pengurus/ubah`: only for those the unit's `actions` allow. */
export default function BoardFormPage({ unitId, mode }: { unitId: string; mode: 'new' | 'edit' }) {
  const { t } = useTranslation();
  return (
    <UnitFrame id={unitId} tab="board">
      {(unit) => {
        const board = mode === 'edit' ? unit.currentBoard : null;
        const allowed = canManage(unit) && (mode === 'new' || (board !== null && canManage(board)));
        return allowed ? (
          <BoardForm unit={unit} board={board} />
        ) : (
          <p className="notice" data-testid="not-allowed">
            {t('ipsm.notAllowed')}
          </p>
        );
      }}
    </UnitFrame>
  );
}
