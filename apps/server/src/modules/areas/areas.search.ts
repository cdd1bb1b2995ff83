/**
 * The forms of a name that area search compares: lower case, accents and
 * punctuation removed ("Soka'an" → "soka an"), and the same without spaces so
 * that "pangkal pinang" finds "Pangkalpinang" and the other way round.
 */
export function searchForms(name: string): { spaced: string; compact: string } {
  const spaced = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return { spaced, compact: spaced.replace(/ /g, '') };
}
