import { randomInt } from 'node:crypto';

// No 0/o, 1/l/i: typed from paper without mistakes. 26 of 31 letters ≈ 129 random bits.
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new recipient's invitation code (the QR token). */
export function invitationCode(): string {
  return Array.from({ length: 26 }, () => READABLE[randomInt(READABLE.length)]).join('');
}

/** The code as printed: groups of four, easier to read and type (the phone drops the spaces). */
export const printedCode = (token: string) => token.match(/.{1,4}/g)!.join(' ');
