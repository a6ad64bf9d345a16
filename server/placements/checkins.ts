import { candidateRepository } from '../candidates/repository.js';
import type { Deps } from '../deps.js';
import { employerRepository } from '../employers/repository.js';
import type { JobHandler } from '../jobs/handler.js';
import { registerComposer } from '../notifications/deliver.js';
import {
  type NewNotification,
  type NotificationRecord,
  notificationRepository,
} from '../notifications/repository.js';
import { batchKey, notificationKey, officersFor } from '../notifications/sweep.js';
import { escapeHtml, formatDayEn, formatDayId } from '../shared/format.js';
import { isoDay } from '../shared/schemas.js';
import { vacancyRepository } from '../vacancies/repository.js';
import { placementRepository } from './repository.js';
import { EMPLOYED_STATES } from './states.js';

const DAY = 86_400_000;
export const CHECKIN_DAYS = [30, 90, 180] as const;

/**
 * Plans the retention check-ins of a hire in the notification ledger, due 30, 90 and 180 days after
 * the start. Keys make it idempotent: running twice plans nothing new. Each entry gets a delayed
 * delivery job; the flush job also delivers anything due whose job was lost.
 */
export async function scheduleCheckins(
  deps: Pick<Deps, 'queues'>,
  placementId: string,
  now: Date,
): Promise<number> {
  const p = await placementRepository.findById(placementId);
  if (!p || !p.hiredAt || !(EMPLOYED_STATES as readonly string[]).includes(p.state)) return 0;
  const c = await candidateRepository.findById(p.candidateId);
  if (!c) return 0;
  const hireDay = isoDay(p.hiredAt);
  // Keys name the placement too: a person whose job ended and who is hired elsewhere the same day
  // gets check-ins for the new job (a key naming only person and day would match the cancelled ones).
  const planned: NewNotification[] = [];
  for (const days of CHECKIN_DAYS) {
    const milestone = `D${days}`;
    const dueAt = new Date(p.hiredAt.getTime() + days * DAY);
    for (const o of await officersFor(c)) {
      const r = { recipientType: 'user' as const, recipientId: o.id };
      planned.push({
        key: `${notificationKey(r, 'checkin_officer', c.id, milestone, hireDay)}|${p.id}`,
        batchKey: `${batchKey(r, 'checkin_officer')}:${p.id}:${milestone}`,
        ...r,
        email: o.email,
        kind: 'checkin_officer',
        candidateId: c.id,
        milestone,
        refDate: hireDay,
        placementId: p.id,
        plannedAt: now,
        dueAt,
      });
    }
    if (c.consent.contactByEmail && c.contact.email) {
      const r = { recipientType: 'candidate' as const, recipientId: c.id };
      planned.push({
        key: `${notificationKey(r, 'checkin_candidate', c.id, milestone, hireDay)}|${p.id}`,
        batchKey: `${batchKey(r, 'checkin_candidate')}:${p.id}:${milestone}`,
        ...r,
        email: c.contact.email,
        kind: 'checkin_candidate',
        candidateId: c.id,
        milestone,
        refDate: hireDay,
        placementId: p.id,
        plannedAt: now,
        dueAt,
      });
    }
  }
  const fresh = await notificationRepository.insertNew(planned);
  for (const n of fresh) {
    const delayMs = Math.max(0, (n.dueAt?.getTime() ?? 0) - now.getTime());
    await deps.queues.enqueue(
      'notify.deliver',
      { batchKey: n.batchKey },
      { jobId: `deliver.checkin.${n.id}`, delayMs },
    );
  }
  return fresh.length;
}

export const handleScheduleCheckins: JobHandler<'placements.scheduleCheckins'> = async (
  { placementId },
  ctx,
) => scheduleCheckins(ctx.deps, placementId, ctx.deps.clock.now());

/** Re-checks a check-in just before sending: the job must still be running. */
async function stillEmployed(n: NotificationRecord) {
  const p = n.placementId ? await placementRepository.findById(n.placementId) : null;
  if (!p || !(EMPLOYED_STATES as readonly string[]).includes(p.state)) return null;
  return p;
}

registerComposer('checkin_officer', async (deps, entries) => {
  const n = entries[0]!;
  const p = await stillEmployed(n);
  const c = p ? await candidateRepository.findById(p.candidateId) : null;
  if (!p || !c)
    return {
      mail: null,
      kept: [],
      cancelled: entries.map((e): [string, string] => [e.id, 'pekerjaan berakhir (employment ended)']),
    };
  const v = await vacancyRepository.findById(p.vacancyId);
  const e = await employerRepository.findById(p.employerId);
  const days = n.milestone.slice(1);
  const url = `${deps.config.PUBLIC_BASE_URL}/app/placements/${p.id}`;
  const subject = `Cek retensi ${days} hari: ${c.fullName} — ${days}-day retention check-in`;
  const text = `Sudah ${days} hari ${c.fullName} bekerja sebagai ${v?.title ?? ''} di ${e?.name ?? ''} (mulai ${formatDayId(n.refDate)}). Hubungi klien dan pemberi kerja, lalu catat hasilnya: ${url}\n\n— English —\n\n${c.fullName} started as ${v?.title ?? ''} at ${e?.name ?? ''} ${days} days ago (${formatDayEn(n.refDate)}). Check in with the client and the employer and record the result: ${url}\n`;
  const html = `<!doctype html><html lang="id"><body><p>Sudah ${days} hari <strong>${escapeHtml(c.fullName)}</strong> bekerja sebagai ${escapeHtml(v?.title ?? '')} di ${escapeHtml(e?.name ?? '')} (mulai ${formatDayId(n.refDate)}). <a href="${escapeHtml(url)}">Catat hasil check-in</a>.</p><hr><p lang="en">${escapeHtml(c.fullName)} started as ${escapeHtml(v?.title ?? '')} at ${escapeHtml(e?.name ?? '')} ${days} days ago. <a href="${escapeHtml(url)}">Record the check-in</a>.</p></body></html>`;
  return { mail: { subject, text, html }, kept: entries, cancelled: [] };
});

registerComposer('checkin_candidate', async (deps, entries) => {
  const n = entries[0]!;
  const p = await stillEmployed(n);
  const c = p ? await candidateRepository.findById(p.candidateId) : null;
  if (!p || !c || !c.consent.contactByEmail || !c.contact.email) {
    return {
      mail: null,
      kept: [],
      cancelled: entries.map((e): [string, string] => [e.id, 'tidak berlaku lagi (no longer applies)']),
    };
  }
  const days = n.milestone.slice(1);
  const subject = `Bagaimana pekerjaan Anda? — How is your job going? (${days} hari)`;
  const text = `Halo ${c.fullName},\n\nSudah ${days} hari Anda bekerja. Semoga lancar! Jika ada kendala, hubungi petugas pembimbing Anda; mereka siap membantu.\n${deps.config.PUBLIC_BASE_URL}/app/me\n\n— English —\n\nHello ${c.fullName},\n\nYou have been working for ${days} days. We hope it is going well! If anything is difficult, contact your probation officer; they are there to help.\n`;
  const html = `<!doctype html><html lang="id"><body><p>Halo ${escapeHtml(c.fullName)},</p><p>Sudah ${days} hari Anda bekerja. Semoga lancar! Jika ada kendala, hubungi petugas pembimbing Anda.</p><hr><p lang="en">You have been working for ${days} days. If anything is difficult, contact your probation officer.</p></body></html>`;
  return { mail: { subject, text, html }, kept: entries, cancelled: [], to: c.contact.email };
});
