import type { Deps } from '../../deps.js';
import { listNotifications, resendNotification } from '../../notifications/service.js';
import { csrfField, pager, q1 } from '../components.js';
import { page, redirect, type WebBuilder } from '../framework.js';
import { html } from '../html.js';
import { defineMessages } from '../i18n.js';
import { pathId } from '../me/shared.js';
import { backTo, pageNumber } from './shared.js';

defineMessages({
  'admin.notif.title': { id: 'Notifikasi gagal', en: 'Failed notifications' },
  'admin.notif.intro': {
    id: 'Email yang gagal terkirim, atau yang pengirimannya terputus sehingga tidak pasti sampai. Periksa dulu bahwa email itu memang belum sampai sebelum mengirim ulang.',
    en: 'Emails that failed, or whose sending was interrupted so it is unknown whether they arrived. Check that a message really did not arrive before resending it.',
  },
  'admin.notif.tabs': { id: 'Jenis masalah', en: 'Kind of problem' },
  'admin.notif.failed': { id: 'Gagal ({n})', en: 'Failed ({n})' },
  'admin.notif.unknown': { id: 'Tidak pasti ({n})', en: 'Unknown ({n})' },
  'admin.notif.count': { id: '{n} notifikasi', en: '{n} notifications' },
  'admin.notif.order': {
    id: 'Urutan: yang terbaru direncanakan di atas.',
    en: 'Order: most recently planned first.',
  },
  'admin.notif.none': { id: 'Tidak ada notifikasi bermasalah.', en: 'No notifications with problems.' },
  'admin.notif.planned': { id: 'Direncanakan', en: 'Planned' },
  'admin.notif.kind': { id: 'Jenis', en: 'Kind' },
  'admin.notif.milestone': { id: 'Tahap', en: 'Milestone' },
  'admin.notif.recipient': { id: 'Penerima', en: 'Recipient' },
  'admin.notif.attempts': { id: 'Percobaan', en: 'Attempts' },
  'admin.notif.error': { id: 'Galat', en: 'Error' },
  'admin.notif.action': { id: 'Tindakan', en: 'Action' },
  'admin.notif.resend': { id: 'Kirim ulang', en: 'Resend' },
  'admin.notif.resendTo': { id: 'Kirim ulang ke {email}', en: 'Resend to {email}' },
  'admin.notif.resent': {
    id: 'Notifikasi masuk antrean kirim lagi.',
    en: 'The notification is queued again.',
  },
  'admin.notif.queues': { id: 'Buka dasbor antrean', en: 'Open the queue dashboard' },
  'admin.notif.kind.officer_digest': { id: 'Ringkasan petugas', en: 'Officer digest' },
  'admin.notif.kind.employer_note': { id: 'Kabar untuk pemberi kerja', en: 'Employer note' },
  'admin.notif.kind.candidate_alert': { id: 'Lowongan untuk WBP/klien', en: 'Jobs for the person' },
  'admin.notif.kind.checkin_officer': { id: 'Pemeriksaan (petugas)', en: 'Check-in (officer)' },
  'admin.notif.kind.checkin_candidate': { id: 'Pemeriksaan (WBP/klien)', en: 'Check-in (person)' },
  'admin.notif.to.user': { id: 'pengguna', en: 'user' },
  'admin.notif.to.employer': { id: 'pemberi kerja', en: 'employer' },
  'admin.notif.to.candidate': { id: 'WBP/klien', en: 'person' },
});

const PAGE_SIZE = 25;
const STATUSES = ['failed', 'unknown'] as const;

/** Admins: failed and uncertain ledger entries with "Kirim ulang", and the way to the queue dashboard. */
export function registerNotificationAdmin(web: WebBuilder, deps: Pick<Deps, 'queues'>): void {
  web.get('/app/admin/notifications', { roles: ['admin'] }, async (w) => {
    const status = q1(w, 'status') === 'unknown' ? 'unknown' : 'failed';
    const pageNo = pageNumber(q1(w, 'page'));
    const [res, ...totals] = await Promise.all([
      listNotifications(w.actor!, { status, page: pageNo, limit: PAGE_SIZE }),
      ...STATUSES.map((s) => listNotifications(w.actor!, { status: s, page: 1, limit: 1 })),
    ]);
    const back = `${w.url.pathname}${w.url.search}`;
    return page(
      w.t('admin.notif.title'),
      html`<h1>${w.t('admin.notif.title')}</h1><p>${w.t('admin.notif.intro')}</p>
<p><a href="/admin/queues">${w.t('admin.notif.queues')}</a></p>
${q1(w, 'resent') === '1' ? html`<p class="notice" role="status">${w.t('admin.notif.resent')}</p>` : ''}
<nav aria-label="${w.t('admin.notif.tabs')}"><ul class="tabs">${STATUSES.map(
        (s, i) =>
          html`<li><a href="/app/admin/notifications?status=${s}"${s === status ? html` aria-current="page"` : ''}>${w.t(`admin.notif.${s}`, { n: w.i18n.number(totals[i]?.total ?? 0) })}</a></li>`,
      )}</ul></nav>
<p><strong>${w.t('admin.notif.count', { n: w.i18n.number(res.total) })}</strong> <span class="muted">${w.t('admin.notif.order')}</span></p>
${
  res.items.length
    ? html`<table><thead><tr><th scope="col">${w.t('admin.notif.planned')}</th><th scope="col">${w.t('admin.notif.kind')}</th><th scope="col">${w.t('admin.notif.milestone')}</th><th scope="col">${w.t('admin.notif.recipient')}</th><th scope="col">${w.t('admin.notif.attempts')}</th><th scope="col">${w.t('admin.notif.error')}</th><th scope="col">${w.t('admin.notif.action')}</th></tr></thead><tbody>
${res.items.map(
  (
    n,
  ) => html`<tr><td>${w.i18n.day(new Date(n.plannedAt))}</td><td>${w.t(`admin.notif.kind.${n.kind}`)}</td><td>${n.milestone}</td><td>${n.recipient.email} <span class="muted">(${w.t(`admin.notif.to.${n.recipient.type}`)})</span></td><td>${w.i18n.number(n.attempts)}</td><td>${n.lastError ?? '—'}</td>
<td><form method="post" action="/app/admin/notifications/${n.id}/resend">${csrfField(w)}<input type="hidden" name="back" value="${back}"><button type="submit" aria-label="${w.t('admin.notif.resendTo', { email: n.recipient.email })}">${w.t('admin.notif.resend')}</button></form></td></tr>`,
)}
</tbody></table>`
    : html`<p>${w.t('admin.notif.none')}</p>`
}
${pager(w, res.page, PAGE_SIZE, res.total)}`,
    );
  });

  web.post('/app/admin/notifications/:id/resend', { roles: ['admin'] }, async (w) => {
    await resendNotification(deps, pathId(w), w.ctx.now);
    const u = new URL(backTo(w.body, '/app/admin/notifications'), 'http://local');
    u.searchParams.set('resent', '1');
    return redirect(`${u.pathname}${u.search}`);
  });
}
