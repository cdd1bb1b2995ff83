import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { buildMember } from '../../../test/factories.members';
import * as org from './org.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const ipsmSolo = actorWith(['ipsm_pengurus', '33.72']);
const ipsmBangka = actorWith(['ipsm_pengurus', '19.01']);
const psmSolo = actorWith(['psm', '33.72.01.1001']);
const admin = actorWith(['admin', 'ID']);

describe('IPSM units and boards', () => {
  it('creates units per area level; only org.manage within the area may', async () => {
    const nasional = await as(t, admin, (ctx) => org.createUnit(ctx, { areaCode: 'ID' }));
    expect(nasional).toMatchObject({ level: 'nasional', name: 'IPSM Nasional', currentBoard: null });
    const solo = await as(t, ipsmSolo, (ctx) => org.createUnit(ctx, { areaCode: '33.72' }));
    expect(solo.level).toBe('kabkota');
    expect(solo.actions).toEqual(['org.manage']);
    await expect(as(t, ipsmBangka, (ctx) => org.createUnit(ctx, { areaCode: '33.72.01' }))).rejects.toMatchObject({ status: 404 });
    await expect(as(t, psmSolo, (ctx) => org.createUnit(ctx, { areaCode: '33.72.01.1001' }))).rejects.toMatchObject({ status: 403 });
    await expect(as(t, ipsmSolo, (ctx) => org.createUnit(ctx, { areaCode: '33.72' }))).rejects.toMatchObject({ status: 409 });
    const seen = await as(t, psmSolo, (ctx) => org.getUnit(ctx, solo.id));
    expect(seen.actions).toEqual([]);
  });

  it('records boards per term: a new board ends the previous one, history is kept and not editable', async () => {
    const unit = (await as(t, ipsmSolo, (ctx) => org.listUnits(ctx, { area: '33.72', page: 1, pageSize: 10 }))).items[0]!;
    const ketua = await buildMember(t, '33.72.01.1001', { input: { fullName: 'Hartono Wibowo' } });
    const outsider = await buildMember(t, '19.01.01.1001');
    const bad = await as(t, ipsmSolo, (ctx) => org.createBoard(ctx, unit.id, { termStart: 2019, termEnd: 2024, chosenBy: 'muscab', positions: [{ position: 'ketua', memberId: outsider.id }] })).catch((e) => e);
    expect(bad).toMatchObject({ status: 400 });
    const first = await as(t, ipsmSolo, (ctx) =>
      org.createBoard(ctx, unit.id, {
        termStart: 2019, termEnd: 2024, chosenBy: 'muscab', chosenOn: '2019-03-02', skNumber: '460/12/2019', skDate: '2019-04-01', skIssuer: 'Wali Kota Surakarta',
        positions: [{ position: 'ketua', memberId: ketua.id }, { position: 'sekretaris', personName: 'Endang Susilowati' }, { position: 'bidang', title: 'Bidang Pelatihan', personName: 'Joko Prasetyo' }],
      }),
    );
    expect(first.status).toBe('current');
    expect(first.positions.map((p) => p.name)).toEqual(['Hartono Wibowo', 'Endang Susilowati', 'Joko Prasetyo']);
    await expect(as(t, psmSolo, (ctx) => org.updateBoard(ctx, first.id, { skNumber: 'X', version: first.version }))).rejects.toMatchObject({ status: 403 });
    await expect(as(t, ipsmBangka, (ctx) => org.updateBoard(ctx, first.id, { skNumber: 'X', version: first.version }))).rejects.toMatchObject({ status: 404 });
    const fixed = await as(t, ipsmSolo, (ctx) => org.updateBoard(ctx, first.id, { skIssuer: 'Wali Kota Surakarta (pengukuhan)', version: first.version }));
    expect(fixed.sk.issuer).toBe('Wali Kota Surakarta (pengukuhan)');
    const second = await as(t, ipsmSolo, (ctx) => org.createBoard(ctx, unit.id, { termStart: 2024, termEnd: 2029, chosenBy: 'muscab', chosenOn: '2024-05-11', positions: [{ position: 'ketua', personName: 'Sri Handayani' }] }));
    const boards = await as(t, ipsmSolo, (ctx) => org.listBoards(ctx, unit.id));
    expect(boards.items.map((b) => [b.termStart, b.status])).toEqual([[2024, 'current'], [2019, 'ended']]);
    expect(boards.items[1]!.endedOn).toBe('2024-05-11');
    expect(boards.items[1]!.positions).toHaveLength(3);
    expect(boards.items[1]!.actions).toEqual([]);
    await expect(as(t, ipsmSolo, (ctx) => org.updateBoard(ctx, first.id, { skNumber: 'Y', version: fixed.version }))).rejects.toMatchObject({ status: 409, code: 'board_ended' });
    expect((await as(t, ipsmSolo, (ctx) => org.getUnit(ctx, unit.id))).currentBoard?.id).toBe(second.id);
  });
});

describe('coordination', () => {
  it('announcements reach members whose village lies in the unit’s area', async () => {
    const units = await as(t, admin, (ctx) => org.listUnits(ctx, { page: 1, pageSize: 10 }));
    const nasional = units.items.find((u) => u.areaCode === 'ID')!;
    const solo = units.items.find((u) => u.areaCode === '33.72')!;
    const bangka = await as(t, ipsmBangka, (ctx) => org.createUnit(ctx, { areaCode: '19.01' }));
    await as(t, ipsmSolo, (ctx) => org.createAnnouncement(ctx, solo.id, { title: 'Rapat koordinasi', body: 'Rapat PSM se-Kota Surakarta hari Sabtu.' }));
    await as(t, admin, (ctx) => org.createAnnouncement(ctx, nasional.id, { title: 'Mukernas 2026', body: 'Mukernas IPSM di Jakarta.' }));
    await as(t, ipsmBangka, (ctx) => org.createAnnouncement(ctx, bangka.id, { title: 'Bulan Bhakti Bangka', body: 'Kegiatan di Sungailiat.' }));
    const m = await buildMember(t, '33.72.01.1001');
    const forMember = await as(t, psmSolo, (ctx) => org.announcementsForMember(ctx, m.id));
    expect(forMember.items.map((a) => a.title).sort()).toEqual(['Mukernas 2026', 'Rapat koordinasi']);
    await expect(as(t, psmSolo, (ctx) => org.createAnnouncement(ctx, solo.id, { title: 'x', body: 'y' }))).rejects.toMatchObject({ status: 403 });
  });

  it('events with attendance, and a library of files and links', async () => {
    const solo = (await as(t, ipsmSolo, (ctx) => org.listUnits(ctx, { area: '33.72', level: 'kabkota', page: 1, pageSize: 1 }))).items[0]!;
    const ev = await as(t, ipsmSolo, (ctx) => org.createEvent(ctx, solo.id, { kind: 'sarasehan', title: 'Sarasehan PSM', startsOn: '2026-04-18', place: 'Balai Kota', agenda: 'Peran PSM dalam DTSEN' }));
    const a = await buildMember(t, '33.72.02.1001', { input: { fullName: 'Wahyu Nugroho' } });
    const b = await buildMember(t, '33.72.03.1001', { input: { fullName: 'Rina Kusumawati' } });
    const outsider = await buildMember(t, '19.01.01.1002');
    await expect(as(t, ipsmSolo, (ctx) => org.setAttendance(ctx, ev.id, [a.id, outsider.id]))).rejects.toMatchObject({ status: 400 });
    const withAtt = await as(t, ipsmSolo, (ctx) => org.setAttendance(ctx, ev.id, [a.id, b.id]));
    expect(withAtt.attendance.map((x) => x.fullName).sort()).toEqual(['Rina Kusumawati', 'Wahyu Nugroho']);
    expect((await as(t, psmSolo, (ctx) => org.listEvents(ctx, solo.id))).items[0]).toMatchObject({ title: 'Sarasehan PSM', attendees: 2, actions: [] });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const file = await as(t, ipsmSolo, (ctx) => org.uploadUnitFile(ctx, solo.id, pdf, 'library'));
    await as(t, ipsmSolo, (ctx) => org.addLibraryItem(ctx, solo.id, { title: 'Modul Bimtek PSM', fileId: file.fileId }));
    await as(t, ipsmSolo, (ctx) => org.addLibraryItem(ctx, solo.id, { title: 'Permensos 10/2019', url: 'https://jdih.kemensos.go.id/' }));
    await expect(as(t, ipsmSolo, (ctx) => org.addLibraryItem(ctx, solo.id, { title: 'Kosong' }))).rejects.toMatchObject({ status: 400 });
    const lib = await as(t, psmSolo, (ctx) => org.library(ctx, solo.id));
    expect(lib.items.map((i) => i.title).sort()).toEqual(['Modul Bimtek PSM', 'Permensos 10/2019']);
    // The material is for every member of the area: a PSM of one village downloads it; other regencies do not.
    const read = await as(t, psmSolo, (ctx) => ctx.files.readFor(ctx, file.fileId));
    expect(read.bytes.equals(pdf)).toBe(true);
    await expect(as(t, actorWith(['psm', '19.01.01.1002']), (ctx) => ctx.files.readFor(ctx, file.fileId))).rejects.toMatchObject({ status: 404 });
    await expect(as(t, actorWith(['ipsm_pengurus', '19.01']), (ctx) => ctx.files.readFor(ctx, file.fileId))).rejects.toMatchObject({ status: 404 });
  });
});
