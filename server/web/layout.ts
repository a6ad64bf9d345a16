import pkg from '../../package.json' with { type: 'json' };
import type { Role } from '../auth/actor.js';
import { csrfField, withQuery } from './components.js';
import type { WebContext } from './framework.js';
import { html, type SafeHtml } from './html.js';
import { defineMessages } from './i18n.js';

defineMessages({
  'nav.search': { id: 'Cari kandidat', en: 'Find candidates' },
  'nav.vacancies': { id: 'Lowongan saya', en: 'My vacancies' },
  'nav.clients': { id: 'Klien', en: 'Clients' },
  'nav.pipeline': { id: 'Penempatan', en: 'Placements' },
  'nav.reports': { id: 'Laporan', en: 'Reports' },
  'nav.cohort': { id: 'Kohort', en: 'Cohort' },
  'nav.participants': { id: 'Peserta', en: 'Participants' },
  'nav.import': { id: 'Impor CSV', en: 'CSV import' },
  'nav.trainingResults': { id: 'Hasil pelatihan', en: 'Training results' },
  'nav.myJobs': { id: 'Lowongan untuk saya', en: 'Jobs for me' },
  'nav.myApplications': { id: 'Lamaran saya', en: 'My applications' },
  'nav.myAlerts': { id: 'Pemberitahuan', en: 'Alerts' },
  'nav.myData': { id: 'Data & persetujuan', en: 'My data & consent' },
  'nav.facilities': { id: 'Fasilitas', en: 'Facilities' },
  'nav.users': { id: 'Pengguna', en: 'Users' },
  'nav.employers': { id: 'Pemberi kerja', en: 'Employers' },
  'nav.failures': { id: 'Notifikasi gagal', en: 'Failed notifications' },
  'nav.queues': { id: 'Antrean', en: 'Queues' },
});

/** The menu of each role; the first entry is the role's home. */
export const NAV: Record<Role, { href: string; key: string }[]> = {
  employer: [
    { href: '/app/search', key: 'nav.search' },
    { href: '/app/vacancies', key: 'nav.vacancies' },
  ],
  officer: [
    { href: '/app/clients', key: 'nav.clients' },
    { href: '/app/pipeline', key: 'nav.pipeline' },
    { href: '/app/reports', key: 'nav.reports' },
    { href: '/app/search', key: 'nav.search' },
  ],
  facility_staff: [
    { href: '/app/cohort', key: 'nav.cohort' },
    { href: '/app/import', key: 'nav.import' },
  ],
  trainer: [
    { href: '/app/cohort', key: 'nav.participants' },
    { href: '/app/trainings/batch', key: 'nav.trainingResults' },
  ],
  candidate: [
    { href: '/app/me/jobs', key: 'nav.myJobs' },
    { href: '/app/me/applications', key: 'nav.myApplications' },
    { href: '/app/me/alerts', key: 'nav.myAlerts' },
    { href: '/app/me', key: 'nav.myData' },
  ],
  admin: [
    { href: '/app/admin/facilities', key: 'nav.facilities' },
    { href: '/app/admin/users', key: 'nav.users' },
    { href: '/app/admin/employers', key: 'nav.employers' },
    { href: '/app/admin/notifications', key: 'nav.failures' },
    { href: '/admin/queues', key: 'nav.queues' },
  ],
};

const v = pkg.version;

/** The page frame: skip link, role menu, language switch, sign-out form, one stylesheet and script. */
export function layout(w: WebContext, title: string, body: SafeHtml): SafeHtml {
  const nav = w.actor ? NAV[w.actor.role] : [];
  const current = w.url.pathname;
  const otherLang = w.lang === 'id' ? 'en' : 'id';
  return html`<html lang="${w.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${w.t('app.name')}</title>
<meta name="csrf-token" content="${w.csrf}">
<meta name="htmx-config" content="{&quot;includeIndicatorStyles&quot;:false}">
<link rel="stylesheet" href="/static/app.css?v=${v}">
<script src="/static/htmx.min.js?v=${v}" defer></script><script src="/static/app.js?v=${v}" defer></script>
</head><body hx-boost="false">
<a class="skip" href="#main">${w.t('nav.skip')}</a>
<header class="site"><div class="meta">
<a href="${withQuery(w, { lng: otherLang })}" lang="${otherLang}" hreflang="${otherLang}">${w.t('nav.language')}</a>
${w.actor ? html`<span>${w.actor.name}</span><form method="post" action="/logout">${csrfField(w)}<button class="link" type="submit">${w.t('nav.logout')}</button></form>` : html`<a href="/login">${w.t('nav.login')}</a>`}
</div>
<a class="brand" href="/app">${w.t('app.name')}</a>
${nav.length ? html`<nav aria-label="${w.t('nav.menu')}"><ul>${nav.map((n) => html`<li><a href="${n.href}"${current === n.href || (n.href !== '/app/me' && current.startsWith(`${n.href}/`)) ? html` aria-current="page"` : ''}>${w.t(n.key)}</a></li>`)}</ul></nav>` : ''}
</header>
<main id="main" tabindex="-1">${body}</main>
</body></html>`;
}
