import { randomBytes } from 'node:crypto';
import { config } from '../../config/index.js';
import type { Role } from '../../server/auth/actor.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { signToken } from '../../server/auth/tokens.js';
import { type NewUser, type UserRecord, userRepository } from '../../server/users/repository.js';
import { testDeps } from './context.js';

/** A short unique suffix so every test builds its own data. */
export function uniq(prefix = ''): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export const TEST_PASSWORD = 'kata-sandi-uji-123';

export interface TestUser {
  user: UserRecord;
  token: string;
  auth: { Authorization: string };
}

/** Creates a user (password TEST_PASSWORD) and a token for it. */
export async function buildUser(overrides: Partial<NewUser> & { role?: Role } = {}): Promise<TestUser> {
  await testDeps();
  const user = await userRepository.create({
    email: `${uniq('user-')}@test.bekalkerja.local`,
    name: 'Pengguna Uji',
    role: 'admin',
    passwordHash: await hashPassword(TEST_PASSWORD, config.BCRYPT_ROUNDS),
    ...overrides,
  });
  const token = signToken({ sub: user.id, role: user.role, tv: user.tokenVersion }, config.JWT_SECRET, 3600);
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}
