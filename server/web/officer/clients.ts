import { z } from 'zod';
import { type AuditView, listCandidateAudit } from '../../audit/service.js';
import { CHECKLIST_ITEMS } from '../../candidates/model.js';
import type { FullCandidateView, presentSummary } from '../../candidates/presenter.js';
import { CandidateStatus, ListCandidatesQuery, ReleaseType } from '../../candidates/schemas.js';
import { getCandidate, listCandidates, updateCandidate } from '../../candidates/service.js';
import type { ChecklistItem } from '../../candidates/types.js';
import { employerRepository } from '../../employers/repository.js';
import { Sector } from '../../employers/schemas.js';
import { facilityRepository } from '../../facilities/repository.js';
import { createWriteHooks } from '../../hooks.js';
import { toAppError } from '../../http/error-middleware.js';
import { AppError, errors } from '../../http/errors.js';
import { matchVacanciesForCandidate, type VacancyMatch } from '../../matching/service.js';
import { listNotifications, type NotificationView } from '../../notifications/service.js';
import { CreatePlacementBody } from '../../placements/schemas.js';
import { createPlacement, listPlacements } from '../../placements/service.js';
import { isActive } from '../../placements/states.js';
import { regionKey } from '../../shared/regions.js';
import { isoDay, regionName } from '../../shared/schemas.js';
import { getSkill } from '../../skills/service.js';
import { userRepository } from '../../users/repository.js';
import { csrfField, pager, q1, select, withQuery } from '../components.js';
import { fragment, page, redirect, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import type { ScreenModule } from '../index.js';
import { lastStepAt, type StaffPlacementView } from './pipeline-data.js';
import {
  atUrl,
  dayOf,
  daysUntil,
  errorText,
  moment,
  notice,
  OFFICER_ROLES,
  RELEASE_TYPE_CODES,
  relativeDays,
  releaseTypeLabel,
  STATUS_CODES,
  safeAppPath,
  sectorLabel,
  sectorOptions,
  stateLabel,
  statusLabel,
} from './shared.js';

defineMessages({
  'officer.clients.title': { id: 'Klien menjelang bebas', en: 'Clients due for release' },
  'officer.clients.count': { id: '{n} klien', en: '{n} clients' },
  'officer.clients.empty': {
    id: 'Tidak ada klien yang cocok dengan filter ini.',
    en: 'No clients match these filters.',
  },
  'officer.clients.caption': { id: 'Daftar klien', en: 'Clients' },
  'officer.f.window': { id: 'Waktu sampai bebas', en: 'Time to release' },
  'officer.f.window.12w': { id: '12 minggu', en: '12 weeks' },
  'officer.f.window.6m': { id: '6 bulan', en: '6 months' },
  'officer.f.window.all': { id: 'Semua', en: 'All' },
  'officer.f.releaseType': { id: 'Jenis pembebasan', en: 'Release type' },
  'officer.f.status': { id: 'Status', en: 'Status' },
  'officer.f.sector': { id: 'Minat kerja (sektor)', en: 'Work interest (sector)' },
  'officer.f.regency': { id: 'Daerah bebas (kabupaten/kota domisili)', en: 'Release area (home regency)' },
  'officer.f.any': { id: 'Semua', en: 'Any' },
  'officer.sort.release': { id: 'Tanggal bebas (terdekat dulu)', en: 'Release date (soonest first)' },
  'officer.sort.name': { id: 'Nama (A–Z)', en: 'Name (A–Z)' },
  'officer.col.name': { id: 'Nama', en: 'Name' },
  'officer.col.reg': { id: 'No. registrasi', en: 'Registration no.' },
  'officer.col.release': { id: 'Pembebasan', en: 'Release' },
  'officer.col.status': { id: 'Status', en: 'Status' },
  'officer.col.skills': { id: 'Keahlian utama', en: 'Top skills' },
  'officer.releasedOn': { id: 'bebas {date}', en: 'released {date}' },
  'officer.client.back': { id: 'Kembali ke daftar', en: 'Back to the list' },
  'officer.client.tabs': { id: 'Bagian profil klien', en: 'Client record sections' },
  'officer.tab.overview': { id: 'Ringkasan', en: 'Overview' },
  'officer.tab.skills': { id: 'Keahlian & pelatihan', en: 'Skills & training' },
  'officer.tab.jobs': { id: 'Lowongan cocok', en: 'Matched jobs' },
  'officer.tab.placements': { id: 'Penempatan', en: 'Placements' },
  'officer.tab.alerts': { id: 'Pemberitahuan terkirim', en: 'Alerts sent' },
  'officer.tab.audit': { id: 'Riwayat akses', en: 'Audit' },
  'officer.ov.facts': { id: 'Data pokok', en: 'Key facts' },
  'officer.ov.birthDate': { id: 'Tanggal lahir', en: 'Date of birth' },
  'officer.ov.gender': { id: 'Jenis kelamin', en: 'Gender' },
  'officer.gender.male': { id: 'Laki-laki', en: 'Male' },
  'officer.gender.female': { id: 'Perempuan', en: 'Female' },
  'officer.ov.facility': { id: 'Lapas/Rutan/LPKA', en: 'Prison/remand/juvenile facility' },
  'officer.ov.domicile': { id: 'Domisili', en: 'Home' },
  'officer.ov.contact': { id: 'Kontak', en: 'Contact' },
  'officer.ov.education': { id: 'Pendidikan', en: 'Education' },
  'officer.ov.release': { id: 'Pembebasan', en: 'Release' },
  'officer.ov.releaseType': { id: 'Jenis', en: 'Type' },
  'officer.ov.expected': { id: 'Perkiraan tanggal bebas', en: 'Expected release' },
  'officer.ov.actual': { id: 'Tanggal bebas', en: 'Released on' },
  'officer.ov.bapas': { id: 'Bapas', en: 'Bapas' },
  'officer.ov.officer': { id: 'Petugas pembimbing (PK)', en: 'Supervising officer' },
  'officer.ov.consent': { id: 'Persetujuan', en: 'Consent' },
  'officer.ov.share': {
    id: 'Profil anonim boleh dilihat pemberi kerja',
    en: 'Anonymised profile may be shown to employers',
  },
  'officer.ov.email': { id: 'Boleh dihubungi lewat email', en: 'May be contacted by email' },
  'officer.ov.consentAt': { id: 'Terakhir diubah', en: 'Last changed' },
  'officer.ov.restrictions': { id: 'Ketentuan pembebasan', en: 'Release conditions' },
  'officer.ov.allowedRegencies': { id: 'Hanya boleh bekerja di', en: 'May work only in' },
  'officer.ov.curfew': { id: 'Jam malam', en: 'Curfew' },
  'officer.ov.excluded': { id: 'Sektor yang dilarang', en: 'Excluded sectors' },
  'officer.ov.none': { id: 'Tidak ada', en: 'None' },
  'officer.ov.prefs': { id: 'Minat kerja', en: 'Work interests' },
  'officer.ov.sectors': { id: 'Sektor', en: 'Sectors' },
  'officer.ov.regencies': { id: 'Lokasi yang diinginkan', en: 'Preferred places' },
  'officer.ov.relocate': { id: 'Bersedia pindah', en: 'Willing to relocate' },
  'officer.ov.night': { id: 'Bersedia shift malam', en: 'Night shifts OK' },
  'officer.todo.title': { id: 'Daftar persiapan kerja', en: 'Work-readiness checklist' },
  'officer.todo.progress': { id: '{done} dari {all} selesai', en: '{done} of {all} done' },
  'officer.todo.legend': { id: 'Tandai yang sudah beres', en: 'Tick what is done' },
  'officer.todo.save': { id: 'Simpan daftar', en: 'Save checklist' },
  'officer.todo.saved': { id: 'Daftar persiapan kerja disimpan.', en: 'Checklist saved.' },
  'officer.todo.done': { id: 'sudah', en: 'done' },
  'officer.todo.open': { id: 'belum', en: 'to do' },
  'officer.todo.ktp': { id: 'KTP (kartu tanda penduduk)', en: 'KTP (identity card)' },
  'officer.todo.skck': {
    id: 'SKCK (surat keterangan catatan kepolisian)',
    en: 'SKCK (police record certificate)',
  },
  'officer.todo.bpjsKetenagakerjaan': {
    id: 'BPJS Ketenagakerjaan',
    en: 'BPJS Ketenagakerjaan (work insurance)',
  },
  'officer.todo.bankAccount': { id: 'Rekening bank', en: 'Bank account' },
  'officer.todo.cv': { id: 'CV / daftar riwayat hidup', en: 'CV' },
  'officer.sk.skills': { id: 'Keahlian', en: 'Skills' },
  'officer.sk.skill': { id: 'Keahlian', en: 'Skill' },
  'officer.sk.level': { id: 'Tingkat', en: 'Level' },
  'officer.sk.evidence': { id: 'Bukti', en: 'Evidence' },
  'officer.sk.trainings': { id: 'Pelatihan BLK', en: 'BLK training' },
  'officer.sk.programme': { id: 'Program', en: 'Programme' },
  'officer.sk.provider': { id: 'BLK', en: 'BLK' },
  'officer.sk.dates': { id: 'Tanggal', en: 'Dates' },
  'officer.sk.hours': { id: 'Jam', en: 'Hours' },
  'officer.sk.result': { id: 'Hasil', en: 'Result' },
  'officer.sk.certs': { id: 'Sertifikat kompetensi', en: 'Competency certificates' },
  'officer.sk.scheme': { id: 'Skema', en: 'Scheme' },
  'officer.sk.number': { id: 'Nomor', en: 'Number' },
  'officer.sk.issuer': { id: 'Penerbit', en: 'Issuer' },
  'officer.sk.issued': { id: 'Terbit', en: 'Issued' },
  'officer.sk.expires': { id: 'Berlaku sampai', en: 'Valid until' },
  'officer.sk.work': { id: 'Pengalaman kerja', en: 'Work history' },
  'officer.sk.years': { id: '{n} tahun', en: '{n} years' },
  'officer.sk.languages': { id: 'Bahasa', en: 'Languages' },
  'officer.level.basic': { id: 'dasar', en: 'basic' },
  'officer.level.intermediate': { id: 'menengah', en: 'intermediate' },
  'officer.level.advanced': { id: 'mahir', en: 'advanced' },
  'officer.evidence.self': { id: 'pengakuan sendiri', en: 'self-reported' },
  'officer.evidence.experience': { id: 'pengalaman', en: 'experience' },
  'officer.evidence.training': { id: 'pelatihan', en: 'training' },
  'officer.evidence.certification': { id: 'sertifikat', en: 'certificate' },
  'officer.result.passed': { id: 'lulus', en: 'passed' },
  'officer.result.failed': { id: 'tidak lulus', en: 'failed' },
  'officer.result.ongoing': { id: 'berjalan', en: 'ongoing' },
  'officer.jobs.title': { id: 'Lowongan yang cocok', en: 'Matched jobs' },
  'officer.jobs.count': { id: '{n} lowongan', en: '{n} jobs' },
  'officer.jobs.empty': {
    id: 'Belum ada lowongan yang cocok. Coba longgarkan filter.',
    en: 'No matching jobs yet. Try fewer filters.',
  },
  'officer.jobs.unavailable': {
    id: 'Pencocokan sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'Matching is unavailable right now. Please try again shortly.',
  },
  'officer.jobs.area': { id: 'Daerah (kabupaten/kota)', en: 'Area (regency)' },
  'officer.jobs.radius': { id: 'Jarak dari domisili', en: 'Distance from home' },
  'officer.jobs.radiusAny': { id: 'Berapa pun', en: 'Any' },
  'officer.jobs.km': { id: 'sampai {n} km', en: 'up to {n} km' },
  'officer.jobs.sector': { id: 'Sektor', en: 'Sector' },
  'officer.jobs.print': { id: 'Cetak daftar', en: 'Print the list' },
  'officer.jobs.score': { id: 'Skor kecocokan', en: 'Match score' },
  'officer.jobs.start': { id: 'mulai {date}', en: 'starts {date}' },
  'officer.jobs.distance': { id: '{n} km dari domisili', en: '{n} km from home' },
  'officer.jobs.reasons': { id: 'Mengapa cocok', en: 'Why it fits' },
  'officer.jobs.missing': { id: 'Keahlian wajib yang belum dimiliki', en: 'Required skills still missing' },
  'officer.jobs.programmes': { id: 'Pelatihan BLK: {list}', en: 'BLK training: {list}' },
  'officer.jobs.hours': { id: '{n} jam', en: '{n} hours' },
  'officer.jobs.note': { id: 'Catatan (tidak wajib)', en: 'Note (optional)' },
  'officer.jobs.propose': { id: 'Usulkan', en: 'Propose' },
  'officer.jobs.interest': { id: 'Tandai diminati', en: 'Mark as wanted' },
  'officer.jobs.actionsHint': {
    id: '"Usulkan": usulan petugas. "Tandai diminati": klien sendiri meminta lowongan ini. Keduanya membuka penempatan tahap "Diusulkan"; identitas klien belum dibuka ke pemberi kerja.',
    en: '"Propose": your suggestion. "Mark as wanted": the client asked for this job. Both open a placement at "Proposed"; the employer does not learn who the client is.',
  },
  'officer.jobs.interestNote': {
    id: 'Klien menyatakan berminat pada lowongan ini',
    en: 'The client asked for this job',
  },
  'officer.jobs.inPipeline': { id: 'Sudah dalam proses: {stage}.', en: 'Already in progress: {stage}.' },
  'officer.jobs.openPlacement': { id: 'Buka penempatan', en: 'Open the placement' },
  'officer.jobs.created': { id: 'Penempatan dibuat.', en: 'Placement created.' },
  'officer.jobs.wage': { id: 'Upah', en: 'Wage' },
  'officer.wage.hour': { id: 'per jam', en: 'per hour' },
  'officer.wage.day': { id: 'per hari', en: 'per day' },
  'officer.wage.week': { id: 'per minggu', en: 'per week' },
  'officer.wage.month': { id: 'per bulan', en: 'per month' },
  'officer.pl.caption': { id: 'Penempatan klien ini', en: "This client's placements" },
  'officer.pl.vacancy': { id: 'Lowongan', en: 'Vacancy' },
  'officer.pl.employer': { id: 'Pemberi kerja', en: 'Employer' },
  'officer.pl.stage': { id: 'Tahap', en: 'Stage' },
  'officer.pl.last': { id: 'Langkah terakhir', en: 'Last step' },
  'officer.pl.open': { id: 'Buka', en: 'Open' },
  'officer.pl.empty': { id: 'Belum ada penempatan.', en: 'No placements yet.' },
  'officer.al.caption': { id: 'Pemberitahuan tentang klien ini', en: 'Alerts about this client' },
  'officer.al.kind': { id: 'Jenis', en: 'Kind' },
  'officer.al.milestone': { id: 'Tahap', en: 'Milestone' },
  'officer.al.recipient': { id: 'Penerima', en: 'Recipient' },
  'officer.al.status': { id: 'Status', en: 'Status' },
  'officer.al.planned': { id: 'Direncanakan', en: 'Planned' },
  'officer.al.sent': { id: 'Terkirim', en: 'Sent' },
  'officer.al.empty': { id: 'Belum ada pemberitahuan.', en: 'No alerts yet.' },
  'officer.al.kind.officer_digest': { id: 'Ringkasan untuk petugas', en: 'Officer digest' },
  'officer.al.kind.employer_note': { id: 'Kabar ke pemberi kerja', en: 'Employer note' },
  'officer.al.kind.candidate_alert': { id: 'Info lowongan ke klien', en: 'Job alert to the client' },
  'officer.al.kind.checkin_officer': {
    id: 'Pengingat cek retensi (petugas)',
    en: 'Retention check-in (officer)',
  },
  'officer.al.kind.checkin_candidate': { id: 'Cek retensi (klien)', en: 'Retention check-in (client)' },
  'officer.al.to.user': { id: 'Petugas', en: 'Officer' },
  'officer.al.to.employer': { id: 'Pemberi kerja', en: 'Employer' },
  'officer.al.to.candidate': { id: 'Klien', en: 'Client' },
  'officer.al.st.planned': { id: 'Terjadwal', en: 'Planned' },
  'officer.al.st.sending': { id: 'Sedang dikirim', en: 'Sending' },
  'officer.al.st.sent': { id: 'Terkirim', en: 'Sent' },
  'officer.al.st.failed': { id: 'Gagal', en: 'Failed' },
  'officer.al.st.cancelled': { id: 'Dibatalkan', en: 'Cancelled' },
  'officer.al.st.unknown': { id: 'Tidak pasti', en: 'Unknown' },
  'officer.au.caption': {
    id: 'Siapa membaca atau mengubah data klien',
    en: 'Who read or changed this record',
  },
  'officer.au.when': { id: 'Waktu', en: 'When' },
  'officer.au.who': { id: 'Oleh', en: 'By' },
  'officer.au.action': { id: 'Tindakan', en: 'Action' },
  'officer.au.detail': { id: 'Keterangan', en: 'Detail' },
  'officer.au.empty': { id: 'Belum ada catatan.', en: 'Nothing recorded yet.' },
  'officer.au.create': { id: 'Membuat profil', en: 'Created the profile' },
  'officer.au.read_profile': { id: 'Membaca profil', en: 'Read the profile' },
  'officer.au.read_skills': { id: 'Membaca keahlian', en: 'Read the skills' },
  'officer.au.update': { id: 'Mengubah profil', en: 'Changed the profile' },
  'officer.au.release': { id: 'Mencatat pembebasan', en: 'Recorded the release' },
  'officer.au.consent': { id: 'Mengubah persetujuan', en: 'Changed consent' },
  'officer.au.training': { id: 'Mencatat pelatihan', en: 'Recorded training' },
  'officer.au.certification': { id: 'Mencatat sertifikat', en: 'Recorded a certificate' },
  'officer.au.export': { id: 'Mengekspor data', en: 'Exported the data' },
  'officer.au.erase': { id: 'Menghapus data', en: 'Erased the data' },
  'officer.au.import': { id: 'Impor data', en: 'Imported' },
  'officer.au.disclose_identity': {
    id: 'Identitas dibuka ke pemberi kerja',
    en: 'Identity shown to an employer',
  },
  'officer.role.admin': { id: 'Admin', en: 'Admin' },
  'officer.role.officer': { id: 'Petugas Bapas', en: 'Probation officer' },
  'officer.role.facility_staff': { id: 'Staf Lapas', en: 'Facility staff' },
  'officer.role.trainer': { id: 'Pelatih BLK', en: 'BLK trainer' },
  'officer.role.employer': { id: 'Pemberi kerja', en: 'Employer' },
  'officer.role.candidate': { id: 'Klien sendiri', en: 'The client' },
  'officer.role.system': { id: 'Sistem', en: 'System' },
});

const TABS = ['overview', 'skills', 'jobs', 'placements', 'alerts', 'audit'] as const;
type Tab = (typeof TABS)[number];
const WINDOWS = ['12w', '6m', 'all'] as const;
const LIST_LIMIT = 20;
const JOBS_LIMIT = 10;
/** How many matches are computed per request before the page's filters narrow them. */
const MATCH_LIMIT = 60;
const RADII = [10, 25, 50, 100] as const;

const ClientsQuery = z.object({
  window: z.enum(WINDOWS).catch('12w'),
  releaseType: ReleaseType.optional().catch(undefined),
  status: CandidateStatus.optional().catch(undefined),
  sector: Sector.optional().catch(undefined),
  regency: regionName.optional().catch(undefined),
  sort: z.enum(['release', 'name']).catch('release'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const JobsQuery = z.object({
  area: regionName.optional().catch(undefined),
  radius: z.coerce
    .number()
    .refine((n) => (RADII as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  sector: Sector.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

type Summary = ReturnType<typeof presentSummary>;

const blank = (v: string | undefined) => (v === '' ? undefined : v);

/** The query of the current page as plain values (empty fields dropped), for zod. */
function queryValues(w: WebContext, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((n) => [n, blank(q1(w, n))]));
}

/** The first and last expected release day of a time-to-release window (12 weeks, 6 months, all), as YYYY-MM-DD. */
export function releaseWindow(win: (typeof WINDOWS)[number], now: Date): { after?: string; before?: string } {
  if (win === 'all') return {};
  const end =
    win === '12w'
      ? new Date(now.getTime() + 84 * 86_400_000)
      : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 6, now.getUTCDate()));
  return { after: isoDay(now), before: isoDay(end) };
}

const skillName = (w: WebContext, code: string) => getSkill(code)?.label[w.lang] ?? code;

/** Loads the client at full access (officer of the Bapas, admin); anyone else gets a 404. */
async function loadClient(w: WebContext, id: string): Promise<FullCandidateView> {
  const view = await getCandidate(w.actor!, id, w.ctx);
  if (!isFull(view)) throw errors.notFound('Profil', 'Profile');
  return view;
}

/** The full presentation (not the skills or anonymised one): it alone carries the case fields. */
function isFull(view: Awaited<ReturnType<typeof getCandidate>>): view is FullCandidateView {
  return 'checklist' in view && 'restrictions' in view && 'history' in view;
}

function clientHref(id: string, params: Record<string, string | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  const s = sp.toString();
  return `/app/clients/${id}${s ? `?${s}` : ''}`;
}

// ---------------------------------------------------------------- the list

function listResults(
  w: WebContext,
  res: { items: Summary[]; total: number; page: number },
  back: string,
): SafeHtml {
  return html`<div id="results" aria-live="polite">
<p><strong>${w.t('officer.clients.count', { n: w.i18n.number(res.total) })}</strong></p>
${
  res.items.length
    ? html`<table><caption>${w.t('officer.clients.caption')}</caption>
<thead><tr><th scope="col">${w.t('officer.col.name')}</th><th scope="col">${w.t('officer.col.reg')}</th><th scope="col">${w.t('officer.col.release')}</th><th scope="col">${w.t('officer.col.status')}</th><th scope="col">${w.t('officer.col.skills')}</th></tr></thead>
<tbody>${res.items.map((c) => {
        const n = daysUntil(c.release.expectedDate, w.ctx.now);
        return html`<tr><th scope="row"><a href="${clientHref(c.id, { back })}">${c.fullName}</a></th>
<td>${c.registrationNumber}</td>
<td>${releaseTypeLabel(w, c.release.type)}<br>${
          c.release.actualDate
            ? w.t('officer.releasedOn', { date: dayOf(w, c.release.actualDate) })
            : html`${dayOf(w, c.release.expectedDate)} <span class="muted">(${relativeDays(w, n)})</span>`
        }</td>
<td>${statusLabel(w, c.status)}</td>
<td>${c.skills.length ? c.skills.slice(0, 3).map((s, i) => html`${i ? ', ' : ''}${skillName(w, s)}`) : '—'}</td></tr>`;
      })}</tbody></table>`
    : html`<p>${w.t('officer.clients.empty')}</p>`
}
${pager(w, res.page, LIST_LIMIT, res.total)}</div>`;
}

async function clientList(w: WebContext): Promise<WebResult> {
  const q = ClientsQuery.parse(
    queryValues(w, ['window', 'releaseType', 'status', 'sector', 'regency', 'sort', 'page']),
  );
  const win = releaseWindow(q.window, w.ctx.now);
  const query = ListCandidatesQuery.parse({
    releaseAfter: win.after,
    releaseBefore: win.before,
    status: q.status,
    releaseType: q.releaseType,
    sector: q.sector,
    regency: q.regency,
    sort: q.sort,
    page: q.page,
    limit: LIST_LIMIT,
  });
  const res = await listCandidates(w.actor!, query, w.ctx);
  // Officers and admins get the staff summary rows.
  const items = res.items as Summary[];
  const back = w.url.pathname + w.url.search;
  const body = listResults(w, { items, total: res.total, page: q.page }, back);
  if (w.partial) return fragment(body);
  const title = w.t('officer.clients.title');
  return page(
    title,
    html`<h1>${title}</h1>
<form method="get" action="/app/clients" class="filters" hx-get="/app/clients" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
<fieldset class="checks"><legend>${w.t('officer.f.window')}</legend>
${WINDOWS.map((v) => html`<label><input type="radio" name="window" value="${v}"${when(q.window === v, html` checked`)}> ${w.t(`officer.f.window.${v}`)}</label>`)}
</fieldset>
${select(w, {
  name: 'releaseType',
  label: w.t('officer.f.releaseType'),
  value: q.releaseType,
  empty: w.t('officer.f.any'),
  options: RELEASE_TYPE_CODES.map((t) => ({ value: t, label: releaseTypeLabel(w, t) })),
})}
${select(w, {
  name: 'status',
  label: w.t('officer.f.status'),
  value: q.status,
  empty: w.t('officer.f.any'),
  options: STATUS_CODES.map((s) => ({ value: s, label: statusLabel(w, s) })),
})}
${select(w, { name: 'sector', label: w.t('officer.f.sector'), value: q.sector, empty: w.t('officer.f.any'), options: sectorOptions(w) })}
<label for="f-regency">${w.t('officer.f.regency')}</label><input id="f-regency" name="regency" value="${q.regency ?? ''}">
${select(w, {
  name: 'sort',
  label: w.t('list.sort'),
  value: q.sort,
  options: [
    { value: 'release', label: w.t('officer.sort.release') },
    { value: 'name', label: w.t('officer.sort.name') },
  ],
})}
<button type="submit">${w.t('form.apply')}</button> <a href="/app/clients">${w.t('form.clear')}</a>
</form>
${body}`,
  );
}

// ---------------------------------------------------------------- the client page

function tabNav(w: WebContext, id: string, current: Tab, back: string): SafeHtml {
  return html`<nav class="no-print" aria-label="${w.t('officer.client.tabs')}"><ul class="tabs">${TABS.map(
    (t) =>
      html`<li><a href="${clientHref(id, { tab: t, back })}"${when(t === current, html` aria-current="page"`)}>${w.t(`officer.tab.${t}`)}</a></li>`,
  )}</ul></nav>`;
}

const yesNo = (w: WebContext, b: boolean | undefined) => w.t(b ? 'officer.yes' : 'officer.no');
const dash = (s: string | undefined | null) => (s ? s : '—');

async function overviewTab(w: WebContext, c: FullCandidateView, back: string): Promise<SafeHtml> {
  const [facilities, officers] = await Promise.all([
    facilityRepository.findByIds([c.facilityId, ...(c.bapasId ? [c.bapasId] : [])]),
    c.officerId ? userRepository.findByIds([c.officerId]) : Promise.resolve([]),
  ]);
  const name = (fid: string | undefined) => facilities.find((f) => f.id === fid)?.name;
  const bapas = facilities.find((f) => f.id === c.bapasId);
  const r = c.restrictions;
  const done = CHECKLIST_ITEMS.filter((k) => c.checklist[k]).length;
  const saved = q1(w, 'saved') === 'checklist';
  return html`<h2>${w.t('officer.tab.overview')}</h2>
<h3>${w.t('officer.ov.facts')}</h3>
<dl class="summary">
<dt>${w.t('officer.col.reg')}</dt><dd>${c.registrationNumber}</dd>
<dt>${w.t('officer.ov.birthDate')}</dt><dd>${dayOf(w, c.birthDate)}</dd>
<dt>${w.t('officer.ov.gender')}</dt><dd>${w.t(`officer.gender.${c.gender}`)}</dd>
<dt>${w.t('officer.f.status')}</dt><dd>${statusLabel(w, c.status)}</dd>
<dt>${w.t('officer.ov.facility')}</dt><dd>${dash(name(c.facilityId))}</dd>
<dt>${w.t('officer.ov.domicile')}</dt><dd>${c.domicile.regency}, ${c.domicile.province}</dd>
<dt>${w.t('officer.ov.contact')}</dt><dd>${[c.contact.email, c.contact.phone].filter(Boolean).join(' · ') || '—'}</dd>
<dt>${w.t('officer.ov.education')}</dt><dd>${dash(c.education?.level?.toUpperCase())}</dd>
</dl>
<h3>${w.t('officer.ov.release')}</h3>
<dl class="summary">
<dt>${w.t('officer.ov.releaseType')}</dt><dd>${releaseTypeLabel(w, c.release.type)}</dd>
<dt>${w.t('officer.ov.expected')}</dt><dd>${dayOf(w, c.release.expectedDate)}${c.release.actualDate ? '' : html` <span class="muted">(${relativeDays(w, daysUntil(c.release.expectedDate, w.ctx.now))})</span>`}</dd>
${c.release.actualDate ? html`<dt>${w.t('officer.ov.actual')}</dt><dd>${dayOf(w, c.release.actualDate)}</dd>` : ''}
<dt>${w.t('officer.ov.bapas')}</dt><dd>${dash(bapas?.name)}</dd>
<dt>${w.t('officer.ov.officer')}</dt><dd>${dash(officers[0]?.name)}</dd>
</dl>
<h3>${w.t('officer.ov.consent')}</h3>
<dl class="summary">
<dt>${w.t('officer.ov.share')}</dt><dd>${yesNo(w, c.consent.shareWithEmployers)}</dd>
<dt>${w.t('officer.ov.email')}</dt><dd>${yesNo(w, c.consent.contactByEmail)}</dd>
${c.consent.updatedAt ? html`<dt>${w.t('officer.ov.consentAt')}</dt><dd>${moment(w, c.consent.updatedAt, bapas?.timezone)}</dd>` : ''}
</dl>
<h3>${w.t('officer.ov.restrictions')}</h3>
<dl class="summary">
<dt>${w.t('officer.ov.allowedRegencies')}</dt><dd>${r.allowedRegencies?.length ? r.allowedRegencies.join(', ') : w.t('officer.ov.none')}</dd>
<dt>${w.t('officer.ov.curfew')}</dt><dd>${yesNo(w, r.curfew)}</dd>
<dt>${w.t('officer.ov.excluded')}</dt><dd>${r.excludedSectors?.length ? r.excludedSectors.map((s) => sectorLabel(w, s)).join(', ') : w.t('officer.ov.none')}</dd>
</dl>
<h3>${w.t('officer.ov.prefs')}</h3>
<dl class="summary">
<dt>${w.t('officer.ov.sectors')}</dt><dd>${c.preferences.sectors?.length ? c.preferences.sectors.map((s) => sectorLabel(w, s)).join(', ') : '—'}</dd>
<dt>${w.t('officer.ov.regencies')}</dt><dd>${c.preferences.regencies?.join(', ') || '—'}</dd>
<dt>${w.t('officer.ov.relocate')}</dt><dd>${yesNo(w, c.preferences.willingToRelocate)}</dd>
<dt>${w.t('officer.ov.night')}</dt><dd>${yesNo(w, c.preferences.nightShiftOk)}</dd>
</dl>
<h3 id="todo">${w.t('officer.todo.title')}</h3>
${saved ? notice(w.t('officer.todo.saved')) : ''}
<p>${w.t('officer.todo.progress', { done, all: CHECKLIST_ITEMS.length })}</p>
<form method="post" action="/app/clients/${c.id}/checklist">${csrfField(w)}
<input type="hidden" name="back" value="${back}">
<fieldset class="checks"><legend>${w.t('officer.todo.legend')}</legend>
${CHECKLIST_ITEMS.map(
  (k) =>
    html`<label><input type="checkbox" name="${k}" value="true"${when(c.checklist[k], html` checked`)}> ${w.t(`officer.todo.${k}`)} <span class="muted">(${w.t(c.checklist[k] ? 'officer.todo.done' : 'officer.todo.open')})</span></label>`,
)}
</fieldset>
<button type="submit">${w.t('officer.todo.save')}</button></form>`;
}

function skillsTab(w: WebContext, c: FullCandidateView): SafeHtml {
  return html`<h2>${w.t('officer.tab.skills')}</h2>
${
  c.skills.length
    ? html`<table><caption>${w.t('officer.sk.skills')}</caption>
<thead><tr><th scope="col">${w.t('officer.sk.skill')}</th><th scope="col">${w.t('officer.sk.level')}</th><th scope="col">${w.t('officer.sk.evidence')}</th></tr></thead>
<tbody>${c.skills.map((s) => html`<tr><th scope="row">${s.label[w.lang]}</th><td>${w.t(`officer.level.${s.level}`)}</td><td>${s.evidence ? w.t(`officer.evidence.${s.evidence}`) : '—'}</td></tr>`)}</tbody></table>`
    : html`<h3>${w.t('officer.sk.skills')}</h3><p>—</p>`
}
${
  c.trainings.length
    ? html`<table><caption>${w.t('officer.sk.trainings')}</caption>
<thead><tr><th scope="col">${w.t('officer.sk.programme')}</th><th scope="col">${w.t('officer.sk.provider')}</th><th scope="col">${w.t('officer.sk.dates')}</th><th scope="col">${w.t('officer.sk.hours')}</th><th scope="col">${w.t('officer.sk.result')}</th></tr></thead>
<tbody>${c.trainings.map((t) => html`<tr><th scope="row">${t.programme}</th><td>${t.providerName}</td><td>${dayOf(w, t.startDate)} – ${dayOf(w, t.endDate)}</td><td>${t.hours}</td><td>${w.t(`officer.result.${t.result}`)}</td></tr>`)}</tbody></table>`
    : html`<h3>${w.t('officer.sk.trainings')}</h3><p>—</p>`
}
${
  c.certifications.length
    ? html`<table><caption>${w.t('officer.sk.certs')}</caption>
<thead><tr><th scope="col">${w.t('officer.sk.scheme')}</th><th scope="col">${w.t('officer.sk.number')}</th><th scope="col">${w.t('officer.sk.issuer')}</th><th scope="col">${w.t('officer.sk.issued')}</th><th scope="col">${w.t('officer.sk.expires')}</th></tr></thead>
<tbody>${c.certifications.map((x) => html`<tr><th scope="row">${x.scheme}</th><td>${x.number}</td><td>${x.issuer}</td><td>${dayOf(w, x.issuedAt)}</td><td>${x.expiresAt ? dayOf(w, x.expiresAt) : '—'}</td></tr>`)}</tbody></table>`
    : html`<h3>${w.t('officer.sk.certs')}</h3><p>—</p>`
}
<h3>${w.t('officer.sk.work')}</h3>
${c.workHistory.length ? html`<ul>${c.workHistory.map((h) => html`<li>${h.title}${h.employer ? ` — ${h.employer}` : ''} (${w.t('officer.sk.years', { n: h.years })})</li>`)}</ul>` : html`<p>—</p>`}
<h3>${w.t('officer.sk.languages')}</h3><p>${c.languages.join(', ') || '—'}</p>`;
}

/** A match passes the page's filters: area (regency of the workplace), radius from home, sector. */
function keepMatch(m: VacancyMatch, f: z.output<typeof JobsQuery>): boolean {
  if (f.area && regionKey(m.vacancy.location.regency) !== regionKey(f.area)) return false;
  if (f.radius !== undefined && (m.distanceKm === undefined || m.distanceKm > f.radius)) return false;
  if (f.sector && m.vacancy.sector !== f.sector) return false;
  return true;
}

function jobCard(
  w: WebContext,
  c: FullCandidateView,
  m: VacancyMatch,
  existing: StaffPlacementView | undefined,
  returnTo: string,
): SafeHtml {
  const v = m.vacancy;
  const reasons = w.lang === 'id' ? m.reasons : m.reasonsEn;
  const noteId = `note-${v.id}`;
  return html`<article class="card">
<h3>${v.title}${v.employer ? html` — ${v.employer.name}` : ''}</h3>
<p><strong>${w.t('officer.jobs.score')}: ${m.score}/100</strong> · ${v.location.regency}, ${v.location.province}${m.distanceKm !== undefined ? html` · ${w.t('officer.jobs.distance', { n: w.i18n.number(Math.round(m.distanceKm)) })}` : ''} · ${w.t('officer.jobs.start', { date: dayOf(w, v.startDate) })} · ${sectorLabel(w, v.sector)}</p>
${v.wage ? html`<p>${w.t('officer.jobs.wage')}: ${w.i18n.money(v.wage.min)}${v.wage.max !== v.wage.min ? html` – ${w.i18n.money(v.wage.max)}` : ''} ${w.t(`officer.wage.${v.wage.period}`)}</p>` : ''}
<h4>${w.t('officer.jobs.reasons')}</h4>
<ul>${reasons.map((r) => html`<li>${r}</li>`)}</ul>
${
  m.missingSkills.length
    ? html`<h4>${w.t('officer.jobs.missing')}</h4><ul>${m.missingSkills.map(
        (s) =>
          html`<li>${s.label[w.lang]}${
            s.programmes.length
              ? html` — ${w.t('officer.jobs.programmes', {
                  list: s.programmes
                    .map((p) => `${p.name[w.lang]} (${w.t('officer.jobs.hours', { n: p.hours })})`)
                    .join('; '),
                })}`
              : ''
          }</li>`,
      )}</ul>`
    : ''
}
${
  existing
    ? html`<p class="notice">${w.t('officer.jobs.inPipeline', { stage: stateLabel(w, existing.state) })} <a href="/app/placements/${existing.id}">${w.t('officer.jobs.openPlacement')}</a></p>`
    : html`<form method="post" action="/app/clients/${c.id}/jobs/${v.id}" class="no-print">${csrfField(w)}
<input type="hidden" name="return" value="${returnTo}">
<label for="${noteId}">${w.t('officer.jobs.note')}</label>
<textarea id="${noteId}" name="note" rows="2"></textarea>
<div><button type="submit" name="intent" value="propose">${w.t('officer.jobs.propose')}</button>
<button type="submit" name="intent" value="interest" class="secondary">${w.t('officer.jobs.interest')}</button></div>
</form>`
}
</article>`;
}

async function jobsTab(
  w: WebContext,
  deps: Parameters<ScreenModule>[1],
  c: FullCandidateView,
  back: string,
  message?: { text: string; kind: 'status' | 'alert'; placementId?: string },
): Promise<{ panel: SafeHtml; full: SafeHtml }> {
  const f = JobsQuery.parse(queryValues(w, ['area', 'radius', 'sector', 'page']));
  let matches: VacancyMatch[] = [];
  let unavailable = false;
  try {
    matches = (await matchVacanciesForCandidate(deps.search, w.actor!, c.id, MATCH_LIMIT, w.ctx.now)).items;
  } catch (err) {
    if (err instanceof AppError && err.status === 503) unavailable = true;
    else throw err;
  }
  const kept = matches.filter((m) => keepMatch(m, f));
  const pageItems = kept.slice((f.page - 1) * JOBS_LIMIT, f.page * JOBS_LIMIT);
  const placements = (await listPlacements(w.actor!, { candidateId: c.id, page: 1, limit: 100 }, w.ctx))
    .items as unknown as StaffPlacementView[];
  const live = new Map(placements.filter((p) => isActive(p.state)).map((p) => [p.vacancyId, p]));
  const returnTo = w.url.pathname + w.url.search;
  const panel = html`<div id="jobs-results" aria-live="polite">
${message ? html`${notice(message.text, message.kind)}${message.placementId ? html`<p class="no-print"><a href="/app/placements/${message.placementId}">${w.t('officer.jobs.openPlacement')}</a></p>` : ''}` : ''}
${unavailable ? notice(w.t('officer.jobs.unavailable')) : html`<p><strong>${w.t('officer.jobs.count', { n: w.i18n.number(kept.length) })}</strong></p>`}
${!unavailable && kept.length === 0 ? html`<p>${w.t('officer.jobs.empty')}</p>` : ''}
${pageItems.map((m) => jobCard(w, c, m, live.get(m.vacancy.id), returnTo))}
${pager(w, f.page, JOBS_LIMIT, kept.length)}
</div>`;
  const action = `/app/clients/${c.id}`;
  const full = html`<h2>${w.t('officer.jobs.title')}</h2>
<p class="no-print"><button type="button" class="secondary" data-print>${w.t('officer.jobs.print')}</button></p>
<form method="get" action="${action}" class="filters" hx-get="${action}" hx-target="#jobs-results" hx-select="#jobs-results" hx-swap="outerHTML" hx-push-url="true">
<input type="hidden" name="tab" value="jobs"><input type="hidden" name="back" value="${back}">
<label for="f-area">${w.t('officer.jobs.area')}</label><input id="f-area" name="area" value="${f.area ?? ''}">
${select(w, {
  name: 'radius',
  label: w.t('officer.jobs.radius'),
  value: f.radius === undefined ? '' : String(f.radius),
  empty: w.t('officer.jobs.radiusAny'),
  options: RADII.map((n) => ({ value: String(n), label: w.t('officer.jobs.km', { n }) })),
})}
${select(w, { name: 'sector', label: w.t('officer.jobs.sector'), value: f.sector, empty: w.t('officer.f.any'), options: sectorOptions(w) })}
<button type="submit">${w.t('form.apply')}</button> <a href="${clientHref(c.id, { tab: 'jobs', back })}">${w.t('form.clear')}</a>
</form>
<p class="hint no-print">${w.t('officer.jobs.actionsHint')}</p>
${panel}`;
  return { panel, full };
}

async function placementsTab(w: WebContext, c: FullCandidateView): Promise<SafeHtml> {
  const pageNo = Number(q1(w, 'page')) || 1;
  const limit = 20;
  const res = await listPlacements(w.actor!, { candidateId: c.id, page: pageNo, limit }, w.ctx);
  const items = res.items as unknown as StaffPlacementView[];
  const employers = new Map(
    (await employerRepository.findByIds([...new Set(items.map((p) => p.employerId))])).map((e) => [e.id, e]),
  );
  const last = (p: StaffPlacementView) =>
    lastStepAt({
      timeline: p.timeline.map((e) => ({ ...e, at: new Date(e.at) })),
      createdAt: new Date(p.createdAt),
    });
  return html`<h2>${w.t('officer.tab.placements')}</h2>
<p><strong>${w.t('list.count', { n: w.i18n.number(res.total) })}</strong></p>
${
  items.length
    ? html`<table><caption>${w.t('officer.pl.caption')}</caption>
<thead><tr><th scope="col">${w.t('officer.pl.vacancy')}</th><th scope="col">${w.t('officer.pl.employer')}</th><th scope="col">${w.t('officer.pl.stage')}</th><th scope="col">${w.t('officer.pl.last')}</th></tr></thead>
<tbody>${items.map(
        (p) =>
          html`<tr><th scope="row"><a href="/app/placements/${p.id}">${p.vacancy?.title ?? p.vacancyId}</a></th><td>${dash(employers.get(p.employerId)?.name)}</td><td>${stateLabel(w, p.state)}</td><td>${dayOf(w, last(p))}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${w.t('officer.pl.empty')}</p>`
}
${pager(w, pageNo, limit, res.total)}`;
}

async function alertsTab(w: WebContext, c: FullCandidateView): Promise<SafeHtml> {
  const pageNo = Number(q1(w, 'page')) || 1;
  const limit = 20;
  const res = await listNotifications(w.actor!, { candidateId: c.id, page: pageNo, limit });
  const row = (n: NotificationView) =>
    html`<tr><th scope="row">${w.t(`officer.al.kind.${n.kind}`)}</th><td>${n.milestone}</td><td>${w.t(`officer.al.to.${n.recipient.type}`)}<br><span class="muted">${n.recipient.email}</span></td><td>${w.t(`officer.al.st.${n.status}`)}${n.cancelledReason ? html`<br><span class="muted">${n.cancelledReason}</span>` : ''}</td><td>${dayOf(w, n.plannedAt)}</td><td>${n.sentAt ? dayOf(w, n.sentAt) : '—'}</td></tr>`;
  return html`<h2>${w.t('officer.tab.alerts')}</h2>
<p><strong>${w.t('list.count', { n: w.i18n.number(res.total) })}</strong></p>
${
  res.items.length
    ? html`<table><caption>${w.t('officer.al.caption')}</caption>
<thead><tr><th scope="col">${w.t('officer.al.kind')}</th><th scope="col">${w.t('officer.al.milestone')}</th><th scope="col">${w.t('officer.al.recipient')}</th><th scope="col">${w.t('officer.al.status')}</th><th scope="col">${w.t('officer.al.planned')}</th><th scope="col">${w.t('officer.al.sent')}</th></tr></thead>
<tbody>${res.items.map(row)}</tbody></table>`
    : html`<p>${w.t('officer.al.empty')}</p>`
}
${pager(w, pageNo, limit, res.total)}`;
}

async function auditTab(
  w: WebContext,
  c: FullCandidateView,
  timeZone: string | undefined,
): Promise<SafeHtml> {
  const pageNo = Number(q1(w, 'page')) || 1;
  const limit = 25;
  const res = await listCandidateAudit(w.actor!, c.id, pageNo, limit);
  const row = (a: AuditView) =>
    html`<tr><td>${moment(w, a.at, timeZone)}</td><td>${a.actor.name} <span class="muted">(${w.t(`officer.role.${a.actor.role}`)})</span></td><td>${w.t(`officer.au.${a.action}`)}</td><td>${dash(a.detail)}</td></tr>`;
  return html`<h2>${w.t('officer.tab.audit')}</h2>
<p><strong>${w.t('list.count', { n: w.i18n.number(res.total) })}</strong></p>
${
  res.items.length
    ? html`<table><caption>${w.t('officer.au.caption')}</caption>
<thead><tr><th scope="col">${w.t('officer.au.when')}</th><th scope="col">${w.t('officer.au.who')}</th><th scope="col">${w.t('officer.au.action')}</th><th scope="col">${w.t('officer.au.detail')}</th></tr></thead>
<tbody>${res.items.map(row)}</tbody></table>`
    : html`<p>${w.t('officer.au.empty')}</p>`
}
${pager(w, pageNo, limit, res.total)}`;
}

interface ClientPageExtra {
  jobsMessage?: { text: string; kind: 'status' | 'alert'; placementId?: string };
  status?: number;
}

async function clientPage(
  w: WebContext,
  deps: Parameters<ScreenModule>[1],
  extra: ClientPageExtra = {},
): Promise<WebResult> {
  const c = await loadClient(w, String(w.params.id));
  const tabParam = q1(w, 'tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'overview';
  const back = safeAppPath(q1(w, 'back'), '/app/', '/app/clients');
  let body: SafeHtml;
  switch (tab) {
    case 'overview':
      body = await overviewTab(w, c, back);
      break;
    case 'skills':
      body = skillsTab(w, c);
      break;
    case 'jobs': {
      const jobs = await jobsTab(w, deps, c, back, extra.jobsMessage);
      if (w.partial) return fragment(jobs.panel);
      body = jobs.full;
      break;
    }
    case 'placements':
      body = await placementsTab(w, c);
      break;
    case 'alerts':
      body = await alertsTab(w, c);
      break;
    case 'audit': {
      const bapas = c.bapasId ? await facilityRepository.findById(c.bapasId) : null;
      body = await auditTab(w, c, bapas?.timezone);
      break;
    }
  }
  const title = `${c.fullName} — ${w.t(`officer.tab.${tab}`)}`;
  return page(
    title,
    html`<p class="no-print"><a href="${back}">← ${w.t('officer.client.back')}</a></p>
<h1>${c.fullName}</h1>
<p class="muted">${c.registrationNumber} · ${statusLabel(w, c.status)} · ${releaseTypeLabel(w, c.release.type)}, ${dayOf(w, c.release.actualDate ?? c.release.expectedDate)}</p>
${tabNav(w, c.id, tab, back)}
${body}`,
    extra.status,
  );
}

/** Officer screens about clients: the due-for-release list and the tabbed client record. */
export const officerClientScreens: ScreenModule = (web, deps) => {
  const hooks = createWriteHooks(deps);

  web.get('/app/clients', { roles: OFFICER_ROLES }, clientList);

  web.get('/app/clients/:id', { roles: OFFICER_ROLES }, (w) =>
    clientPage(w, deps, { jobsMessage: doneMessage(w) }),
  );

  web.post('/app/clients/:id/checklist', { roles: OFFICER_ROLES }, async (w) => {
    const id = String(w.params.id);
    const checklist = Object.fromEntries(
      CHECKLIST_ITEMS.map((k) => [k, w.body[k] === 'true' || w.body[k] === 'on']),
    ) as Record<ChecklistItem, boolean>;
    await updateCandidate(w.actor!, id, { checklist }, w.ctx, hooks.candidates);
    const back = safeAppPath(w.body.back, '/app/', '/app/clients');
    return redirect(`${clientHref(id, { tab: 'overview', back, saved: 'checklist' })}#todo`);
  });

  web.post('/app/clients/:id/jobs/:vacancyId', { roles: OFFICER_ROLES }, async (w) => {
    const id = String(w.params.id);
    const returnTo = safeAppPath(w.body.return, `/app/clients/${id}?`, clientHref(id, { tab: 'jobs' }));
    const typed = String(w.body.note ?? '').trim();
    const note =
      w.body.intent === 'interest'
        ? [w.t('officer.jobs.interestNote'), typed].filter(Boolean).join(': ')
        : typed || undefined;
    const back = atUrl(w, returnTo);
    try {
      const input = CreatePlacementBody.parse({
        candidateId: id,
        vacancyId: String(w.params.vacancyId),
        note,
      });
      const created = await createPlacement(w.actor!, input, w.ctx);
      return redirect(withQuery(back, { done: created.id }));
    } catch (err) {
      const e = toAppError(err);
      if (![400, 404, 409].includes(e.status)) throw err;
      // The note is too long, or the vacancy is gone, closed, breaks a release condition or is
      // already in progress: the jobs tab again, with the reason at the top of the results.
      return clientPage(back, deps, {
        jobsMessage: { text: errorText(w, e), kind: 'alert' },
        status: e.status,
      });
    }
  });
};

/** The "done" notice after a proposal, shown on the jobs tab. */
export function doneMessage(w: WebContext): ClientPageExtra['jobsMessage'] {
  const done = q1(w, 'done');
  return done && /^[0-9a-f]{24}$/i.test(done)
    ? { text: w.t('officer.jobs.created'), kind: 'status', placementId: done }
    : undefined;
}
