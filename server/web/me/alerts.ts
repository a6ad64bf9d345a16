import { type NotificationRecord, notificationRepository } from '../../notifications/repository.js';
import { pager, q1 } from '../components.js';
import { page, type WebBuilder, type WebContext } from '../framework.js';
import { html, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import { myCandidateId, pageParam } from './shared.js';

defineMessages({
  'me.alerts.title': { id: 'Pemberitahuan', en: 'Alerts' },
  'me.alerts.intro': {
    id: 'Email yang Bekal Kerja kirim atau jadwalkan untuk Anda.',
    en: 'Emails Bekal Kerja sent or scheduled for you.',
  },
  'me.alerts.count': { id: '{n} pemberitahuan', en: '{n} alerts' },
  'me.alerts.none': { id: 'Belum ada pemberitahuan untuk Anda.', en: 'No alerts for you yet.' },
  'me.alerts.date': { id: 'Tanggal', en: 'Date' },
  'me.alerts.what': { id: 'Pemberitahuan', en: 'Alert' },
  'me.alerts.status': { id: 'Keadaan', en: 'Status' },
  'me.alerts.sort.new': { id: 'Terbaru dulu', en: 'Newest first' },
  'me.alerts.sort.old': { id: 'Terlama dulu', en: 'Oldest first' },
  'me.alerts.kind.candidate_alert': { id: 'Lowongan yang cocok untuk Anda', en: 'Jobs that fit you' },
  'me.alerts.kind.checkin_candidate': {
    id: 'Menanyakan kabar pekerjaan Anda',
    en: 'Checking in on your job',
  },
  'me.alerts.kind.other': { id: 'Pemberitahuan', en: 'Alert' },
  'me.alerts.m.release': { id: 'hari Anda bebas', en: 'the day of your release' },
  'me.alerts.m.before': { id: '{n} hari sebelum Anda bebas', en: '{n} days before your release' },
  'me.alerts.m.after': { id: '{n} hari setelah Anda bebas', en: '{n} days after your release' },
  'me.alerts.m.work': { id: '{n} hari setelah mulai bekerja', en: '{n} days after you started work' },
  'me.alerts.st.sent': { id: 'Terkirim', en: 'Sent' },
  'me.alerts.st.cancelled': { id: 'Dibatalkan', en: 'Cancelled' },
  'me.alerts.st.planned': { id: 'Dijadwalkan', en: 'Scheduled' },
  'me.alerts.st.failed': { id: 'Belum terkirim', en: 'Not delivered yet' },
});

const PAGE_SIZE = 20;

/** "T0", "T+14", "D30" in the page's words. */
function milestoneWords(w: WebContext, milestone: string): string {
  if (milestone === 'T0') return w.t('me.alerts.m.release');
  const rel = /^T([+-])(\d+)$/.exec(milestone);
  if (rel) return w.t(rel[1] === '-' ? 'me.alerts.m.before' : 'me.alerts.m.after', { n: rel[2]! });
  const work = /^D(\d+)$/.exec(milestone);
  if (work) return w.t('me.alerts.m.work', { n: work[1]! });
  return milestone;
}

function statusWords(w: WebContext, n: NotificationRecord): string {
  switch (n.status) {
    case 'sent':
      return w.t('me.alerts.st.sent');
    case 'cancelled':
      return w.t('me.alerts.st.cancelled');
    case 'planned':
    case 'sending':
      return w.t('me.alerts.st.planned');
    default:
      return w.t('me.alerts.st.failed');
  }
}

const shownAt = (n: NotificationRecord) => n.sentAt ?? n.dueAt ?? n.plannedAt;

/** The person's own alerts: ledger entries addressed to them, never those about them sent to others. */
export function registerMyAlerts(web: WebBuilder): void {
  web.get('/app/me/alerts', { roles: ['candidate'] }, async (w) => {
    const candidateId = myCandidateId(w);
    const oldest = q1(w, 'sort') === 'old';
    const pageNo = pageParam(q1(w, 'page'));
    // A person has a handful of entries (release milestones and job check-ins), so they are read whole.
    const mine = (await notificationRepository.byCandidate(candidateId))
      .filter((n) => n.recipientType === 'candidate' && n.recipientId === candidateId)
      .sort((a, b) => (shownAt(a).getTime() - shownAt(b).getTime()) * (oldest ? 1 : -1));
    const shown = mine.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
    const kindWords = (n: NotificationRecord) => {
      const key = `me.alerts.kind.${n.kind}`;
      const text = w.t(key);
      return text === key ? w.t('me.alerts.kind.other') : text;
    };
    return page(
      w.t('me.alerts.title'),
      html`<h1>${w.t('me.alerts.title')}</h1><p>${w.t('me.alerts.intro')}</p>
<form method="get" action="/app/me/alerts" class="filters">
<label for="f-sort">${w.t('list.sort')}</label>
<select id="f-sort" name="sort"><option value="new">${w.t('me.alerts.sort.new')}</option><option value="old"${when(oldest, html` selected`)}>${w.t('me.alerts.sort.old')}</option></select>
<button type="submit">${w.t('form.apply')}</button> <a href="/app/me/alerts">${w.t('form.clear')}</a>
</form>
<p><strong>${w.t('me.alerts.count', { n: w.i18n.number(mine.length) })}</strong></p>
${
  shown.length
    ? html`<table><thead><tr><th scope="col">${w.t('me.alerts.date')}</th><th scope="col">${w.t('me.alerts.what')}</th><th scope="col">${w.t('me.alerts.status')}</th></tr></thead><tbody>
${shown.map((n) => html`<tr><td>${w.i18n.day(shownAt(n))}</td><td>${kindWords(n)} — ${milestoneWords(w, n.milestone)}</td><td>${statusWords(w, n)}</td></tr>`)}
</tbody></table>`
    : html`<p>${w.t('me.alerts.none')}</p>`
}
${pager(w, pageNo, PAGE_SIZE, mine.length)}`,
    );
  });
}
