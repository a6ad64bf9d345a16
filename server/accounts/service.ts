import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { Config } from '../../config/index.js';
import type { Actor } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { candidateRepository } from '../candidates/repository.js';
import type { Deps } from '../deps.js';
import { employerRepository } from '../employers/repository.js';
import { errors } from '../http/errors.js';
import { MailError } from '../infra/mail.js';
import { withTransaction } from '../infra/mongo.js';
import { jobId } from '../infra/queue.js';
import type { JobHandler } from '../jobs/handler.js';
import { type Outbox, outboxJob, recordJobs } from '../outbox/service.js';
import { escapeHtml, formatDayEn, formatDayId } from '../shared/format.js';
import { type UserRecord, userRepository } from '../users/repository.js';
import { accountTokenRepository } from './repository.js';

const INVITE_TTL_MS = 7 * 24 * 3600_000;
const RESET_TTL_MS = 3600_000;
const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

export interface InviteInput {
  email: string;
  name: string;
  role: 'employer' | 'candidate';
  employerId?: string;
  candidateId?: string;
}

/**
 * Officers and admins invite employer users and released people: an account is created without a
 * password and a signed, expiring link to set one is emailed. Officers invite only their own clients.
 */
export async function inviteUser(
  deps: { outbox: Outbox },
  actor: Actor,
  input: InviteInput,
  now: Date,
): Promise<{ userId: string; email: string; status: string }> {
  if (input.role === 'employer') {
    if (!input.employerId || !(await employerRepository.findById(input.employerId))) {
      throw errors.field('body.employerId', 'pemberi kerja tidak dikenal', 'unknown employer');
    }
  } else {
    const c = input.candidateId ? await candidateRepository.findById(input.candidateId) : null;
    const mine =
      c && (actor.role === 'admin' || (actor.role === 'officer' && c.bapasId === actor.facilityId));
    if (!c || !mine) throw errors.field('body.candidateId', 'profil tidak dikenal', 'unknown profile');
  }
  const existing = await userRepository.findByEmail(input.email);
  if (existing && existing.status !== 'invited') {
    throw errors.conflict('Email sudah punya akun', 'This email already has an account', [
      { path: 'body.email', code: 'duplicate', message: 'sudah dipakai', messageEn: 'already in use' },
    ]);
  }
  const { user, outboxIds } = await withTransaction(async (session) => {
    const user =
      existing ??
      (await userRepository.create(
        {
          email: input.email,
          name: input.name,
          role: input.role,
          status: 'invited',
          ...(input.role === 'employer'
            ? { employerId: input.employerId }
            : { candidateId: input.candidateId }),
        },
        session,
      ));
    const token = await accountTokenRepository.create(
      { kind: 'invite', userId: user.id, email: user.email, createdBy: actor.userId },
      session,
    );
    await accountTokenRepository.supersede(user.id, 'invite', token.id, session);
    const outboxIds = await recordJobs(
      [outboxJob('accounts.sendToken', { tokenId: token.id }, jobId('account-token', token.id))],
      session,
    );
    return { user, outboxIds };
  });
  await deps.outbox.dispatch(outboxIds);
  void now;
  return { userId: user.id, email: user.email, status: user.status };
}

/** Starts a password reset. Answers the same whether or not the address has an account. */
export async function requestPasswordReset(deps: { outbox: Outbox }, email: string): Promise<void> {
  const user = await userRepository.findByEmail(email);
  if (!user || user.status !== 'active') return;
  const outboxIds = await withTransaction(async (session) => {
    const token = await accountTokenRepository.create(
      { kind: 'reset', userId: user.id, email: user.email },
      session,
    );
    await accountTokenRepository.supersede(user.id, 'reset', token.id, session);
    return recordJobs(
      [outboxJob('accounts.sendToken', { tokenId: token.id }, jobId('account-token', token.id))],
      session,
    );
  });
  await deps.outbox.dispatch(outboxIds);
}

/** The account a valid, unused, unexpired link belongs to (for the set-password form). */
export async function checkToken(
  token: string,
  kind: 'invite' | 'reset',
  now: Date,
): Promise<UserRecord | null> {
  const t = await accountTokenRepository.findUsable(hashToken(token), now);
  if (!t || t.kind !== kind) return null;
  return userRepository.findById(t.userId);
}

/** Sets the password from a link; the link works once. Returns the user to sign in. */
export async function useToken(
  config: Pick<Config, 'BCRYPT_ROUNDS'>,
  token: string,
  kind: 'invite' | 'reset',
  password: string,
  now: Date,
): Promise<UserRecord> {
  if (password.length < 10) throw errors.field('password', 'minimal 10 karakter', 'at least 10 characters');
  const t = await accountTokenRepository.findUsable(hashToken(token), now);
  if (!t || t.kind !== kind) throw errors.notFound('Tautan', 'Link');
  const passwordHash = await hashPassword(password, config.BCRYPT_ROUNDS);
  const user = await withTransaction(async (session) => {
    if (!(await accountTokenRepository.markUsed(t.id, now, session))) return null;
    return userRepository.setPassword(t.userId, passwordHash, session);
  });
  if (!user) throw errors.notFound('Tautan', 'Link');
  return user;
}

function tokenMail(kind: 'invite' | 'reset', user: UserRecord, link: string, expiresAt: Date) {
  if (kind === 'invite') {
    return {
      subject: 'Undangan ke Bekal Kerja — Your invitation to Bekal Kerja',
      text: `Halo ${user.name},\n\nAnda diundang memakai Bekal Kerja. Buat kata sandi Anda lewat tautan ini (berlaku sampai ${formatDayId(expiresAt)}):\n${link}\n\n— English —\n\nHello ${user.name},\n\nYou are invited to Bekal Kerja. Set your password with this link (valid until ${formatDayEn(expiresAt)}):\n${link}\n`,
      html: `<!doctype html><html lang="id"><body><p>Halo ${escapeHtml(user.name)},</p><p>Anda diundang memakai Bekal Kerja. <a href="${escapeHtml(link)}">Buat kata sandi Anda</a> (berlaku sampai ${formatDayId(expiresAt)}).</p><hr><p lang="en">You are invited to Bekal Kerja. <a href="${escapeHtml(link)}">Set your password</a> (valid until ${formatDayEn(expiresAt)}).</p></body></html>`,
    };
  }
  return {
    subject: 'Atur ulang kata sandi — Reset your password',
    text: `Halo ${user.name},\n\nBuat kata sandi baru lewat tautan ini (berlaku 1 jam):\n${link}\nJika Anda tidak memintanya, abaikan email ini.\n\n— English —\n\nSet a new password with this link (valid for 1 hour):\n${link}\nIf you did not ask for this, ignore this email.\n`,
    html: `<!doctype html><html lang="id"><body><p>Halo ${escapeHtml(user.name)},</p><p><a href="${escapeHtml(link)}">Buat kata sandi baru</a> (berlaku 1 jam). Jika Anda tidak memintanya, abaikan email ini.</p><hr><p lang="en"><a href="${escapeHtml(link)}">Set a new password</a> (valid for 1 hour). If you did not ask for this, ignore this email.</p></body></html>`,
  };
}

/** Sends one invitation or reset email, at most once (same claim rules as the notification ledger). */
export const handleSendToken: JobHandler<'accounts.sendToken'> = async ({ tokenId }, ctx) => {
  const { config, mailer } = ctx.deps as Deps;
  const now = ctx.deps.clock.now();
  await accountTokenRepository.markStale(tokenId, new Date(now.getTime() - config.NOTIFY_SEND_LEASE_MS));
  const t = await accountTokenRepository.findById(tokenId);
  if (!t || t.mailStatus !== 'planned' || t.usedAt) return { skipped: true };
  const user = await userRepository.findById(t.userId);
  if (!user || user.status === 'disabled') return { skipped: true };
  const sendId = randomUUID();
  if (!(await accountTokenRepository.claim(t.id, sendId, now))) return { skipped: true };
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (t.kind === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS));
  await accountTokenRepository.setSecret(t.id, sendId, hashToken(secret), expiresAt);
  const link = `${config.PUBLIC_BASE_URL}/${t.kind === 'invite' ? 'invite' : 'reset-password'}/${secret}`;
  const mail = tokenMail(t.kind, user, link, expiresAt);
  try {
    await mailer.send({ to: t.email, ...mail, messageId: `<${sendId}@bekalkerja>` });
  } catch (err) {
    if (err instanceof MailError && err.permanent) {
      await accountTokenRepository.fail(t.id, sendId, err.message);
      throw new UnrecoverableError(err.message);
    }
    await accountTokenRepository.release(t.id, sendId, (err as Error).message);
    throw err;
  }
  await accountTokenRepository.markSent(t.id, sendId, new Date());
  return { sent: true };
};
