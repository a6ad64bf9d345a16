// The cohort: the list of people a Lapas keeps (or a BLK trains), one profile page, the grouped
// create/edit form for staff, and recording a release.

import type { Actor } from '../../auth/actor.js';
import type { FullCandidateView, SkillsCandidateView } from '../../candidates/presenter.js';
import { CreateCandidateBody, ListCandidatesQuery, PatchCandidateBody } from '../../candidates/schemas.js';
import {
  type CandidateHooks,
  createCandidate,
  getCandidate,
  listCandidates,
  recordRelease,
  setConsent,
  updateCandidate,
} from '../../candidates/service.js';
import { facilityRepository } from '../../facilities/repository.js';
import { getFacility, listFacilities } from '../../facilities/service.js';
import { AppError, errors as httpErrors } from '../../http/errors.js';
import { EVIDENCE, LEVELS } from '../../shared/levels.js';
import { dateOnly } from '../../shared/schemas.js';
import { SECTORS } from '../../shared/sectors.js';
import { listSkills, type SkillRef, skillRefFromText } from '../../skills/service.js';
import {
  csrfField,
  errorSummary,
  type FieldErrors,
  input,
  pager,
  q1,
  select,
  textarea,
} from '../components.js';
import { fragment, page, redirect, type WebBuilder, type WebContext } from '../framework.js';
import { html, type SafeHtml } from '../html.js';
import { defineMessages } from '../i18n.js';
import {
  all,
  checkbox,
  checkboxes,
  codeOptions,
  FORM_KEY,
  formErrors,
  idParam,
  isChecked,
  localDay,
  requireFields,
  STAFF,
  STAFF_OR_TRAINER,
  savedNotice,
  sectorOptions,
  skillDatalist,
  skillErrors,
  skillName,
  splitTyped,
  str,
  zodFieldErrors,
} from './common.js';

defineMessages({
  'cohort.title': { id: 'Kohort', en: 'Cohort' },
  'cohort.titleTrainer': { id: 'Peserta pelatihan', en: 'Training participants' },
  'cohort.add': { id: 'Tambah profil', en: 'Add a profile' },
  'cohort.import': { id: 'Impor dari CSV', en: 'Import from CSV' },
  'cohort.batch': { id: 'Hasil pelatihan (banyak peserta)', en: 'Training results (many participants)' },
  'cohort.q': { id: 'Nama atau nomor registrasi', en: 'Name or registration number' },
  'cohort.status': { id: 'Status', en: 'Status' },
  'cohort.anyStatus': { id: 'Semua status', en: 'Any status' },
  'cohort.releaseAfter': { id: 'Bebas sejak', en: 'Release on or after' },
  'cohort.releaseBefore': { id: 'Bebas paling lambat', en: 'Release on or before' },
  'cohort.sort.release': { id: 'Tanggal bebas (paling awal dahulu)', en: 'Release date (earliest first)' },
  'cohort.sort.name': { id: 'Nama (A–Z)', en: 'Name (A–Z)' },
  'cohort.filter': { id: 'Tampilkan', en: 'Show' },
  'cohort.filters': { id: 'Saring daftar', en: 'Filter the list' },
  'cohort.col.name': { id: 'Nama', en: 'Name' },
  'cohort.col.registration': { id: 'No. registrasi', en: 'Registration no.' },
  'cohort.col.release': { id: 'Perkiraan bebas', en: 'Expected release' },
  'cohort.col.skills': { id: 'Keahlian', en: 'Skills' },
  'cohort.col.facility': { id: 'Lapas/Rutan', en: 'Facility' },
  'cohort.col.actions': { id: 'Tindakan', en: 'Actions' },
  'cohort.listCaption': { id: 'Daftar orang, {n} hasil', en: 'People, {n} results' },
  'cohort.empty': {
    id: 'Belum ada orang yang cocok dengan saringan ini.',
    en: 'Nobody matches these filters yet.',
  },
  'cohort.edit': { id: 'Ubah', en: 'Edit' },
  'cohort.addTraining': { id: 'Catat pelatihan', en: 'Record training' },
  'cohort.addCertification': { id: 'Catat sertifikat', en: 'Record certificate' },
  'cohort.release': { id: 'Catat bebas', en: 'Record release' },
  'cohort.newTitle': { id: 'Tambah profil keahlian', en: 'Add a skill profile' },
  'cohort.editTitle': { id: 'Ubah profil: {name}', en: 'Edit profile: {name}' },
  'cohort.g.identity': { id: 'Identitas', en: 'Identity' },
  'cohort.g.domicile': { id: 'Domisili', en: 'Home' },
  'cohort.g.release': { id: 'Pembebasan', en: 'Release' },
  'cohort.g.skills': { id: 'Keahlian', en: 'Skills' },
  'cohort.g.education': { id: 'Pendidikan & bahasa', en: 'Education & languages' },
  'cohort.g.preferences': { id: 'Preferensi kerja', en: 'Work preferences' },
  'cohort.g.contact': { id: 'Kontak', en: 'Contact' },
  'cohort.g.consent': { id: 'Persetujuan', en: 'Consent' },
  'cohort.g.conditions': {
    id: 'Ketentuan (tidak pernah ditampilkan ke pemberi kerja)',
    en: 'Conditions (never shown to employers)',
  },
  'cohort.f.registrationNumber': { id: 'Nomor registrasi', en: 'Registration number' },
  'cohort.f.registrationHint': {
    id: 'Huruf, angka, titik, garis miring dan strip; misalnya W01.0123/2025',
    en: 'Letters, digits, dots, slashes and dashes; for example W01.0123/2025',
  },
  'cohort.f.fullName': { id: 'Nama lengkap', en: 'Full name' },
  'cohort.f.birthDate': { id: 'Tanggal lahir', en: 'Date of birth' },
  'cohort.f.gender': { id: 'Jenis kelamin', en: 'Gender' },
  'cohort.f.province': { id: 'Provinsi', en: 'Province' },
  'cohort.f.regency': { id: 'Kabupaten/kota', en: 'Regency/city' },
  'cohort.f.expectedDate': { id: 'Perkiraan tanggal bebas', en: 'Expected release date' },
  'cohort.f.expectedHint': {
    id: 'Ubah setiap kali ada remisi atau keputusan PB.',
    en: 'Change it whenever a remission or parole decision moves it.',
  },
  'cohort.f.releaseType': { id: 'Jenis pembebasan', en: 'Type of release' },
  'cohort.f.bapas': { id: 'Bapas pembimbing', en: 'Supervising Bapas' },
  'cohort.f.bapasHint': {
    id: 'Bapas yang akan membimbing setelah bebas bersyarat. Boleh dikosongkan dahulu.',
    en: 'The probation office after a conditional release. May be left empty for now.',
  },
  'cohort.f.noBapas': { id: '— belum ditentukan —', en: '— not yet assigned —' },
  'cohort.f.skillsHint': {
    id: 'Ketik nama keahlian (misalnya "las listrik") atau pilih dari saran. Baris kosong diabaikan. Perlu lebih banyak baris? Simpan dulu, lalu ubah lagi.',
    en: 'Type a skill name (for example "SMAW welding") or pick a suggestion. Empty rows are ignored. Need more rows? Save, then edit again.',
  },
  'cohort.f.skillRow': { id: 'Keahlian {n}', en: 'Skill {n}' },
  'cohort.f.skill': { id: 'Nama atau kode keahlian', en: 'Skill name or code' },
  'cohort.f.level': { id: 'Tingkat', en: 'Level' },
  'cohort.f.evidence': { id: 'Bukti', en: 'Evidence' },
  'cohort.f.education': { id: 'Pendidikan terakhir', en: 'Highest education' },
  'cohort.f.noEducation': { id: '— tidak diketahui —', en: '— unknown —' },
  'cohort.f.languages': { id: 'Bahasa yang dikuasai', en: 'Languages spoken' },
  'cohort.f.languagesHint': {
    id: 'Pisahkan dengan koma, misalnya: Bahasa Indonesia, Bugis',
    en: 'Separate with commas, for example: Bahasa Indonesia, Bugis',
  },
  'cohort.f.sectors': { id: 'Bidang kerja yang diminati', en: 'Sectors of interest' },
  'cohort.f.regencies': {
    id: 'Kabupaten/kota tempat ingin bekerja',
    en: 'Regencies where they want to work',
  },
  'cohort.f.relocate': { id: 'Bersedia pindah tempat tinggal', en: 'Willing to move' },
  'cohort.f.nightShift': { id: 'Bersedia kerja malam (sif malam)', en: 'Willing to work night shifts' },
  'cohort.f.email': { id: 'Email', en: 'Email' },
  'cohort.f.phone': { id: 'Nomor telepon/WhatsApp', en: 'Phone/WhatsApp number' },
  'cohort.f.consentIntro': {
    id: 'Tanyakan langsung kepada yang bersangkutan dan centang hanya jika ia setuju. Persetujuan dapat dicabut kapan saja.',
    en: 'Ask the person directly and tick only if they agree. Consent can be withdrawn at any time.',
  },
  'cohort.f.share': {
    id: 'Setuju profilnya ditampilkan tanpa nama kepada pemberi kerja',
    en: 'Agrees that their profile is shown to employers without their name',
  },
  'cohort.f.shareHint': {
    id: 'Pemberi kerja hanya melihat keahlian, pelatihan, pendidikan, kisaran usia, domisili dan kapan siap bekerja — tidak pernah nama, nomor registrasi, kontak atau perkaranya. Nama baru dibuka bila ia sendiri setuju dan petugas Bapas menyetujui perkenalan.',
    en: 'Employers see only skills, training, education, age band, home area and when the person can start — never the name, registration number, contact details or offence. The name is shared only if the person agrees and the probation officer approves an introduction.',
  },
  'cohort.f.emailConsent': { id: 'Setuju dihubungi lewat email', en: 'Agrees to be contacted by email' },
  'cohort.f.emailConsentHint': {
    id: 'Bekal Kerja boleh mengirim email ke alamat di bagian Kontak, misalnya lowongan yang cocok menjelang tanggal bebas. Setiap email memuat tautan untuk berhenti menerimanya.',
    en: 'Bekal Kerja may email the address under Contact, for example matching vacancies as the release date nears. Every email has a link to stop receiving it.',
  },
  'cohort.f.consentLocked': {
    id: 'Diatur sendiri oleh yang bersangkutan di aplikasi; tidak diubah dari halaman ini.',
    en: 'Set by the person themselves in the app; not changed from this page.',
  },
  'cohort.f.conditionsIntro': {
    id: 'Hanya untuk petugas Lapas dan Bapas. Dipakai untuk menyaring lowongan yang tidak boleh ditawarkan.',
    en: 'For Lapas and Bapas staff only. Used to filter out vacancies that must not be offered.',
  },
  'cohort.f.offence': { id: 'Kategori perkara', en: 'Offence category' },
  'cohort.f.allowedRegencies': {
    id: 'Kabupaten/kota yang diizinkan (syarat PB)',
    en: 'Regencies allowed (parole condition)',
  },
  'cohort.f.curfew': { id: 'Ada jam malam (wajib di rumah pada malam hari)', en: 'Has a curfew' },
  'cohort.f.excludedSectors': { id: 'Bidang kerja yang dilarang', en: 'Sectors excluded' },
  'cohort.f.excludedHint': {
    id: 'Misalnya "Keuangan dan kasir" setelah perkara penipuan.',
    en: 'For example "Finance and cash handling" after a fraud conviction.',
  },
  'cohort.f.notes': { id: 'Catatan internal', en: 'Internal notes' },
  'cohort.saved.created': { id: 'Profil tersimpan.', en: 'The profile was saved.' },
  'cohort.saved.updated': { id: 'Perubahan tersimpan.', en: 'The changes were saved.' },
  'cohort.saved.release': { id: 'Tanggal bebas tercatat.', en: 'The release was recorded.' },
  'cohort.saved.training': { id: 'Pelatihan tercatat.', en: 'The training was recorded.' },
  'cohort.saved.certification': { id: 'Sertifikat tercatat.', en: 'The certificate was recorded.' },
  'cohort.d.publicId': { id: 'Kode profil anonim', en: 'Anonymous profile code' },
  'cohort.d.facility': { id: 'Lapas/Rutan/LPKA', en: 'Facility' },
  'cohort.d.actualRelease': { id: 'Tanggal bebas', en: 'Released on' },
  'cohort.d.skillsNone': { id: 'Belum ada keahlian tercatat.', en: 'No skills recorded yet.' },
  'cohort.d.trainings': { id: 'Pelatihan', en: 'Training' },
  'cohort.d.certifications': { id: 'Sertifikat', en: 'Certificates' },
  'cohort.d.none': { id: 'Belum ada.', en: 'None yet.' },
  'cohort.d.programme': { id: 'Program', en: 'Programme' },
  'cohort.d.provider': { id: 'Penyelenggara', en: 'Provider' },
  'cohort.d.period': { id: 'Waktu', en: 'Dates' },
  'cohort.d.hours': { id: 'Jam', en: 'Hours' },
  'cohort.d.result': { id: 'Hasil', en: 'Result' },
  'cohort.d.scheme': { id: 'Skema', en: 'Scheme' },
  'cohort.d.number': { id: 'Nomor', en: 'Number' },
  'cohort.d.issuer': { id: 'Penerbit (LSP)', en: 'Issuer (LSP)' },
  'cohort.d.issued': { id: 'Terbit', en: 'Issued' },
  'cohort.d.yes': { id: 'Ya', en: 'Yes' },
  'cohort.d.no': { id: 'Tidak', en: 'No' },
  'cohort.d.trainerNote': {
    id: 'Sebagai pelatih BLK Anda melihat keahlian dan riwayat pelatihan saja.',
    en: 'As a BLK trainer you see the skills and training record only.',
  },
  'cohort.releaseTitle': { id: 'Catat bebas: {name}', en: 'Record release: {name}' },
  'cohort.releasedAt': { id: 'Tanggal keluar', en: 'Date of release' },
  'cohort.releasedAtHint': {
    id: 'Tanggal orang ini benar-benar keluar dari Lapas. Status berubah menjadi "Sudah bebas".',
    en: 'The day the person actually left. The status becomes "Released".',
  },
  'cohort.releaseNotInCustody': {
    id: 'Hanya orang yang masih dibina yang dapat dicatat bebas.',
    en: 'Only people still in custody can be recorded as released.',
  },
});

export const MAX_SKILL_ROWS = 60;
const MIN_SKILL_ROWS = 6;
const PAGE_SIZE = 20;

type ProfileView = FullCandidateView | SkillsCandidateView;
type FormValues = Record<string, unknown>;

/** The staff profile (full) rather than a trainer's skills view. */
export function isFull(c: unknown): c is FullCandidateView {
  return typeof c === 'object' && c !== null && 'history' in c;
}

/** A profile at the caller's level; staff get the full view, trainers the skills view. */
export async function loadProfile(w: WebContext, id: string): Promise<ProfileView> {
  return (await getCandidate(w.actor!, id, w.ctx)) as ProfileView;
}

/** "Name (registration number)" for headings. */
export function personLabel(c: { fullName: string; registrationNumber: string }): string {
  return `${c.fullName} (${c.registrationNumber})`;
}

// ---------------------------------------------------------------- list

interface Row {
  id: string;
  fullName: string;
  registrationNumber: string;
  facilityId: string;
  status: string;
  skills: unknown[];
  release?: { expectedDate: string };
}

function rowActions(w: WebContext, r: Row): SafeHtml {
  const name = r.fullName;
  const link = (href: string, key: string) =>
    html`<a href="${href}" aria-label="${w.t(key)}: ${name}">${w.t(key)}</a>`;
  const items =
    w.actor!.role === 'facility_staff'
      ? [
          link(`/app/cohort/${r.id}/edit`, 'cohort.edit'),
          link(`/app/cohort/${r.id}/trainings/new`, 'cohort.addTraining'),
          link(`/app/cohort/${r.id}/certifications/new`, 'cohort.addCertification'),
          r.status === 'in_custody' ? link(`/app/cohort/${r.id}/release`, 'cohort.release') : '',
        ]
      : [
          link(`/app/cohort/${r.id}/trainings/new`, 'cohort.addTraining'),
          link(`/app/cohort/${r.id}/certifications/new`, 'cohort.addCertification'),
        ];
  return html`${items.filter(Boolean).map((a, i) => html`${i ? ' · ' : ''}${a}`)}`;
}

async function cohortList(w: WebContext): Promise<SafeHtml | { fragment: SafeHtml }> {
  const staff = w.actor!.role === 'facility_staff';
  // Trainers read the skills part only: no release dates, so no release filters or sorting either.
  const raw: Record<string, string | undefined> = {
    status: q1(w, 'status') || undefined,
    q: q1(w, 'q') || undefined,
    releaseAfter: staff ? q1(w, 'releaseAfter') || undefined : undefined,
    releaseBefore: staff ? q1(w, 'releaseBefore') || undefined : undefined,
    sort: staff ? q1(w, 'sort') || undefined : 'name',
    page: q1(w, 'page') || undefined,
    limit: String(PAGE_SIZE),
  };
  let parsed = ListCandidatesQuery.safeParse(raw);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    zodFieldErrors(parsed.error, w.lang, (p) => p.split('.')[0] ?? p, errors);
    for (const k of Object.keys(errors)) raw[k] = k === 'sort' && !staff ? 'name' : undefined;
    parsed = ListCandidatesQuery.safeParse(raw);
  }
  if (!parsed.success) throw parsed.error;
  const query = parsed.data;
  const res = await listCandidates(w.actor!, query, w.ctx);
  const rows = res.items as Row[];
  const facilities = staff
    ? new Map<string, string>()
    : new Map(
        (await facilityRepository.findByIds([...new Set(rows.map((r) => r.facilityId))])).map((f) => [
          f.id,
          f.name,
        ]),
      );
  const count = w.t('list.count', { n: w.i18n.number(res.total) });
  const results = html`<div id="results"><p role="status"><strong>${count}</strong></p>
${
  rows.length
    ? html`<table><caption class="muted">${w.t('cohort.listCaption', { n: w.i18n.number(res.total) })}</caption>
<thead><tr><th scope="col">${w.t('cohort.col.name')}</th><th scope="col">${w.t('cohort.col.registration')}</th><th scope="col">${w.t('cohort.status')}</th>
${staff ? html`<th scope="col">${w.t('cohort.col.release')}</th>` : html`<th scope="col">${w.t('cohort.col.facility')}</th>`}
<th scope="col">${w.t('cohort.col.skills')}</th><th scope="col">${w.t('cohort.col.actions')}</th></tr></thead>
<tbody>${rows.map(
        (
          r,
        ) => html`<tr><th scope="row"><a href="/app/cohort/${r.id}">${r.fullName}</a></th><td>${r.registrationNumber}</td><td>${w.t(`cohort.status.${r.status}`)}</td>
${staff ? html`<td>${w.i18n.day(r.release?.expectedDate)}</td>` : html`<td>${facilities.get(r.facilityId) ?? '—'}</td>`}
<td>${w.i18n.number(r.skills.length)}</td><td>${rowActions(w, r)}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${w.t('cohort.empty')}</p>`
}
${pager(w, res.page, res.limit, res.total)}</div>`;
  if (w.partial) return { fragment: results };
  const title = w.t(staff ? 'cohort.title' : 'cohort.titleTrainer');
  const statuses = ['in_custody', 'released', 'placed', 'withdrawn'];
  return html`<h1>${title}</h1>
<p>${
    staff
      ? html`<a class="button" href="/app/cohort/new">${w.t('cohort.add')}</a> <a class="button secondary" href="/app/import">${w.t('cohort.import')}</a>`
      : html`<a class="button" href="/app/trainings/batch">${w.t('cohort.batch')}</a>`
  }</p>
<form method="get" action="/app/cohort" class="filters" role="search" aria-label="${w.t('cohort.filters')}" hx-get="/app/cohort" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
${input(w, { name: 'q', label: w.t('cohort.q'), type: 'search', value: q1(w, 'q') ?? '', errors })}
${select(w, { name: 'status', label: w.t('cohort.status'), value: query.status, empty: w.t('cohort.anyStatus'), options: codeOptions(w, 'cohort.status', statuses), errors })}
${
  staff
    ? html`${input(w, { name: 'releaseAfter', label: w.t('cohort.releaseAfter'), type: 'date', value: q1(w, 'releaseAfter') ?? '', errors })}
${input(w, { name: 'releaseBefore', label: w.t('cohort.releaseBefore'), type: 'date', value: q1(w, 'releaseBefore') ?? '', errors })}
${select(w, { name: 'sort', label: w.t('list.sort'), value: query.sort, options: codeOptions(w, 'cohort.sort', ['release', 'name']) })}`
    : ''
}
<button type="submit">${w.t('cohort.filter')}</button> <a href="/app/cohort">${w.t('form.clear')}</a>
</form>
${results}`;
}

// ---------------------------------------------------------------- detail

const yesNo = (w: WebContext, v: boolean | undefined) => w.t(v ? 'cohort.d.yes' : 'cohort.d.no');

function skillsTable(w: WebContext, c: ProfileView): SafeHtml {
  if (!c.skills.length) return html`<p>${w.t('cohort.d.skillsNone')}</p>`;
  return html`<table><thead><tr><th scope="col">${w.t('cohort.f.skill')}</th><th scope="col">${w.t('cohort.f.level')}</th><th scope="col">${w.t('cohort.f.evidence')}</th></tr></thead>
<tbody>${c.skills.map((s) => html`<tr><th scope="row">${s.label[w.lang]} <span class="muted">(${s.code})</span></th><td>${w.t(`cohort.level.${s.level}`)}</td><td>${w.t(`cohort.evidence.${s.evidence ?? 'none'}`)}</td></tr>`)}</tbody></table>`;
}

function recordsTables(w: WebContext, c: ProfileView): SafeHtml {
  return html`<h2>${w.t('cohort.d.trainings')}</h2>
${
  c.trainings.length
    ? html`<table><thead><tr><th scope="col">${w.t('cohort.d.programme')}</th><th scope="col">${w.t('cohort.d.provider')}</th><th scope="col">${w.t('cohort.d.period')}</th><th scope="col">${w.t('cohort.d.hours')}</th><th scope="col">${w.t('cohort.d.result')}</th><th scope="col">${w.t('cohort.col.skills')}</th></tr></thead>
<tbody>${c.trainings.map((t) => html`<tr><th scope="row">${t.programme}</th><td>${t.providerName}</td><td>${w.i18n.day(t.startDate)} – ${w.i18n.day(t.endDate)}</td><td>${w.i18n.number(t.hours)}</td><td>${w.t(`cohort.result.${t.result}`)}</td><td>${t.skills.map((s) => skillName(w, s)).join(', ')}</td></tr>`)}</tbody></table>`
    : html`<p>${w.t('cohort.d.none')}</p>`
}
<h2>${w.t('cohort.d.certifications')}</h2>
${
  c.certifications.length
    ? html`<table><thead><tr><th scope="col">${w.t('cohort.d.scheme')}</th><th scope="col">${w.t('cohort.d.number')}</th><th scope="col">${w.t('cohort.d.issuer')}</th><th scope="col">${w.t('cohort.d.issued')}</th><th scope="col">${w.t('cohort.col.skills')}</th></tr></thead>
<tbody>${c.certifications.map((x) => html`<tr><th scope="row">${x.scheme}</th><td>${x.number}</td><td>${x.issuer}</td><td>${w.i18n.day(x.issuedAt)}</td><td>${x.skills.map((s) => skillName(w, s)).join(', ')}</td></tr>`)}</tbody></table>`
    : html`<p>${w.t('cohort.d.none')}</p>`
}`;
}

async function detailPage(w: WebContext, id: string): Promise<{ title: string; body: SafeHtml }> {
  const c = await loadProfile(w, id);
  const facility = await facilityRepository.findById(c.facilityId);
  const notice = savedNotice(w, {
    created: w.t('cohort.saved.created'),
    updated: w.t('cohort.saved.updated'),
    release: w.t('cohort.saved.release'),
    training: w.t('cohort.saved.training'),
    certification: w.t('cohort.saved.certification'),
  });
  const actions = html`<p>${
    isFull(c) ? html`<a class="button" href="/app/cohort/${c.id}/edit">${w.t('cohort.edit')}</a>` : ''
  } <a class="button secondary" href="/app/cohort/${c.id}/trainings/new">${w.t('cohort.addTraining')}</a> <a class="button secondary" href="/app/cohort/${c.id}/certifications/new">${w.t('cohort.addCertification')}</a>${
    isFull(c) && c.status === 'in_custody'
      ? html` <a class="button secondary" href="/app/cohort/${c.id}/release">${w.t('cohort.release')}</a>`
      : ''
  }</p>`;
  const title = personLabel(c);
  if (!isFull(c)) {
    return {
      title,
      body: html`<p><a href="/app/cohort">← ${w.t('cohort.titleTrainer')}</a></p><h1>${title}</h1>${notice}
<p class="notice">${w.t('cohort.d.trainerNote')}</p>
<dl class="summary"><dt>${w.t('cohort.f.registrationNumber')}</dt><dd>${c.registrationNumber}</dd>
<dt>${w.t('cohort.d.facility')}</dt><dd>${facility?.name ?? '—'}</dd>
<dt>${w.t('cohort.status')}</dt><dd>${w.t(`cohort.status.${c.status}`)}</dd>
<dt>${w.t('cohort.f.education')}</dt><dd>${c.education?.level ? w.t(`cohort.education.${c.education.level}`) : '—'}</dd>
<dt>${w.t('cohort.f.languages')}</dt><dd>${c.languages.join(', ') || '—'}</dd></dl>
${actions}
<h2>${w.t('cohort.g.skills')}</h2>${skillsTable(w, c)}
${recordsTables(w, c)}`,
    };
  }
  const bapas = c.bapasId ? await facilityRepository.findById(c.bapasId) : null;
  const sectors = (list: readonly string[] | undefined) =>
    (list ?? []).map((s) => SECTORS[s as keyof typeof SECTORS]?.[w.lang] ?? s).join(', ') || '—';
  return {
    title,
    body: html`<p><a href="/app/cohort">← ${w.t('cohort.title')}</a></p><h1>${title}</h1>${notice}
${actions}
<h2>${w.t('cohort.g.identity')}</h2>
<dl class="summary"><dt>${w.t('cohort.f.registrationNumber')}</dt><dd>${c.registrationNumber}</dd>
<dt>${w.t('cohort.d.publicId')}</dt><dd>${c.publicId}</dd>
<dt>${w.t('cohort.f.birthDate')}</dt><dd>${w.i18n.day(c.birthDate)}</dd>
<dt>${w.t('cohort.f.gender')}</dt><dd>${w.t(`cohort.gender.${c.gender}`)}</dd>
<dt>${w.t('cohort.status')}</dt><dd>${w.t(`cohort.status.${c.status}`)}</dd>
<dt>${w.t('cohort.d.facility')}</dt><dd>${facility?.name ?? '—'}</dd>
<dt>${w.t('cohort.g.domicile')}</dt><dd>${c.domicile.regency}, ${c.domicile.province}</dd></dl>
<h2>${w.t('cohort.g.release')}</h2>
<dl class="summary"><dt>${w.t('cohort.f.expectedDate')}</dt><dd>${w.i18n.day(c.release.expectedDate)}</dd>
<dt>${w.t('cohort.f.releaseType')}</dt><dd>${w.t(`cohort.releaseType.${c.release.type}`)}</dd>
${c.release.actualDate ? html`<dt>${w.t('cohort.d.actualRelease')}</dt><dd>${w.i18n.day(c.release.actualDate)}</dd>` : ''}
<dt>${w.t('cohort.f.bapas')}</dt><dd>${bapas?.name ?? '—'}</dd></dl>
<h2>${w.t('cohort.g.skills')}</h2>${skillsTable(w, c)}
${recordsTables(w, c)}
<h2>${w.t('cohort.g.education')}</h2>
<dl class="summary"><dt>${w.t('cohort.f.education')}</dt><dd>${c.education?.level ? w.t(`cohort.education.${c.education.level}`) : '—'}</dd>
<dt>${w.t('cohort.f.languages')}</dt><dd>${c.languages.join(', ') || '—'}</dd></dl>
<h2>${w.t('cohort.g.preferences')}</h2>
<dl class="summary"><dt>${w.t('cohort.f.sectors')}</dt><dd>${sectors(c.preferences.sectors)}</dd>
<dt>${w.t('cohort.f.regencies')}</dt><dd>${c.preferences.regencies?.join(', ') || '—'}</dd>
<dt>${w.t('cohort.f.relocate')}</dt><dd>${yesNo(w, c.preferences.willingToRelocate)}</dd>
<dt>${w.t('cohort.f.nightShift')}</dt><dd>${yesNo(w, c.preferences.nightShiftOk)}</dd></dl>
<h2>${w.t('cohort.g.contact')}</h2>
<dl class="summary"><dt>${w.t('cohort.f.email')}</dt><dd>${c.contact.email ?? '—'}</dd>
<dt>${w.t('cohort.f.phone')}</dt><dd>${c.contact.phone ?? '—'}</dd></dl>
<h2>${w.t('cohort.g.consent')}</h2>
<dl class="summary"><dt>${w.t('cohort.f.share')}</dt><dd>${yesNo(w, c.consent.shareWithEmployers)}</dd>
<dt>${w.t('cohort.f.emailConsent')}</dt><dd>${yesNo(w, c.consent.contactByEmail)}</dd></dl>
<h2>${w.t('cohort.g.conditions')}</h2>
<dl class="summary"><dt>${w.t('cohort.f.offence')}</dt><dd>${c.offenceCategory ?? '—'}</dd>
<dt>${w.t('cohort.f.allowedRegencies')}</dt><dd>${c.restrictions.allowedRegencies?.join(', ') || '—'}</dd>
<dt>${w.t('cohort.f.curfew')}</dt><dd>${yesNo(w, c.restrictions.curfew)}</dd>
<dt>${w.t('cohort.f.excludedSectors')}</dt><dd>${sectors(c.restrictions.excludedSectors)}</dd>
<dt>${w.t('cohort.f.notes')}</dt><dd>${c.notes ?? '—'}</dd></dl>`,
  };
}

// ---------------------------------------------------------------- the profile form

const REQUIRED = [
  'registrationNumber',
  'fullName',
  'birthDate',
  'gender',
  'domicile.province',
  'domicile.regency',
  'release.expectedDate',
  'release.type',
] as const;

const LIST_FIELDS = [
  'languages',
  'preferences.regencies',
  'preferences.sectors',
  'restrictions.allowedRegencies',
  'restrictions.excludedSectors',
];

/** Taxonomy labels (both languages, lower-cased) → code, so a picked suggestion maps exactly. */
const codeByLabel = new Map(
  listSkills({}).flatMap((s) => [
    [s.label.id.toLowerCase(), s.code] as const,
    [s.label.en.toLowerCase(), s.code] as const,
  ]),
);

function skillRef(text: string): { code: string } | { name: string } {
  const code = codeByLabel.get(text.trim().toLowerCase());
  return code ? { code } : skillRefFromText(text);
}

/** Which person-set consent flags staff must leave alone (the person decided them in the app). */
function lockedConsent(c: FullCandidateView | null): Set<string> {
  const locked = new Set<string>();
  if (!c) return locked;
  for (const field of ['shareWithEmployers', 'contactByEmail']) {
    const last = [...c.history].reverse().find((h) => h.field === `consent.${field}`);
    if (last?.role === 'candidate') locked.add(field);
  }
  return locked;
}

function skillRowCount(values: FormValues): number {
  let max = -1;
  for (const k of Object.keys(values)) {
    const m = /^skills\.(\d+)\.skill$/.exec(k);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Math.min(MAX_SKILL_ROWS, Math.max(MIN_SKILL_ROWS, max + 1));
}

function valuesFromProfile(w: WebContext, c: FullCandidateView): FormValues {
  const v: FormValues = {
    registrationNumber: c.registrationNumber,
    fullName: c.fullName,
    birthDate: c.birthDate,
    gender: c.gender,
    'domicile.province': c.domicile.province,
    'domicile.regency': c.domicile.regency,
    'release.expectedDate': c.release.expectedDate,
    'release.type': c.release.type,
    bapasId: c.bapasId ?? '',
    'education.level': c.education?.level ?? '',
    languages: c.languages.join(', '),
    'preferences.sectors': c.preferences.sectors ?? [],
    'preferences.regencies': (c.preferences.regencies ?? []).join(', '),
    'preferences.willingToRelocate': c.preferences.willingToRelocate ? 'true' : '',
    'preferences.nightShiftOk': c.preferences.nightShiftOk ? 'true' : '',
    'contact.email': c.contact.email ?? '',
    'contact.phone': c.contact.phone ?? '',
    'consent.shareWithEmployers': c.consent.shareWithEmployers ? 'true' : '',
    'consent.contactByEmail': c.consent.contactByEmail ? 'true' : '',
    offenceCategory: c.offenceCategory ?? '',
    'restrictions.allowedRegencies': (c.restrictions.allowedRegencies ?? []).join(', '),
    'restrictions.curfew': c.restrictions.curfew ? 'true' : '',
    'restrictions.excludedSectors': c.restrictions.excludedSectors ?? [],
    notes: c.notes ?? '',
  };
  c.skills.forEach((s, i) => {
    v[`skills.${i}.skill`] = s.label[w.lang];
    v[`skills.${i}.level`] = s.level;
    v[`skills.${i}.evidence`] = s.evidence ?? '';
  });
  // Room for a couple more skills beyond those already held.
  v[`skills.${Math.min(MAX_SKILL_ROWS - 1, c.skills.length + 1)}.skill`] ??= '';
  return v;
}

/** Labels for the error summary: field name → what the form calls it. */
function profileLabels(w: WebContext, rows: number): Record<string, string> {
  const labels: Record<string, string> = {
    registrationNumber: w.t('cohort.f.registrationNumber'),
    fullName: w.t('cohort.f.fullName'),
    birthDate: w.t('cohort.f.birthDate'),
    gender: w.t('cohort.f.gender'),
    'domicile.province': w.t('cohort.f.province'),
    'domicile.regency': w.t('cohort.f.regency'),
    'release.expectedDate': w.t('cohort.f.expectedDate'),
    'release.type': w.t('cohort.f.releaseType'),
    bapasId: w.t('cohort.f.bapas'),
    'education.level': w.t('cohort.f.education'),
    languages: w.t('cohort.f.languages'),
    'preferences.sectors': w.t('cohort.f.sectors'),
    'preferences.regencies': w.t('cohort.f.regencies'),
    'contact.email': w.t('cohort.f.email'),
    'contact.phone': w.t('cohort.f.phone'),
    offenceCategory: w.t('cohort.f.offence'),
    'restrictions.allowedRegencies': w.t('cohort.f.allowedRegencies'),
    'restrictions.excludedSectors': w.t('cohort.f.excludedSectors'),
    notes: w.t('cohort.f.notes'),
  };
  for (let i = 0; i < rows; i++) {
    const n = w.t('cohort.f.skillRow', { n: i + 1 });
    labels[`skills.${i}.skill`] = n;
    labels[`skills.${i}.level`] = `${n} — ${w.t('cohort.f.level')}`;
    labels[`skills.${i}.evidence`] = `${n} — ${w.t('cohort.f.evidence')}`;
  }
  return labels;
}

interface ProfileFormState {
  mode: 'new' | 'edit';
  values: FormValues;
  errors: FieldErrors | null;
  profile: FullCandidateView | null;
  bapasOptions: { value: string; label: string }[];
}

function profileForm(w: WebContext, s: ProfileFormState): SafeHtml {
  const { values, errors } = s;
  const v = (name: string) => str(values, name);
  const rows = skillRowCount(values);
  const locked = lockedConsent(s.profile);
  const title =
    s.mode === 'new' ? w.t('cohort.newTitle') : w.t('cohort.editTitle', { name: s.profile?.fullName ?? '' });
  const action = s.mode === 'new' ? '/app/cohort/new' : `/app/cohort/${s.profile?.id}/edit`;
  const cancel = s.mode === 'new' ? '/app/cohort' : `/app/cohort/${s.profile?.id}`;
  const field = (name: string, key: string, extra: Partial<Parameters<typeof input>[1]> = {}) =>
    input(w, { name, label: w.t(key), value: v(name), errors, ...extra });
  const listHint = w.t('cohort.listHint');
  const skillRows: SafeHtml[] = [];
  for (let i = 0; i < rows; i++) {
    skillRows.push(html`<fieldset><legend>${w.t('cohort.f.skillRow', { n: i + 1 })}</legend>
${input(w, { name: `skills.${i}.skill`, label: w.t('cohort.f.skill'), value: v(`skills.${i}.skill`), errors, attrs: html` list="skill-labels" autocomplete="off"` })}
${select(w, { name: `skills.${i}.level`, label: w.t('cohort.f.level'), value: v(`skills.${i}.level`) || 'basic', options: codeOptions(w, 'cohort.level', LEVELS), errors })}
${select(w, { name: `skills.${i}.evidence`, label: w.t('cohort.f.evidence'), value: v(`skills.${i}.evidence`), empty: w.t('cohort.evidence.none'), options: codeOptions(w, 'cohort.evidence', EVIDENCE), errors })}
</fieldset>`);
  }
  const consentBox = (name: 'shareWithEmployers' | 'contactByEmail', key: string, hintKey: string) =>
    checkbox({
      name: `consent.${name}`,
      label: w.t(key),
      checked: isChecked(values, `consent.${name}`),
      hint: locked.has(name) ? `${w.t(hintKey)} ${w.t('cohort.f.consentLocked')}` : w.t(hintKey),
      errors,
      disabled: locked.has(name),
    });
  return html`<p><a href="${cancel}">← ${w.t('form.back')}</a></p>
<h1>${title}</h1>
${errorSummary(w, errors, profileLabels(w, rows))}
<form method="post" action="${action}" id="f-${FORM_KEY}" tabindex="-1" novalidate>${csrfField(w)}
<fieldset><legend>${w.t('cohort.g.identity')}</legend>
${field('registrationNumber', 'cohort.f.registrationNumber', { required: true, hint: w.t('cohort.f.registrationHint') })}
${field('fullName', 'cohort.f.fullName', { required: true, autocomplete: 'off' })}
${field('birthDate', 'cohort.f.birthDate', { required: true, type: 'date' })}
${select(w, { name: 'gender', label: w.t('cohort.f.gender'), value: v('gender'), empty: '—', options: codeOptions(w, 'cohort.gender', ['male', 'female']), errors })}
</fieldset>
<fieldset><legend>${w.t('cohort.g.domicile')}</legend>
${field('domicile.province', 'cohort.f.province', { required: true })}
${field('domicile.regency', 'cohort.f.regency', { required: true })}
</fieldset>
<fieldset><legend>${w.t('cohort.g.release')}</legend>
${field('release.expectedDate', 'cohort.f.expectedDate', { required: true, type: 'date', hint: w.t('cohort.f.expectedHint') })}
${select(w, { name: 'release.type', label: w.t('cohort.f.releaseType'), value: v('release.type'), empty: '—', options: codeOptions(w, 'cohort.releaseType', ['bebas_murni', 'pb', 'cb', 'cmb', 'asimilasi']), errors })}
${select(w, { name: 'bapasId', label: w.t('cohort.f.bapas'), value: v('bapasId'), empty: w.t('cohort.f.noBapas'), hint: w.t('cohort.f.bapasHint'), options: s.bapasOptions, errors })}
</fieldset>
<fieldset><legend>${w.t('cohort.g.skills')}</legend>
<p class="hint">${w.t('cohort.f.skillsHint')}</p>
${skillRows}
</fieldset>
<fieldset><legend>${w.t('cohort.g.education')}</legend>
${select(w, { name: 'education.level', label: w.t('cohort.f.education'), value: v('education.level'), empty: w.t('cohort.f.noEducation'), options: codeOptions(w, 'cohort.education', ['none', 'sd', 'smp', 'sma', 'smk', 'd3', 's1']), errors })}
${field('languages', 'cohort.f.languages', { hint: w.t('cohort.f.languagesHint') })}
</fieldset>
<fieldset><legend>${w.t('cohort.g.preferences')}</legend>
${checkboxes({ name: 'preferences.sectors', legend: w.t('cohort.f.sectors'), options: sectorOptions(w), values: all(values, 'preferences.sectors'), errors })}
${field('preferences.regencies', 'cohort.f.regencies', { hint: listHint })}
${checkbox({ name: 'preferences.willingToRelocate', label: w.t('cohort.f.relocate'), checked: isChecked(values, 'preferences.willingToRelocate') })}
${checkbox({ name: 'preferences.nightShiftOk', label: w.t('cohort.f.nightShift'), checked: isChecked(values, 'preferences.nightShiftOk') })}
</fieldset>
<fieldset><legend>${w.t('cohort.g.contact')}</legend>
${field('contact.email', 'cohort.f.email', { type: 'email', autocomplete: 'off' })}
${field('contact.phone', 'cohort.f.phone', { type: 'tel', autocomplete: 'off' })}
</fieldset>
<fieldset><legend>${w.t('cohort.g.consent')}</legend>
<p class="hint">${w.t('cohort.f.consentIntro')}</p>
${consentBox('shareWithEmployers', 'cohort.f.share', 'cohort.f.shareHint')}
${consentBox('contactByEmail', 'cohort.f.emailConsent', 'cohort.f.emailConsentHint')}
</fieldset>
<fieldset><legend>${w.t('cohort.g.conditions')}</legend>
<p class="hint">${w.t('cohort.f.conditionsIntro')}</p>
${field('offenceCategory', 'cohort.f.offence')}
${field('restrictions.allowedRegencies', 'cohort.f.allowedRegencies', { hint: listHint })}
${checkbox({ name: 'restrictions.curfew', label: w.t('cohort.f.curfew'), checked: isChecked(values, 'restrictions.curfew') })}
${checkboxes({ name: 'restrictions.excludedSectors', legend: w.t('cohort.f.excludedSectors'), hint: w.t('cohort.f.excludedHint'), options: sectorOptions(w), values: all(values, 'restrictions.excludedSectors'), errors })}
${textarea(w, { name: 'notes', label: w.t('cohort.f.notes'), value: v('notes'), errors })}
</fieldset>
<button type="submit">${w.t('form.save')}</button> <a href="${cancel}">${w.t('form.cancel')}</a>
</form>
${skillDatalist(w)}`;
}

/** The posted form read into the API's shape; `rowOf` maps the sent skills back to form rows. */
function readProfile(
  values: FormValues,
  mode: 'new' | 'edit',
  current: FullCandidateView | null,
  actor: Actor,
): { body: Record<string, unknown>; rowOf: number[] } {
  const opt = (n: string) => str(values, n) || undefined;
  const clearable = (n: string) => (mode === 'new' ? opt(n) : (opt(n) ?? null));
  const rowOf: number[] = [];
  const skills: Record<string, unknown>[] = [];
  for (let i = 0; i < MAX_SKILL_ROWS; i++) {
    const text = str(values, `skills.${i}.skill`);
    if (!text) continue;
    rowOf.push(i);
    skills.push({
      ...skillRef(text),
      level: opt(`skills.${i}.level`),
      evidence: opt(`skills.${i}.evidence`),
    });
  }
  const level = opt('education.level');
  const body: Record<string, unknown> = {
    registrationNumber: opt('registrationNumber'),
    fullName: opt('fullName'),
    birthDate: opt('birthDate'),
    gender: opt('gender'),
    domicile: { province: opt('domicile.province'), regency: opt('domicile.regency') },
    release: { expectedDate: opt('release.expectedDate'), type: opt('release.type') },
    skills,
    education: level ? { level } : mode === 'new' ? undefined : null,
    languages: splitTyped(str(values, 'languages')),
    preferences: {
      sectors: all(values, 'preferences.sectors'),
      regencies: splitTyped(str(values, 'preferences.regencies')),
      willingToRelocate: isChecked(values, 'preferences.willingToRelocate'),
      nightShiftOk: isChecked(values, 'preferences.nightShiftOk'),
    },
    contact: { email: clearable('contact.email'), phone: clearable('contact.phone') },
    offenceCategory: clearable('offenceCategory'),
    restrictions: {
      allowedRegencies: splitTyped(str(values, 'restrictions.allowedRegencies')),
      curfew: isChecked(values, 'restrictions.curfew'),
      excludedSectors: all(values, 'restrictions.excludedSectors'),
    },
    notes: clearable('notes'),
  };
  if (mode === 'new') {
    body.facilityId = actor.facilityId;
    body.bapasId = opt('bapasId');
    body.consent = {
      shareWithEmployers: isChecked(values, 'consent.shareWithEmployers'),
      contactByEmail: isChecked(values, 'consent.contactByEmail'),
    };
  } else if ((opt('bapasId') ?? null) !== (current?.bapasId ?? null)) {
    // Only a changed Bapas is sent: sending it again would drop the assigned officer.
    body.bapasId = opt('bapasId') ?? null;
  }
  return { body, rowOf };
}

/** API paths → the form's field names (skills by form row, list items onto their list field). */
function profilePath(rowOf: number[]) {
  return (p: string): string => {
    const m = /^skills\.(\d+)\.(code|name|level|evidence)/.exec(p);
    if (m) {
      const row = rowOf[Number(m[1])] ?? 0;
      return `skills.${row}.${m[2] === 'code' || m[2] === 'name' ? 'skill' : m[2]}`;
    }
    if (p === 'skills') return 'skills.0.skill';
    const list = LIST_FIELDS.find((f) => p === f || p.startsWith(`${f}.`));
    if (list) return list;
    if (p.startsWith('education')) return 'education.level';
    if (p.startsWith('facilityId') || p.startsWith('domicile.location') || p === '(root)') return FORM_KEY;
    return p;
  };
}

async function bapasOptions(actor: Actor): Promise<{ value: string; label: string }[]> {
  const [own, list] = await Promise.all([
    actor.facilityId ? getFacility(actor.facilityId).catch(() => null) : null,
    listFacilities({ kind: 'bapas' }),
  ]);
  // Staff assign a Bapas of their own province; if none is registered there, any Bapas.
  const near = own ? list.filter((f) => f.province === own.province) : [];
  return (near.length ? near : list).map((f) => ({ value: f.id, label: `${f.name} (${f.regency})` }));
}

type Save = (
  values: FormValues,
  state: ProfileFormState,
) => Promise<{ id: string } | { errors: FieldErrors; status: number }>;

function saveProfile(w: WebContext, hooks: CandidateHooks): Save {
  return async (values, state) => {
    const errors: FieldErrors = {};
    requireFields(w, values, REQUIRED, errors);
    const { body, rowOf } = readProfile(values, state.mode, state.profile, w.actor!);
    const mapPath = profilePath(rowOf);
    skillErrors(body.skills as SkillRef[], w.lang, mapPath, errors);
    const parsed =
      state.mode === 'new' ? CreateCandidateBody.safeParse(body) : PatchCandidateBody.safeParse(body);
    if (!parsed.success) zodFieldErrors(parsed.error, w.lang, mapPath, errors);
    if (Object.keys(errors).length || !parsed.success) return { errors, status: 400 };
    try {
      if (state.mode === 'new') {
        const created = await createCandidate(
          w.actor!,
          parsed.data as Parameters<typeof createCandidate>[1],
          w.ctx,
          hooks,
        );
        return { id: created.id };
      }
      const id = state.profile!.id;
      await updateCandidate(w.actor!, id, parsed.data as Parameters<typeof updateCandidate>[2], w.ctx, hooks);
      const locked = lockedConsent(state.profile);
      const consent = {
        shareWithEmployers: locked.has('shareWithEmployers')
          ? state.profile!.consent.shareWithEmployers
          : isChecked(values, 'consent.shareWithEmployers'),
        contactByEmail: locked.has('contactByEmail')
          ? state.profile!.consent.contactByEmail
          : isChecked(values, 'consent.contactByEmail'),
      };
      if (
        consent.shareWithEmployers !== state.profile!.consent.shareWithEmployers ||
        consent.contactByEmail !== state.profile!.consent.contactByEmail
      ) {
        await setConsent(w.actor!, id, consent, w.ctx, hooks);
      }
      return { id };
    } catch (err) {
      const status = err instanceof AppError && err.status === 409 ? 409 : 400;
      return { errors: formErrors(err, w.lang, mapPath), status };
    }
  };
}

// ---------------------------------------------------------------- release

function releaseForm(
  w: WebContext,
  c: FullCandidateView,
  value: string,
  errors: FieldErrors | null,
): SafeHtml {
  const title = w.t('cohort.releaseTitle', { name: personLabel(c) });
  return html`<p><a href="/app/cohort/${c.id}">← ${w.t('form.back')}</a></p>
<h1>${title}</h1>
${errorSummary(w, errors, { releasedAt: w.t('cohort.releasedAt') })}
${
  c.status === 'in_custody'
    ? html`<form method="post" action="/app/cohort/${c.id}/release" id="f-${FORM_KEY}" tabindex="-1" novalidate>${csrfField(w)}
${input(w, { name: 'releasedAt', label: w.t('cohort.releasedAt'), type: 'date', value, hint: w.t('cohort.releasedAtHint'), required: true, errors })}
<button type="submit">${w.t('cohort.release')}</button> <a href="/app/cohort/${c.id}">${w.t('form.cancel')}</a></form>`
    : html`<p class="notice" role="status">${w.t('cohort.releaseNotInCustody')}</p>`
}`;
}

// ---------------------------------------------------------------- routes

/** The cohort list, profile page, profile form and release for Lapas staff (and trainers' list/page). */
export function registerCohortScreens(web: WebBuilder, hooks: CandidateHooks): void {
  web.get('/app/cohort', { roles: STAFF_OR_TRAINER }, async (w) => {
    const body = await cohortList(w);
    if ('fragment' in body) return fragment(body.fragment);
    return page(w.t(w.actor!.role === 'facility_staff' ? 'cohort.title' : 'cohort.titleTrainer'), body);
  });

  const formState = async (w: WebContext, mode: 'new' | 'edit'): Promise<ProfileFormState> => {
    const profile = mode === 'edit' ? await loadProfile(w, idParam(w)) : null;
    if (profile && !isFull(profile)) throw httpErrors.forbidden();
    return { mode, values: {}, errors: null, profile, bapasOptions: await bapasOptions(w.actor!) };
  };
  const title = (w: WebContext, s: ProfileFormState) =>
    s.mode === 'new' ? w.t('cohort.newTitle') : w.t('cohort.editTitle', { name: s.profile?.fullName ?? '' });

  web.get('/app/cohort/new', { roles: STAFF }, async (w) => {
    const s = await formState(w, 'new');
    s.values = { 'release.type': '', gender: '' };
    return page(title(w, s), profileForm(w, s));
  });
  web.post('/app/cohort/new', { roles: STAFF }, async (w) => {
    const s = await formState(w, 'new');
    s.values = w.body;
    const saved = await saveProfile(w, hooks)(w.body, s);
    if ('id' in saved) return redirect(`/app/cohort/${saved.id}?saved=created`);
    s.errors = saved.errors;
    return page(title(w, s), profileForm(w, s), saved.status);
  });

  web.get('/app/cohort/:id', { roles: STAFF_OR_TRAINER }, async (w) => {
    const { title: t, body } = await detailPage(w, idParam(w));
    return page(t, body);
  });

  web.get('/app/cohort/:id/edit', { roles: STAFF }, async (w) => {
    const s = await formState(w, 'edit');
    s.values = valuesFromProfile(w, s.profile!);
    return page(title(w, s), profileForm(w, s));
  });
  web.post('/app/cohort/:id/edit', { roles: STAFF }, async (w) => {
    const s = await formState(w, 'edit');
    s.values = w.body;
    const saved = await saveProfile(w, hooks)(w.body, s);
    if ('id' in saved) return redirect(`/app/cohort/${saved.id}?saved=updated`);
    s.errors = saved.errors;
    return page(title(w, s), profileForm(w, s), saved.status);
  });

  const releaseTarget = async (w: WebContext) => {
    const c = await loadProfile(w, idParam(w));
    if (!isFull(c)) throw httpErrors.forbidden();
    const facility = await facilityRepository.findById(c.facilityId);
    return { c, today: localDay(w.ctx.now, facility?.timezone ?? 'Asia/Jakarta') };
  };
  web.get('/app/cohort/:id/release', { roles: STAFF }, async (w) => {
    const { c, today } = await releaseTarget(w);
    return page(w.t('cohort.releaseTitle', { name: personLabel(c) }), releaseForm(w, c, today, null));
  });
  web.post('/app/cohort/:id/release', { roles: STAFF }, async (w) => {
    const { c } = await releaseTarget(w);
    const value = str(w.body, 'releasedAt');
    const errors: FieldErrors = {};
    requireFields(w, w.body, ['releasedAt'], errors);
    const date = dateOnly.safeParse(value);
    if (!date.success) zodFieldErrors(date.error, w.lang, () => 'releasedAt', errors);
    if (!errors.releasedAt && date.success) {
      try {
        await recordRelease(w.actor!, c.id, date.data, w.ctx, hooks);
        return redirect(`/app/cohort/${c.id}?saved=release`);
      } catch (err) {
        Object.assign(errors, formErrors(err, w.lang));
      }
    }
    return page(w.t('cohort.releaseTitle', { name: personLabel(c) }), releaseForm(w, c, value, errors), 400);
  });
}
