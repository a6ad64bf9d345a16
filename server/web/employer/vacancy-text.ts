import type { PlacementState } from '../../placements/states.js';
import { SECTORS, type Sector } from '../../shared/sectors.js';
import { getSkillView } from '../../skills/service.js';
import type { VacancyView } from '../../vacancies/schemas.js';
import type { WebContext } from '../framework.js';
import { html, type SafeHtml } from '../html.js';
import { defineMessages } from '../i18n.js';

// Text shared by the employer's vacancy screens (list, detail, wizard). Keys are `vac.` / `wiz.`.
defineMessages({
  'vac.list.title': { id: 'Lowongan saya', en: 'My vacancies' },
  'vac.new': { id: 'Pasang lowongan', en: 'Post a vacancy' },
  'vac.filter.status': { id: 'Status', en: 'Status' },
  'vac.filter.all': { id: 'Semua', en: 'All' },
  'vac.status.open': { id: 'Terbuka', en: 'Open' },
  'vac.status.closed': { id: 'Ditutup', en: 'Closed' },
  'vac.status.filled': { id: 'Terisi', en: 'Filled' },
  'vac.status.expired': { id: 'lewat tanggal tutup', en: 'past its closing date' },
  'vac.sort.newest': { id: 'Terbaru dipasang', en: 'Newest first' },
  'vac.sort.start': { id: 'Tanggal mulai kerja', en: 'Start date' },
  'vac.sort.closing': { id: 'Tanggal tutup', en: 'Closing date' },
  'vac.count': { id: '{n} lowongan', en: '{n} vacancies' },
  'vac.empty': {
    id: 'Belum ada lowongan. Pasang lowongan pertama Anda.',
    en: 'No vacancies yet. Post your first one.',
  },
  'vac.emptyFiltered': {
    id: 'Tidak ada lowongan yang cocok dengan filter ini.',
    en: 'No vacancies match these filters.',
  },
  'vac.col.title': { id: 'Judul', en: 'Title' },
  'vac.col.status': { id: 'Status', en: 'Status' },
  'vac.col.openings': { id: 'Posisi', en: 'Openings' },
  'vac.col.start': { id: 'Mulai kerja', en: 'Start date' },
  'vac.col.closes': { id: 'Tanggal tutup', en: 'Closing date' },
  'vac.col.active': { id: 'Penempatan aktif', en: 'Active placements' },
  'vac.col.actions': { id: 'Tindakan', en: 'Actions' },
  'vac.view': { id: 'Lihat', en: 'View' },
  'vac.edit': { id: 'Ubah', en: 'Edit' },
  'vac.duplicate': { id: 'Duplikat', en: 'Duplicate' },
  'vac.actionOn': { id: '{action}: {title}', en: '{action}: {title}' },
  'vac.close': { id: 'Tutup lowongan', en: 'Close the vacancy' },
  'vac.reopen': { id: 'Buka kembali', en: 'Reopen' },
  'vac.back': { id: 'Lowongan saya', en: 'My vacancies' },
  'vac.noClosing': { id: 'Tidak ditentukan', en: 'Not set' },
  'vac.yes': { id: 'Ya', en: 'Yes' },
  'vac.no': { id: 'Tidak', en: 'No' },
  'vac.field.title': { id: 'Judul lowongan', en: 'Job title' },
  'vac.field.sector': { id: 'Sektor', en: 'Sector' },
  'vac.field.kbji': { id: 'Kode KBJI', en: 'KBJI code' },
  'vac.field.description': { id: 'Uraian pekerjaan', en: 'Job description' },
  'vac.field.required': { id: 'Keahlian wajib', en: 'Required skills' },
  'vac.field.optional': { id: 'Keahlian tambahan (opsional)', en: 'Optional skills' },
  'vac.field.certs': { id: 'Wajib bersertifikat', en: 'Certificate required for' },
  'vac.field.location': { id: 'Lokasi kerja', en: 'Workplace' },
  'vac.field.coords': { id: 'Koordinat', en: 'Coordinates' },
  'vac.field.radius': { id: 'Jarak tempuh maksimal', en: 'Maximum distance' },
  'vac.field.openings': { id: 'Jumlah posisi', en: 'Openings' },
  'vac.field.wage': { id: 'Upah', en: 'Wage' },
  'vac.field.start': { id: 'Tanggal mulai kerja', en: 'Start date' },
  'vac.field.closes': { id: 'Tanggal tutup lowongan', en: 'Closing date' },
  'vac.field.nightShift': { id: 'Shift malam', en: 'Night shifts' },
  'vac.field.status': { id: 'Status', en: 'Status' },
  'vac.field.created': { id: 'Dipasang', en: 'Posted' },
  'vac.km': { id: '{n} km', en: '{n} km' },
  'vac.wage.range': { id: '{min} – {max} per {period}', en: '{min} – {max} per {period}' },
  'vac.period.hour': { id: 'jam', en: 'hour' },
  'vac.period.day': { id: 'hari', en: 'day' },
  'vac.period.week': { id: 'minggu', en: 'week' },
  'vac.period.month': { id: 'bulan', en: 'month' },
  'vac.level.basic': { id: 'dasar', en: 'basic' },
  'vac.level.intermediate': { id: 'menengah', en: 'intermediate' },
  'vac.level.advanced': { id: 'mahir', en: 'advanced' },
  'vac.level.min': { id: 'tingkat minimal {level}', en: 'at least {level}' },
  'vac.notice.published': { id: 'Lowongan diterbitkan.', en: 'Vacancy published.' },
  'vac.notice.updated': { id: 'Perubahan lowongan diterbitkan.', en: 'Your changes are published.' },
  'vac.notice.closed': { id: 'Lowongan ditutup.', en: 'The vacancy is closed.' },
  'vac.notice.reopened': { id: 'Lowongan dibuka kembali.', en: 'The vacancy is open again.' },
  'vac.notice.requested': {
    id: 'Permintaan perkenalan terkirim ke petugas Bapas.',
    en: 'Your introduction request was sent to the probation officer.',
  },
  'vac.notice.moved': { id: 'Status penempatan diperbarui.', en: 'The placement was updated.' },
  'vac.notice.feedback': { id: 'Umpan balik disimpan.', en: 'Feedback saved.' },
  'vac.matches.title': { id: 'Kandidat yang cocok', en: 'Matching candidates' },
  'vac.matches.intro': {
    id: 'Profil anonim. Nama dan kontak hanya dibuka setelah kandidat setuju dan petugas Bapas memperkenalkan.',
    en: 'Anonymous profiles. Name and contact are shared only after the candidate agrees and the probation officer makes the introduction.',
  },
  'vac.matches.none': { id: 'Belum ada kandidat yang cocok.', en: 'No matching candidates yet.' },
  'vac.matches.notOpen': {
    id: 'Kandidat yang cocok hanya dicari untuk lowongan yang terbuka.',
    en: 'Matches are only looked for while the vacancy is open.',
  },
  'vac.matches.unavailable': {
    id: 'Pencocokan sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'Matching is unavailable right now. Please try again shortly.',
  },
  'vac.matches.score': { id: 'Kecocokan {score}/100', en: 'Match {score}/100' },
  'vac.matches.age': { id: 'Usia {age}', en: 'Age {age}' },
  'vac.matches.availableNow': { id: 'siap mulai sekarang', en: 'available now' },
  'vac.matches.available': { id: 'siap mulai pekan {date}', en: 'available from the week of {date}' },
  'vac.matches.reasons': { id: 'Mengapa cocok', en: 'Why it matches' },
  'vac.matches.missing': { id: 'Keahlian wajib yang belum dimiliki', en: 'Required skills not yet held' },
  'vac.matches.profile': { id: 'Lihat profil {id}', en: 'View profile {id}' },
  'vac.matches.request': { id: 'Minta perkenalan', en: 'Ask for an introduction' },
  'vac.matches.requestOn': { id: 'Minta perkenalan: {id}', en: 'Ask for an introduction: {id}' },
  'vac.matches.requestHint': {
    id: 'Permintaan dikirim ke petugas Bapas, bukan ke kandidat.',
    en: 'The request goes to the probation officer, not the candidate.',
  },
  'vac.matches.requested': { id: 'Perkenalan sudah diminta', en: 'Introduction requested' },
  'vac.intro.title': { id: 'Kandidat yang diperkenalkan', en: 'Introduced candidates' },
  'vac.intro.count': { id: '{n} permintaan perkenalan', en: '{n} introduction requests' },
  'vac.intro.none': {
    id: 'Belum ada permintaan perkenalan untuk lowongan ini.',
    en: 'No introduction requests for this vacancy yet.',
  },
  'vac.intro.waiting': {
    id: 'Menunggu persetujuan kandidat/petugas',
    en: "Waiting for the candidate's and officer's approval",
  },
  'vac.intro.anonymous': { id: 'Kandidat anonim', en: 'Anonymous candidate' },
  'vac.intro.email': { id: 'Email', en: 'Email' },
  'vac.intro.phone': { id: 'Telepon', en: 'Phone' },
  'vac.intro.state': { id: 'Tahap', en: 'Stage' },
  'vac.intro.next': { id: 'Langkah berikutnya', en: 'Next step' },
  'vac.intro.stop': { id: 'Hentikan proses', en: 'Stop the process' },
  'vac.intro.reason': { id: 'Alasan', en: 'Reason' },
  'vac.intro.reasonHint': {
    id: 'Wajib diisi untuk menolak, membatalkan atau mengakhiri. Dibaca petugas Bapas.',
    en: 'Required to decline, withdraw or end. The probation officer reads it.',
  },
  'vac.intro.feedback': { id: 'Umpan balik Anda', en: 'Your feedback' },
  'vac.intro.feedbackHint': {
    id: 'Hasil wawancara, kesan, hal yang perlu diketahui petugas.',
    en: 'Interview outcome, impressions, anything the officer should know.',
  },
  'vac.intro.saveFeedback': { id: 'Simpan umpan balik', en: 'Save feedback' },
  'vac.pstate.introduced': { id: 'Diperkenalkan', en: 'Introduced' },
  'vac.pstate.interviewing': { id: 'Tahap wawancara', en: 'Interviewing' },
  'vac.pstate.offered': { id: 'Ditawari pekerjaan', en: 'Offered the job' },
  'vac.pstate.hired': { id: 'Diterima bekerja', en: 'Hired' },
  'vac.pstate.retained_30': { id: 'Bertahan 30 hari', en: 'Retained 30 days' },
  'vac.pstate.retained_90': { id: 'Bertahan 90 hari', en: 'Retained 90 days' },
  'vac.pstate.retained_180': { id: 'Bertahan 180 hari', en: 'Retained 180 days' },
  'vac.pstate.declined': { id: 'Tidak dilanjutkan', en: 'Declined' },
  'vac.pstate.withdrawn': { id: 'Dibatalkan', en: 'Withdrawn' },
  'vac.pstate.ended': { id: 'Hubungan kerja berakhir', en: 'Employment ended' },
  'vac.move.interviewing': { id: 'Mulai wawancara', en: 'Start interviews' },
  'vac.move.offered': { id: 'Tawarkan pekerjaan', en: 'Offer the job' },
  'vac.move.hired': { id: 'Catat diterima bekerja', en: 'Record as hired' },
  'vac.move.declined': { id: 'Tolak', en: 'Decline' },
  'vac.move.withdrawn': { id: 'Batalkan', en: 'Withdraw' },
  'vac.move.ended': { id: 'Akhiri hubungan kerja', en: 'End the employment' },
  'vac.problem': { id: 'Tidak bisa dilakukan', en: 'That could not be done' },
});

/** Placement states before the introduction: the employer only learns that approval is pending. */
export const WAITING_STATES: readonly PlacementState[] = [
  'employer_interest',
  'proposed',
  'candidate_consented',
];

/** Status in words; an open vacancy past its closing date says so. */
export function statusWord(w: WebContext, v: Pick<VacancyView, 'status' | 'closesAt'>): string {
  const word = w.t(`vac.status.${v.status}`);
  if (v.status === 'open' && v.closesAt && new Date(v.closesAt) < w.ctx.now)
    return `${word} (${w.t('vac.status.expired')})`;
  return word;
}

/** Whether the vacancy takes candidates now (open and not past its closing time). */
export function isOpenNow(v: Pick<VacancyView, 'status' | 'closesAt'>, now: Date): boolean {
  return v.status === 'open' && (!v.closesAt || new Date(v.closesAt) >= now);
}

/** A sector's name in the page language. */
export function sectorLabel(w: WebContext, code: string): string {
  return SECTORS[code as Sector]?.[w.lang] ?? code;
}

/** A skill's label in the page language, or its code for skills no longer in the taxonomy. */
export function skillName(w: WebContext, code: string): string {
  return getSkillView(code)?.label[w.lang] ?? code;
}

/** "5 Maret 2027" for a calendar day or an instant (instants are shown by their UTC day). */
export function dayText(w: WebContext, d: string | undefined): string {
  if (!d) return '';
  return w.i18n.day(d.length === 10 ? d : new Date(d));
}

/** "Rp 2.500.000 – Rp 3.500.000 per bulan", or a dash without a wage. */
export function wageText(w: WebContext, wage: VacancyView['wage']): string {
  if (!wage) return '—';
  return w.t('vac.wage.range', {
    min: w.i18n.money(wage.min),
    max: w.i18n.money(wage.max),
    period: w.t(`vac.period.${wage.period}`),
  });
}

/** A status message at the top of a page, from a whitelisted `notice` key. */
export function noticeBanner(w: WebContext, key: string | undefined): SafeHtml {
  const known = ['published', 'updated', 'closed', 'reopened', 'requested', 'moved', 'feedback'];
  if (!key || !known.includes(key)) return html``;
  return html`<p class="notice" role="status">${w.t(`vac.notice.${key}`)}</p>`;
}

/** Plain text with its paragraphs and line breaks kept (escaped like any other text). */
export function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\r?\n\s*\r?\n/)
    .map(
      (para) => html`<p>${para.split(/\r?\n/).map((line, i) => html`${i ? html`<br>` : ''}${line}`)}</p>`,
    )}`;
}
