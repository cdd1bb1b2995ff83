import { issue, type Issue } from '../messages';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Passwords too common to allow even though they are long enough (lower case).
 * Shorter common passwords already fail the length rule.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0987654321',
  '12345678910',
  '123456789012',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'qwertyuiop123',
  'asdfghjkl1',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'p@ssw0rd123',
  'iloveyou123',
  'admin12345',
  'admin123456',
  'administrator',
  'pilar12345',
  'pilar123456',
  'katasandi123',
  'rahasia123',
  'bismillah1',
  'bismillah123',
  'indonesia123',
  'indonesia45',
  'merdeka1945',
  'jakarta123',
  'dinsos12345',
  'dinassosial',
  'kemensos123',
  'psm1234567',
  'ipsm123456',
  'abcdefghij',
  'abc1234567',
]);

/** True when every character follows the previous one by +1 (or every one by −1): 'abcdefghijk', '9876543210'. */
function isSequence(p: string): boolean {
  const codes = [...p].map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  if (step !== 1 && step !== -1) return false;
  return codes.every((c, i) => i === 0 || c - (codes[i - 1] ?? 0) === step);
}

/**
 * What is wrong with a new password (empty when it is acceptable). `field` names the
 * input the messages point at (`password` when an administrator sets it,
 * `newPassword` when a user changes their own).
 *
 * Rules: at least {@link PASSWORD_MIN_LENGTH} characters (length beats complexity
 * rules, NIST SP 800-63B §3.1.1.2), not containing the username, not one repeated
 * character or a plain sequence, not a very common password.
 */
export function passwordProblems(password: string, username: string, field = 'password'): Issue[] {
  const problems: Issue[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(
      issue(
        'password.too_short',
        field,
        `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter (sekarang ${length})`,
        `The password needs at least ${PASSWORD_MIN_LENGTH} characters (it has ${length})`,
      ),
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(
      issue(
        'password.too_long',
        field,
        `Kata sandi maksimal ${PASSWORD_MAX_LENGTH} karakter`,
        `The password may have at most ${PASSWORD_MAX_LENGTH} characters`,
      ),
    );
  }
  const lower = password.toLowerCase();
  const user = username.trim().toLowerCase();
  if (user.length >= 3 && lower.includes(user)) {
    problems.push(
      issue(
        'password.contains_username',
        field,
        'Kata sandi tidak boleh memuat nama pengguna',
        'The password must not contain the username',
      ),
    );
  }
  if (length > 0 && new Set(password).size === 1) {
    problems.push(
      issue(
        'password.repeated',
        field,
        'Kata sandi tidak boleh hanya satu karakter yang diulang',
        'The password must not be a single repeated character',
      ),
    );
  } else if (length >= 3 && isSequence(lower)) {
    problems.push(
      issue(
        'password.sequence',
        field,
        'Kata sandi tidak boleh berupa deret berurutan (seperti 1234567890 atau abcdefghij)',
        'The password must not be a plain sequence (like 1234567890 or abcdefghij)',
      ),
    );
  }
  if (COMMON_PASSWORDS.has(lower)) {
    problems.push(
      issue(
        'password.common',
        field,
        'Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain',
        'This password is too common and easy to guess; choose another',
      ),
    );
  }
  return problems;
}
