import type { Config } from '../../config/index.js';
import { AppError, errors } from '../http/errors.js';
import type { Logger } from '../infra/logger.js';
import { recentUsers } from '../users/recent.js';
import { userRepository } from '../users/repository.js';
import type { Actor, RequestContext, Role } from './actor.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import type { LoginLimiter } from './rate-limit.js';
import { signToken, verifyToken } from './tokens.js';

export interface LoginResult {
  token: string;
  expiresIn: number;
  user: { id: string; role: Role; name: string; email: string };
}

type AuthConfig = Pick<Config, 'JWT_SECRET' | 'JWT_TTL_SECONDS' | 'BCRYPT_ROUNDS'>;

const invalidCredentials = () =>
  new AppError({
    code: 'invalid_credentials',
    status: 401,
    message: 'Email atau kata sandi salah',
    messageEn: 'Wrong email or password',
  });

/**
 * Checks an email and password. A wrong email and a wrong password answer the same, in the same
 * time; every attempt counts against the rate limit.
 */
export async function loginUser(
  deps: { config: AuthConfig; limiter: LoginLimiter },
  input: { email: string; password: string },
  ctx: RequestContext,
): Promise<LoginResult> {
  await deps.limiter.consume(ctx.ip, input.email);
  const user = await userRepository.findByEmail(input.email);
  const hash = user?.passwordHash ?? (await dummyHash(deps.config.BCRYPT_ROUNDS));
  const ok = await verifyPassword(input.password, hash);
  if (!user || !user.passwordHash || !ok || user.status !== 'active') throw invalidCredentials();
  await deps.limiter.reset(ctx.ip, input.email);
  await userRepository.touchLogin(user.id, ctx.now);
  return {
    token: signToken(
      { sub: user.id, role: user.role, tv: user.tokenVersion },
      deps.config.JWT_SECRET,
      deps.config.JWT_TTL_SECONDS,
    ),
    expiresIn: deps.config.JWT_TTL_SECONDS,
    user: { id: user.id, role: user.role, name: user.name, email: user.email },
  };
}

/**
 * Resolves an Actor from a bearer token. The user is re-read (at most a few seconds old, see
 * recentUsers) so revoked or disabled accounts stop: at once in this process, within seconds in others.
 */
export async function actorFromToken(token: string, config: Pick<Config, 'JWT_SECRET'>): Promise<Actor> {
  const claims = verifyToken(token, config.JWT_SECRET);
  if (!claims) throw errors.unauthenticated();
  let user = recentUsers.get(claims.sub) ?? null;
  if (!user) {
    user = await userRepository.findById(claims.sub);
    if (user) recentUsers.remember(user);
  }
  if (!user || user.status !== 'active' || user.tokenVersion !== claims.tv) throw errors.unauthenticated();
  return {
    userId: user.id,
    role: user.role,
    email: user.email,
    name: user.name,
    facilityId: user.facilityId,
    employerId: user.employerId,
    candidateId: user.candidateId,
  };
}

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists yet. Safe to run on
 * every start and from several processes at once (the unique email index decides).
 */
export async function bootstrapAdmin(
  config: Pick<Config, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD' | 'BCRYPT_ROUNDS'>,
  log: Logger,
): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  if (await userRepository.exists({ role: 'admin' })) return;
  try {
    await userRepository.create({
      email: config.ADMIN_EMAIL,
      passwordHash: await hashPassword(config.ADMIN_PASSWORD, config.BCRYPT_ROUNDS),
      name: 'Administrator',
      role: 'admin',
    });
    log.info({ email: config.ADMIN_EMAIL }, 'created the first admin from ADMIN_EMAIL');
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
}
