import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password';

const codes = (password: string, username = 'siti.rahma', field?: string) =>
  passwordProblems(password, username, field).map((p) => p.code);

describe('passwordProblems', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('kopi tubruk pagi hari', 'siti.rahma')).toEqual([]);
    expect(passwordProblems('Gx7!pq2#Lm', 'siti.rahma')).toEqual([]);
  });

  it('needs at least 10 characters, counted as characters (not bytes)', () => {
    expect(codes('Gx7!pq2#L')).toEqual(['password.too_short']);
    expect(codes('ééééééééé1')).toEqual([]);
    const [p] = passwordProblems('short', 'siti.rahma');
    expect(p?.message.en).toBe('The password needs at least 10 characters (it has 5)');
    expect(p?.message.id).toBe('Kata sandi minimal 10 karakter (sekarang 5)');
  });

  it('refuses very long input', () => {
    expect(codes('ab3'.repeat(70))).toEqual(['password.too_long']);
  });

  it('refuses a password containing the username, in any case', () => {
    expect(codes('xxSiti.Rahma2025')).toEqual(['password.contains_username']);
    expect(codes('siti.rahma')).toEqual(['password.contains_username']);
  });

  it('refuses a single repeated character', () => {
    expect(codes('aaaaaaaaaaaa')).toEqual(['password.repeated']);
    expect(codes('1111111111')).toEqual(['password.repeated']);
  });

  it('refuses plain sequences', () => {
    expect(codes('abcdefghijkl')).toEqual(['password.sequence']);
    expect(codes('9876543210')).toEqual(['password.sequence']);
  });

  it('refuses very common passwords regardless of case', () => {
    for (const p of ['password123', 'qwertyuiop', 'admin12345', 'pilar12345', 'Bismillah123', 'PASSWORD123']) {
      expect(codes(p), p).toEqual(['password.common']);
    }
    expect(codes('1234567890')).toContain('password.common');
  });

  it('reports every problem, each naming the field', () => {
    const problems = passwordProblems('aaa', 'aaa', 'newPassword');
    expect(problems.map((p) => p.code)).toEqual(['password.too_short', 'password.contains_username', 'password.repeated']);
    expect(problems.every((p) => p.field === 'newPassword')).toBe(true);
    expect(problems.every((p) => p.message.id.length > 0 && p.message.en.length > 0)).toBe(true);
  });

  it('ignores usernames too short to matter', () => {
    expect(codes('ab-kopi-tubruk', 'ab')).toEqual([]);
  });
});
