import type { Actor } from '../auth/actor.js';
import { errors } from '../http/errors.js';
import { presentUser, type UserView } from './presenter.js';
import { userRepository } from './repository.js';

export async function getMe(actor: Actor): Promise<UserView> {
  const user = await userRepository.findById(actor.userId);
  if (!user) throw errors.notFound('Pengguna', 'User');
  return presentUser(user);
}
