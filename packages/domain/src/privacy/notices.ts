/**
 * UU PDP Pasal 46(2): a breach notice states at least (a) the personal data that
 * was exposed, (b) when and how it was exposed, and (c) what the controller did to
 * handle and recover from it. A notice may not be marked ready without all three.
 */
export const NOTICE_MANDATORY_FIELDS = ['dataExposed', 'whenAndHow', 'measuresTaken'] as const;
export type NoticeMandatoryField = (typeof NOTICE_MANDATORY_FIELDS)[number];

export const NOTICE_FIELD_LABELS: Record<NoticeMandatoryField, { id: string; en: string }> = {
  dataExposed: { id: 'Data pribadi yang terungkap', en: 'The personal data exposed' },
  whenAndHow: { id: 'Kapan dan bagaimana data terungkap', en: 'When and how the data was exposed' },
  measuresTaken: { id: 'Upaya penanganan dan pemulihan', en: 'What was done to handle and recover' },
};

/** Minimum meaningful length of each mandatory content (a word or two is not a statement). */
export const NOTICE_MIN_LENGTH = 10;

/** The mandatory contents that are missing or too thin to count. */
export function missingNoticeContents(n: Partial<Record<NoticeMandatoryField, string | null>>): NoticeMandatoryField[] {
  return NOTICE_MANDATORY_FIELDS.filter((f) => (n[f] ?? '').trim().length < NOTICE_MIN_LENGTH);
}
