import type { Permission } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AuditLog } from '../../platform/audit/audit';
import { listCases } from '../cases/cases.service';
import { coverage } from '../members/coverage.service';
import { listMembers } from '../members/members.service';
import { listPersons } from '../people/people.service';

/**
 * What can be exported, read through each module's own list service (scope rules
 * included). Columns are chosen for the purpose of a list: NIK masked, no phone or
 * address (data minimisation, UU PDP Pasal 16(2)). The services' own per-page
 * "listed" audit events are replaced by one `export.created` event that lists every
 * exported id, which says more (what left the system, why, in which file).
 */
export type Cell = string | number | null;
export interface Column {
  key: string;
  header: string;
}
export interface Source {
  permission: Permission;
  columns: Column[];
  /** Pages of rows; `ids` are the exported records (for the audit and breach queries). */
  pages(ctx: Ctx, f: Filters): AsyncGenerator<{ rows: Record<string, Cell>[]; ids: string[]; total: number }>;
  /** Which kind of record the ids are: personIds are found by a breach query on persons. */
  idKind: 'personIds' | 'memberIds' | 'caseIds' | null;
}
export interface Filters {
  area: string;
  ppks?: number | undefined;
  status?: string | undefined;
}

const PAGE = 100;
const quiet = (ctx: Ctx): Ctx => ({ ...ctx, audit: new AuditLog(ctx.audit.actor, ctx.audit.requestId, () => ctx.clock.now()) });
const areaFilter = (f: Filters) => (f.area === 'ID' ? {} : { area: f.area });

async function* paged<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>) {
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page);
    yield { items, total };
    if (items.length < PAGE || page * PAGE >= total) return;
  }
}

export const SOURCES: Record<'persons' | 'members' | 'cases' | 'coverage', Source> = {
  persons: {
    permission: 'person.read',
    idKind: 'personIds',
    columns: [
      { key: 'id', header: 'ID' },
      { key: 'nikMasked', header: 'NIK (disamarkan)' },
      { key: 'fullName', header: 'Nama' },
      { key: 'sex', header: 'JK' },
      { key: 'birthDate', header: 'Tanggal Lahir' },
      { key: 'villageCode', header: 'Kode Desa' },
      { key: 'villageName', header: 'Desa/Kelurahan' },
      { key: 'rt', header: 'RT' },
      { key: 'rw', header: 'RW' },
      { key: 'ppks', header: 'Kategori PPKS (kode)' },
    ],
    async *pages(ctx, f) {
      for await (const { items, total } of paged((page) =>
        listPersons(quiet(ctx), { ...areaFilter(f), ...(f.ppks ? { ppks: f.ppks } : {}), page, pageSize: PAGE }),
      )) {
        yield {
          total,
          ids: items.map((p) => p.id),
          rows: items.map((p) => ({
            id: p.id,
            nikMasked: p.nikMasked,
            fullName: p.fullName,
            sex: p.sex,
            birthDate: p.birthDate,
            villageCode: p.villageCode,
            villageName: p.villageName,
            rt: p.rt,
            rw: p.rw,
            ppks: p.ppksCodes.join(', '),
          })),
        };
      }
    },
  },
  members: {
    permission: 'member.read',
    idKind: 'memberIds',
    columns: [
      { key: 'id', header: 'ID' },
      { key: 'nikMasked', header: 'NIK (disamarkan)' },
      { key: 'fullName', header: 'Nama' },
      { key: 'sex', header: 'JK' },
      { key: 'villageCode', header: 'Kode Desa' },
      { key: 'villageName', header: 'Desa/Kelurahan' },
      { key: 'status', header: 'Status' },
      { key: 'ktaNumber', header: 'No. KTA' },
      { key: 'hasSk', header: 'SK' },
      { key: 'hasTraining', header: 'Pelatihan' },
    ],
    async *pages(ctx, f) {
      for await (const { items, total } of paged((page) =>
        listMembers(quiet(ctx), { ...areaFilter(f), ...(f.status ? { status: f.status } : {}), page, pageSize: PAGE }),
      )) {
        yield {
          total,
          ids: items.map((m) => m.id),
          rows: items.map((m) => ({
            id: m.id,
            nikMasked: m.nikMasked,
            fullName: m.fullName,
            sex: m.sex,
            villageCode: m.villageCode,
            villageName: m.villageName,
            status: m.status,
            ktaNumber: m.ktaNumber,
            hasSk: m.hasSk ? 'ya' : 'tidak',
            hasTraining: m.hasTraining ? 'ya' : 'tidak',
          })),
        };
      }
    },
  },
  cases: {
    permission: 'case.read',
    idKind: 'caseIds',
    columns: [
      { key: 'caseNumber', header: 'No. Kasus' },
      { key: 'id', header: 'ID' },
      { key: 'personId', header: 'ID Orang' },
      { key: 'villageCode', header: 'Kode Desa' },
      { key: 'ppksCode', header: 'Kode PPKS' },
      { key: 'ppksName', header: 'Kategori PPKS' },
      { key: 'status', header: 'Status' },
      { key: 'verification', header: 'Verifikasi' },
      { key: 'openedOn', header: 'Tanggal Pendataan' },
      { key: 'closedOn', header: 'Tanggal Selesai' },
    ],
    async *pages(ctx, f) {
      const status = f.status as Parameters<typeof listCases>[1]['status'];
      for await (const { items, total } of paged((page) =>
        listCases(quiet(ctx), {
          ...areaFilter(f),
          ...(f.ppks ? { ppks: f.ppks } : {}),
          ...(status ? { status } : {}),
          page,
          pageSize: PAGE,
        }),
      )) {
        yield {
          total,
          ids: items.map((c) => c.id),
          rows: items.map((c) => ({
            caseNumber: c.caseNumber,
            id: c.id,
            personId: c.personId,
            villageCode: c.villageCode,
            ppksCode: c.ppksCode,
            ppksName: c.ppksName,
            status: c.status,
            verification: c.verification,
            openedOn: c.openedOn,
            closedOn: c.closedOn,
          })),
        };
      }
    },
  },
  coverage: {
    permission: 'report.read',
    idKind: null,
    columns: [
      { key: 'code', header: 'Kode Wilayah' },
      { key: 'name', header: 'Wilayah' },
      { key: 'villagesTotal', header: 'Jumlah Desa' },
      { key: 'villagesWithActive', header: 'Desa dengan PSM Aktif' },
      { key: 'activeMembers', header: 'PSM Aktif' },
      { key: 'withSk', header: 'Dengan SK' },
      { key: 'withKta', header: 'Dengan KTA' },
      { key: 'withTraining', header: 'Terlatih' },
    ],
    async *pages(ctx, f) {
      const c = await coverage(ctx, { area: f.area, page: 1, pageSize: 1 });
      yield { total: c.children.length, ids: [], rows: c.children.map((k) => ({ ...k })) };
    },
  },
};
