import type { Config } from '../../config/index.js';
import type { Actor } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { candidateRepository } from '../candidates/repository.js';
import { employerRepository } from '../employers/repository.js';
import { facilityRepository } from '../facilities/repository.js';
import { type ErrorDetail, errors } from '../http/errors.js';
import { presentUser, type UserView } from './presenter.js';
import { userRepository } from './repository.js';
import type { CreateUserInput } from './schemas.js';

export async function getMe(actor: Actor): Promise<UserView> {
  const user = await userRepository.findById(actor.userId);
  if (!user) throw errors.notFound('Pengguna', 'User');
  return presentUser(user);
}

const FACILITY_FOR_ROLE = {
  officer: ['bapas'],
  facility_staff: ['lapas', 'rutan', 'lpka'],
  trainer: ['blk'],
} as const;

/**
 * Admins create accounts. Each role is bound to what it works for: an officer to a Bapas, staff to a
 * Lapas/Rutan/LPKA, a trainer to a BLK, an employer user to an employer, a candidate to their profile.
 */
export async function createUser(
  config: Pick<Config, 'BCRYPT_ROUNDS'>,
  input: CreateUserInput,
): Promise<UserView> {
  const problems: ErrorDetail[] = [];
  const need = (path: string, ok: boolean, id: string, en: string) => {
    if (!ok) problems.push({ path, code: 'invalid', message: id, messageEn: en });
  };
  const binding: { facilityId?: string; employerId?: string; candidateId?: string } = {};
  if (input.role === 'officer' || input.role === 'facility_staff' || input.role === 'trainer') {
    const kinds: readonly string[] = FACILITY_FOR_ROLE[input.role];
    const f = input.facilityId ? await facilityRepository.findById(input.facilityId) : null;
    need(
      'body.facilityId',
      Boolean(f && kinds.includes(f.kind)),
      `wajib: fasilitas ${kinds.join('/')}`,
      `required: a ${kinds.join('/')} facility`,
    );
    binding.facilityId = input.facilityId;
  }
  if (input.role === 'employer') {
    const e = input.employerId ? await employerRepository.findById(input.employerId) : null;
    need(
      'body.employerId',
      Boolean(e),
      'wajib: pemberi kerja yang terdaftar',
      'required: a registered employer',
    );
    binding.employerId = input.employerId;
  }
  if (input.role === 'candidate') {
    const c = input.candidateId ? await candidateRepository.findById(input.candidateId) : null;
    need('body.candidateId', Boolean(c), 'wajib: profil WBP yang terdaftar', 'required: an existing profile');
    binding.candidateId = input.candidateId;
  }
  for (const key of ['facilityId', 'employerId', 'candidateId'] as const) {
    if (input[key] && !binding[key]) {
      problems.push({
        path: `body.${key}`,
        code: 'not_allowed',
        message: `tidak berlaku untuk peran ${input.role}`,
        messageEn: `not used for role ${input.role}`,
      });
    }
  }
  if (problems.length) throw errors.validation(problems);
  if (await userRepository.exists({ email: input.email })) {
    throw errors.conflict('Email sudah dipakai', 'Email already in use', [
      { path: 'body.email', code: 'duplicate', message: 'sudah dipakai', messageEn: 'already in use' },
    ]);
  }
  const user = await userRepository.create({
    email: input.email,
    passwordHash: await hashPassword(input.password, config.BCRYPT_ROUNDS),
    name: input.name,
    role: input.role,
    ...binding,
  });
  return presentUser(user);
}

export async function listUsers(filter: { role?: string; page: number; limit: number }) {
  const { items, total } = await userRepository.list(filter, (filter.page - 1) * filter.limit, filter.limit);
  return { items: items.map(presentUser), total, page: filter.page, limit: filter.limit };
}
