import bcrypt from 'bcryptjs';

/** bcrypt hash of a password; `rounds` comes from config (lower only in tests). */
export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(password, rounds);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | null = null;
/**
 * A hash to compare against when the email is unknown, so a wrong email costs the same time as a
 * wrong password and accounts cannot be discovered by timing.
 */
export function dummyHash(rounds: number): Promise<string> {
  dummy ??= bcrypt.hash('not-a-real-password', rounds);
  return dummy;
}
