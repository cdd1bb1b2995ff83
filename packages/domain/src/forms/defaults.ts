/**
 * The assessment forms shipped with Pilar for the main PPKS groups (issue 5 §5). They
 * are version 1 of editable data: an administrator publishes later versions.
 */
import type { FormField, FormOption, FormSchema } from './schema';

export interface DefaultForm {
  code: string;
  title: { id: string; en: string };
  /** PPKS categories the form is meant for (1–26). */
  ppksCodes: number[];
  schema: FormSchema;
}

const opt = (value: string, id: string, en: string): FormOption => ({ value, label: { id, en } });
const f = (name: string, id: string, en: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  name,
  label: { id, en },
  type,
  ...extra,
});
const yes = (name: string, id: string, en: string, extra: Partial<FormField> = {}) => f(name, id, en, 'boolean', { required: true, ...extra });

const LIVING = [
  opt('sendiri', 'Tinggal sendiri', 'Lives alone'),
  opt('keluarga', 'Bersama keluarga', 'With family'),
  opt('orang_lain', 'Bersama orang lain', 'With others'),
  opt('jalanan', 'Di jalanan / tidak tetap', 'On the street / no fixed place'),
];
const INCOME = [
  opt('tidak_ada', 'Tidak ada', 'None'),
  opt('di_bawah_umr', 'Di bawah UMR', 'Below minimum wage'),
  opt('setara_umr', 'Sekitar UMR atau lebih', 'About minimum wage or more'),
];
const NEEDS = [
  opt('permakanan', 'Permakanan', 'Food'),
  opt('sandang', 'Sandang', 'Clothing'),
  opt('alat_bantu', 'Alat bantu', 'Assistive device'),
  opt('kesehatan', 'Layanan kesehatan', 'Health care'),
  opt('dokumen', 'Dokumen kependudukan', 'Civil documents'),
  opt('pendidikan', 'Pendidikan', 'Education'),
  opt('pendampingan', 'Pendampingan sosial', 'Social accompaniment'),
  opt('tempat_tinggal', 'Tempat tinggal', 'Shelter'),
];
const common: FormField[] = [
  f('kebutuhan', 'Kebutuhan utama', 'Main needs', 'multiselect', { required: true, options: NEEDS }),
  f('catatan', 'Catatan asesmen', 'Assessment notes', 'text', { maxLength: 2000 }),
];

export const DEFAULT_FORMS: readonly DefaultForm[] = Object.freeze([
  {
    code: 'lansia-terlantar',
    title: { id: 'Asesmen Lanjut Usia Terlantar', en: 'Assessment: neglected older person' },
    ppksCodes: [8],
    schema: {
      fields: [
        f('tinggal_dengan', 'Tinggal dengan', 'Lives with', 'select', { required: true, options: LIVING }),
        yes('ada_pengasuh', 'Ada keluarga/pengasuh yang merawat', 'A relative or carer looks after them'),
        f('nama_hubungan_pengasuh', 'Hubungan pengasuh', 'Carer’s relationship', 'text', { showIf: { field: 'ada_pengasuh', equals: true }, required: true }),
        f('kemandirian', 'Kemampuan aktivitas sehari-hari', 'Daily living ability', 'select', {
          required: true,
          sensitivity: 'spesifik',
          options: [opt('mandiri', 'Mandiri', 'Independent'), opt('sebagian', 'Perlu bantuan sebagian', 'Needs some help'), opt('total', 'Bergantung penuh', 'Fully dependent')],
        }),
        yes('sakit_kronis', 'Memiliki penyakit kronis', 'Has a chronic illness', { sensitivity: 'spesifik' }),
        f('makan_per_hari', 'Makan per hari', 'Meals per day', 'number', { required: true, min: 0, max: 6 }),
        f('penghasilan', 'Penghasilan', 'Income', 'select', { required: true, options: INCOME }),
        ...common,
      ],
    },
  },
  {
    code: 'anak-terlantar',
    title: { id: 'Asesmen Anak Terlantar', en: 'Assessment: neglected child' },
    ppksCodes: [1, 2],
    schema: {
      fields: [
        f('status_orang_tua', 'Status orang tua', 'Parents', 'select', {
          required: true,
          options: [opt('lengkap', 'Lengkap', 'Both alive'), opt('yatim', 'Yatim', 'Father died'), opt('piatu', 'Piatu', 'Mother died'), opt('yatim_piatu', 'Yatim piatu', 'Both died'), opt('tidak_diketahui', 'Tidak diketahui', 'Unknown')],
        }),
        f('pengasuh', 'Diasuh oleh', 'Cared for by', 'select', { required: true, options: [opt('orang_tua', 'Orang tua', 'Parents'), opt('kerabat', 'Kerabat', 'Relatives'), opt('lks', 'LKS / panti', 'Institution'), opt('tidak_ada', 'Tidak ada', 'Nobody')] }),
        yes('bersekolah', 'Masih bersekolah', 'Attends school'),
        f('jenjang', 'Jenjang sekolah', 'School level', 'select', { showIf: { field: 'bersekolah', equals: true }, required: true, options: [opt('sd', 'SD', 'Primary'), opt('smp', 'SMP', 'Junior secondary'), opt('sma', 'SMA/SMK', 'Senior secondary')] }),
        f('alasan_putus_sekolah', 'Alasan tidak bersekolah', 'Why not in school', 'text', { showIf: { field: 'bersekolah', equals: false } }),
        yes('punya_akta', 'Memiliki akta kelahiran', 'Has a birth certificate'),
        yes('tanda_kekerasan', 'Ada tanda kekerasan atau penelantaran', 'Signs of violence or neglect', { sensitivity: 'spesifik' }),
        ...common,
      ],
    },
  },
  {
    code: 'penyandang-disabilitas',
    title: { id: 'Asesmen Penyandang Disabilitas', en: 'Assessment: person with disability' },
    ppksCodes: [5, 9],
    schema: {
      fields: [
        f('ragam_disabilitas', 'Ragam disabilitas', 'Kind of disability', 'multiselect', {
          required: true,
          sensitivity: 'spesifik',
          options: [opt('fisik', 'Fisik', 'Physical'), opt('intelektual', 'Intelektual', 'Intellectual'), opt('mental', 'Mental', 'Mental'), opt('sensorik', 'Sensorik', 'Sensory')],
        }),
        f('tingkat', 'Tingkat keparahan', 'Severity', 'select', { required: true, sensitivity: 'spesifik', options: [opt('ringan', 'Ringan', 'Mild'), opt('sedang', 'Sedang', 'Moderate'), opt('berat', 'Berat', 'Severe')] }),
        yes('punya_alat_bantu', 'Sudah memiliki alat bantu', 'Has an assistive device'),
        f('alat_bantu_dibutuhkan', 'Alat bantu yang dibutuhkan', 'Assistive device needed', 'text', { showIf: { field: 'punya_alat_bantu', equals: false } }),
        yes('terapi_rutin', 'Mendapat terapi/pengobatan rutin', 'Receives regular therapy/treatment', { sensitivity: 'spesifik' }),
        f('tinggal_dengan', 'Tinggal dengan', 'Lives with', 'select', { required: true, options: LIVING }),
        ...common,
      ],
    },
  },
  {
    code: 'fakir-miskin',
    title: { id: 'Asesmen Fakir Miskin', en: 'Assessment: destitute poor person' },
    ppksCodes: [24],
    schema: {
      fields: [
        f('jumlah_anggota', 'Jumlah anggota keluarga', 'Household size', 'number', { required: true, min: 1, max: 30 }),
        f('penghasilan', 'Penghasilan keluarga', 'Household income', 'select', { required: true, options: INCOME }),
        f('kondisi_rumah', 'Kondisi rumah', 'Housing', 'select', { required: true, options: [opt('layak', 'Layak', 'Adequate'), opt('tidak_layak', 'Tidak layak huni', 'Inadequate'), opt('menumpang', 'Menumpang', 'Lodging with others')] }),
        yes('penerima_bansos', 'Sudah menerima bantuan sosial', 'Already receives social assistance'),
        f('program', 'Program yang diterima', 'Programmes received', 'multiselect', {
          showIf: { field: 'penerima_bansos', equals: true },
          required: true,
          options: [opt('pkh', 'PKH', 'PKH'), opt('bpnt', 'BPNT / Sembako', 'BPNT'), opt('blt', 'BLT', 'BLT'), opt('pbi_jk', 'PBI-JK', 'PBI-JK')],
        }),
        f('desil', 'Desil DTSEN (jika diketahui)', 'DTSEN decile (if known)', 'number', { min: 1, max: 10 }),
        ...common,
      ],
    },
  },
  {
    code: 'korban-bencana',
    title: { id: 'Asesmen Korban Bencana', en: 'Assessment: disaster victim' },
    ppksCodes: [21, 22],
    schema: {
      fields: [
        f('jenis_bencana', 'Jenis bencana', 'Kind of disaster', 'select', {
          required: true,
          options: [opt('banjir', 'Banjir', 'Flood'), opt('longsor', 'Tanah longsor', 'Landslide'), opt('gempa', 'Gempa bumi', 'Earthquake'), opt('kebakaran', 'Kebakaran', 'Fire'), opt('konflik', 'Konflik sosial', 'Social conflict'), opt('lainnya', 'Lainnya', 'Other')],
        }),
        f('tanggal_kejadian', 'Tanggal kejadian', 'Date of the event', 'date', { required: true }),
        f('kondisi_rumah', 'Kondisi rumah', 'House damage', 'select', { required: true, options: [opt('utuh', 'Tidak rusak', 'Undamaged'), opt('ringan', 'Rusak ringan', 'Light damage'), opt('sedang', 'Rusak sedang', 'Moderate damage'), opt('berat', 'Rusak berat', 'Heavy damage')] }),
        yes('mengungsi', 'Mengungsi', 'Displaced'),
        f('lokasi_pengungsian', 'Lokasi pengungsian', 'Where displaced to', 'text', { showIf: { field: 'mengungsi', equals: true }, required: true }),
        yes('luka', 'Mengalami luka', 'Injured', { sensitivity: 'spesifik' }),
        ...common,
      ],
    },
  },
] satisfies DefaultForm[]);
