import type { Deps } from '../../deps.js';
import { listEmployers, updateEmployer } from '../../employers/service.js';
import { createWriteHooks } from '../../hooks.js';
import { csrfField, pager, q1 } from '../components.js';
import { page, redirect, type WebBuilder } from '../framework.js';
import { html } from '../html.js';
import { defineMessages } from '../i18n.js';
import { pathId, sectorLabel } from '../me/shared.js';
import { backTo, filterInput, filterSelect, pageNumber } from './shared.js';

defineMessages({
  'admin.emp.title': { id: 'Pemberi kerja', en: 'Employers' },
  'admin.emp.count': { id: '{n} pemberi kerja', en: '{n} employers' },
  'admin.emp.order': { id: 'Urutan: menurut nama.', en: 'Order: by name.' },
  'admin.emp.none': {
    id: 'Tidak ada pemberi kerja dengan filter ini.',
    en: 'No employers with these filters.',
  },
  'admin.emp.q': { id: 'Nama', en: 'Name' },
  'admin.emp.verified': { id: 'Verifikasi', en: 'Verification' },
  'admin.emp.verifiedYes': { id: 'Sudah diverifikasi', en: 'Verified' },
  'admin.emp.verifiedNo': { id: 'Belum diverifikasi', en: 'Not verified' },
  'admin.emp.verifiedOn': { id: 'Diverifikasi {date}', en: 'Verified {date}' },
  'admin.emp.name': { id: 'Nama', en: 'Name' },
  'admin.emp.sector': { id: 'Bidang usaha', en: 'Sector' },
  'admin.emp.place': { id: 'Kabupaten/kota', en: 'Regency' },
  'admin.emp.contact': { id: 'Email kontak', en: 'Contact email' },
  'admin.emp.pledge': { id: 'Komitmen kesempatan kedua', en: 'Fair-chance pledge' },
  'admin.emp.yes': { id: 'Ya', en: 'Yes' },
  'admin.emp.no': { id: 'Tidak', en: 'No' },
  'admin.emp.action': { id: 'Tindakan', en: 'Action' },
  'admin.emp.verify': { id: 'Verifikasi', en: 'Verify' },
  'admin.emp.verifyName': { id: 'Verifikasi {name}', en: 'Verify {name}' },
  'admin.emp.invite': { id: 'Undang pengguna', en: 'Invite a user' },
  'admin.emp.done': { id: 'Pemberi kerja diverifikasi.', en: 'Employer verified.' },
});

const PAGE_SIZE = 25;

/** Admins: employers with a verification filter, and "Verifikasi" for those not yet verified. */
export function registerEmployerAdmin(web: WebBuilder, deps: Pick<Deps, 'outbox'>): void {
  const hooks = createWriteHooks(deps).employers;

  web.get('/app/admin/employers', { roles: ['admin'] }, async (w) => {
    const verifiedParam = q1(w, 'verified');
    const verified = verifiedParam === 'true' ? true : verifiedParam === 'false' ? false : undefined;
    const q = q1(w, 'q')?.trim().slice(0, 80) || undefined;
    const pageNo = pageNumber(q1(w, 'page'));
    const res = await listEmployers(w.actor!, { verified, q, page: pageNo, limit: PAGE_SIZE });
    const back = `${w.url.pathname}${w.url.search}`;
    return page(
      w.t('admin.emp.title'),
      html`<h1>${w.t('admin.emp.title')}</h1>
${q1(w, 'done') === '1' ? html`<p class="notice" role="status">${w.t('admin.emp.done')}</p>` : ''}
<form method="get" action="/app/admin/employers" class="filters">
${filterInput('q', w.t('admin.emp.q'), q)}
${filterSelect(
  w,
  'verified',
  w.t('admin.emp.verified'),
  [
    { value: 'false', label: w.t('admin.emp.verifiedNo') },
    { value: 'true', label: w.t('admin.emp.verifiedYes') },
  ],
  verifiedParam,
)}
<div><button type="submit">${w.t('form.apply')}</button> <a href="/app/admin/employers">${w.t('form.clear')}</a></div>
</form>
<p><strong>${w.t('admin.emp.count', { n: w.i18n.number(res.total) })}</strong> <span class="muted">${w.t('admin.emp.order')}</span></p>
${
  res.items.length
    ? html`<table><thead><tr><th scope="col">${w.t('admin.emp.name')}</th><th scope="col">${w.t('admin.emp.sector')}</th><th scope="col">${w.t('admin.emp.place')}</th><th scope="col">${w.t('admin.emp.contact')}</th><th scope="col">${w.t('admin.emp.pledge')}</th><th scope="col">${w.t('admin.emp.verified')}</th><th scope="col">${w.t('admin.emp.action')}</th></tr></thead><tbody>
${res.items.map(
  (
    e,
  ) => html`<tr><th scope="row">${e.name}</th><td>${sectorLabel(w, e.sector)}</td><td>${e.regency}</td><td>${e.contactEmail}</td><td>${w.t(e.fairChancePledge ? 'admin.emp.yes' : 'admin.emp.no')}</td>
<td>${e.verified ? (e.verifiedAt ? w.t('admin.emp.verifiedOn', { date: w.i18n.day(new Date(e.verifiedAt)) }) : w.t('admin.emp.verifiedYes')) : w.t('admin.emp.verifiedNo')}</td>
<td>${
    e.verified
      ? ''
      : html`<form method="post" action="/app/admin/employers/${e.id}/verify">${csrfField(w)}<input type="hidden" name="back" value="${back}"><button type="submit" aria-label="${w.t('admin.emp.verifyName', { name: e.name })}">${w.t('admin.emp.verify')}</button></form>`
  }<a href="/app/invite?role=employer&amp;employerId=${e.id}">${w.t('admin.emp.invite')}</a></td></tr>`,
)}
</tbody></table>`
    : html`<p>${w.t('admin.emp.none')}</p>`
}
${pager(w, res.page, PAGE_SIZE, res.total)}`,
    );
  });

  web.post('/app/admin/employers/:id/verify', { roles: ['admin'] }, async (w) => {
    await updateEmployer(w.actor!, pathId(w), { verified: true }, w.ctx.now, hooks);
    const u = new URL(backTo(w.body, '/app/admin/employers'), 'http://local');
    u.searchParams.set('done', '1');
    return redirect(`${u.pathname}${u.search}`);
  });
}
