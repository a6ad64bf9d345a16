// CSV import of skill profiles from the browser: the same import core as `npm run import:candidates`,
// run for the signed-in staff member's own facility and under their own name (audit, history).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CandidateHooks } from '../../candidates/service.js';
import type { Deps } from '../../deps.js';
import { facilityRepository } from '../../facilities/repository.js';
import { errors as httpErrors } from '../../http/errors.js';
import { CANDIDATE_COLUMNS, importCandidates } from '../../imports/candidates.js';
import { ImportSetupError, type ImportSummary, type RowIssue, reportPathFor } from '../../imports/runner.js';
import { csrfField, errorSummary, type FieldErrors, fieldId, textarea } from '../components.js';
import { page, redirect, type WebBuilder, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import { FORM_KEY, type ResultStore, STAFF } from './common.js';
import { multipartForm, UploadedFile } from './multipart.js';

/** The largest upload accepted from the browser (about 10,000 rows). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
/** Problems listed on the result page; the downloadable report always has them all. */
const SHOWN_ISSUES = 500;

defineMessages({
  'import.title': { id: 'Impor profil dari CSV', en: 'Import profiles from CSV' },
  'import.intro': {
    id: 'Satu baris per orang, untuk {facility}. Orang yang sudah ada (nomor registrasi sama) hanya diperbarui pada kolom yang berubah; sel kosong tidak menghapus apa pun. Baris yang bermasalah dilewati dan dilaporkan; baris lain tetap masuk. Impor yang sama boleh diulang.',
    en: 'One row per person, for {facility}. People already registered (same registration number) are updated only where a column changed; an empty cell never clears anything. Rows with problems are skipped and reported; the other rows still go in. Re-running the same file is safe.',
  },
  'import.file': { id: 'Berkas CSV', en: 'CSV file' },
  'import.fileHint': {
    id: 'UTF-8, dipisah koma atau titik koma (Excel berbahasa Indonesia), paling besar 4 MB.',
    en: 'UTF-8, comma or semicolon separated (Indonesian Excel), at most 4 MB.',
  },
  'import.text': { id: 'Atau tempel isi CSV di sini', en: 'Or paste the CSV text here' },
  'import.textHint': {
    id: 'Dipakai bila tidak ada berkas yang dipilih. Baris pertama berisi nama kolom.',
    en: 'Used when no file is chosen. The first line names the columns.',
  },
  'import.submit': { id: 'Impor', en: 'Import' },
  'import.example': { id: 'Unduh contoh berkas (CSV)', en: 'Download an example file (CSV)' },
  'import.columns': { id: 'Kolom', en: 'Columns' },
  'import.columnsIntro': {
    id: 'Nama kolom boleh ditulis dengan huruf besar/kecil, spasi, _ atau - ("Registration Number" sama dengan "registrationNumber"). Urutan bebas; kolom yang tidak dipakai boleh dihilangkan. Tanggal ditulis YYYY-MM-DD. Daftar di dalam satu sel dipisah titik koma (;).',
    en: 'Column names ignore case, spaces, _ and - ("Registration Number" is "registrationNumber"). Any order; unused columns may be left out. Dates are YYYY-MM-DD. Lists inside a cell are separated by semicolons (;).',
  },
  'import.col.name': { id: 'Kolom', en: 'Column' },
  'import.col.required': { id: 'Wajib untuk profil baru', en: 'Required for a new profile' },
  'import.col.meaning': { id: 'Isi', en: 'Content' },
  'import.col.example': { id: 'Contoh', en: 'Example' },
  'import.yes': { id: 'ya', en: 'yes' },
  'import.always': { id: 'selalu', en: 'always' },
  'import.none': {
    id: 'Pilih berkas CSV atau tempel isinya',
    en: 'Choose a CSV file or paste its text',
  },
  'import.tooLarge': {
    id: 'Berkas terlalu besar (paling besar 4 MB). Bagi menjadi beberapa berkas.',
    en: 'The file is too large (at most 4 MB). Split it into several files.',
  },
  'import.notCsv': {
    id: 'Berkas ini bukan teks CSV (UTF-8). Simpan ulang dari Excel sebagai "CSV UTF-8".',
    en: 'This file is not CSV text (UTF-8). Save it again from Excel as "CSV UTF-8".',
  },
  'import.resultTitle': { id: 'Hasil impor', en: 'Import result' },
  'import.fatal': { id: 'Tidak ada yang diimpor', en: 'Nothing was imported' },
  'import.stopped': { id: 'Impor berhenti sebelum selesai', en: 'The import stopped early' },
  'import.done': { id: 'Impor selesai.', en: 'The import finished.' },
  'import.rows': { id: 'Baris data', en: 'Data rows' },
  'import.created': { id: 'Dibuat', en: 'Created' },
  'import.updated': { id: 'Diperbarui', en: 'Updated' },
  'import.unchanged': { id: 'Tidak berubah', en: 'Unchanged' },
  'import.failed': { id: 'Gagal', en: 'Failed' },
  'import.notProcessed': { id: 'Tidak diproses', en: 'Not processed' },
  'import.issues': { id: 'Masalah per baris', en: 'Problems by row' },
  'import.issuesIntro': {
    id: 'Nomor baris adalah baris di berkas (baris 1 = judul kolom). Perbaiki baris ini lalu impor lagi berkas yang sama.',
    en: 'Row numbers are lines in the file (line 1 = the column names). Fix these rows and import the same file again.',
  },
  'import.issuesMore': {
    id: 'Menampilkan {shown} dari {total} masalah; semuanya ada di laporan CSV.',
    en: 'Showing {shown} of {total} problems; the CSV report has them all.',
  },
  'import.row': { id: 'Baris', en: 'Row' },
  'import.column': { id: 'Kolom', en: 'Column' },
  'import.message': { id: 'Masalah', en: 'Problem' },
  'import.wholeRow': { id: '(seluruh baris)', en: '(whole row)' },
  'import.download': { id: 'Unduh laporan masalah (CSV)', en: 'Download the problem report (CSV)' },
  'import.downloadHint': { id: 'Tersedia selama 24 jam.', en: 'Available for 24 hours.' },
  'import.again': { id: 'Impor berkas lain', en: 'Import another file' },
  'import.toCohort': { id: 'Ke daftar kohort', en: 'To the cohort list' },
  'import.c.registrationNumber': {
    id: 'Nomor registrasi; kunci baris',
    en: 'Registration number; the row key',
  },
  'import.c.fullName': { id: 'Nama lengkap, 2–120 karakter', en: 'Full name, 2–120 characters' },
  'import.c.birthDate': { id: 'Tanggal lahir', en: 'Date of birth' },
  'import.c.gender': {
    id: 'L/P, laki-laki/perempuan, male/female',
    en: 'L/P, laki-laki/perempuan, male/female',
  },
  'import.c.bapasCode': {
    id: 'Kode fasilitas Bapas pembimbing',
    en: 'Facility code of the supervising Bapas',
  },
  'import.c.province': { id: 'Provinsi domisili', en: 'Home province' },
  'import.c.regency': { id: 'Kabupaten/kota domisili', en: 'Home regency/city' },
  'import.c.lat': { id: 'Lintang (bersama lng)', en: 'Latitude (with lng)' },
  'import.c.lng': { id: 'Bujur (bersama lat)', en: 'Longitude (with lat)' },
  'import.c.releaseDate': { id: 'Perkiraan tanggal bebas', en: 'Expected release date' },
  'import.c.releaseType': {
    id: 'bebas_murni, pb, cb, cmb atau asimilasi',
    en: 'bebas_murni, pb, cb, cmb or asimilasi',
  },
  'import.c.skills': {
    id: 'keahlian:tingkat[:bukti]; tingkat dasar/menengah/mahir; bukti pengalaman/pelatihan/sertifikasi',
    en: 'skill:level[:evidence]; level basic/intermediate/advanced; evidence experience/training/certification',
  },
  'import.c.education': { id: 'none, sd, smp, sma, smk, d3, s1', en: 'none, sd, smp, sma, smk, d3, s1' },
  'import.c.languages': { id: 'Bahasa, dipisah ;', en: 'Languages, separated by ;' },
  'import.c.preferredSectors': {
    id: 'Bidang kerja diminati, dipisah ;',
    en: 'Sectors of interest, separated by ;',
  },
  'import.c.preferredRegencies': {
    id: 'Kabupaten tujuan kerja, dipisah ;',
    en: 'Regencies to work in, separated by ;',
  },
  'import.c.willingToRelocate': { id: 'ya/tidak', en: 'yes/no' },
  'import.c.nightShiftOk': { id: 'ya/tidak', en: 'yes/no' },
  'import.c.email': { id: 'Alamat email', en: 'Email address' },
  'import.c.phone': { id: 'Nomor telepon', en: 'Phone number' },
  'import.c.shareWithEmployers': {
    id: 'ya/tidak — setuju profil tanpa nama ditampilkan ke pemberi kerja; kosong = tidak',
    en: 'yes/no — agrees to an anonymous profile shown to employers; empty = no',
  },
  'import.c.contactByEmail': {
    id: 'ya/tidak — setuju dihubungi lewat email; kosong = tidak',
    en: 'yes/no — agrees to email contact; empty = no',
  },
  'import.c.offenceCategory': {
    id: 'Kategori perkara; tidak pernah ditampilkan ke pemberi kerja',
    en: 'Offence category; never shown to employers',
  },
  'import.c.allowedRegencies': {
    id: 'Syarat PB: kabupaten yang diizinkan, dipisah ;',
    en: 'Parole: regencies allowed, separated by ;',
  },
  'import.c.curfew': { id: 'Syarat PB: jam malam, ya/tidak', en: 'Parole: curfew, yes/no' },
  'import.c.excludedSectors': {
    id: 'Syarat: bidang kerja dilarang, dipisah ;',
    en: 'Condition: sectors excluded, separated by ;',
  },
  'import.c.notes': { id: 'Catatan internal', en: 'Internal notes' },
});

const REQUIRED_COLUMNS = new Set([
  'fullName',
  'birthDate',
  'gender',
  'province',
  'regency',
  'releaseDate',
  'releaseType',
]);

const EXAMPLES: Partial<Record<(typeof CANDIDATE_COLUMNS)[number], string>> = {
  registrationNumber: 'W01.0123/2025',
  fullName: 'Andi Saputra',
  birthDate: '1992-04-17',
  gender: 'L',
  bapasCode: 'BAPAS-WATAMPONE',
  province: 'Sulawesi Selatan',
  regency: 'Bone',
  releaseDate: '2027-03-01',
  releaseType: 'pb',
  skills: 'las listrik:intermediate:training; welding.safety:basic',
  education: 'smp',
  languages: 'Bahasa Indonesia; Bugis',
  preferredSectors: 'manufacturing; Konstruksi',
  willingToRelocate: 'tidak',
  shareWithEmployers: 'ya',
  offenceCategory: 'pencurian',
  excludedSectors: 'finance',
};

/** The example file (the same as docs/examples/candidates.csv, which the image does not carry). */
export const EXAMPLE_CSV = `registrationNumber,fullName,birthDate,gender,bapasCode,province,regency,lat,lng,releaseDate,releaseType,skills,education,languages,preferredSectors,preferredRegencies,willingToRelocate,nightShiftOk,email,phone,shareWithEmployers,contactByEmail,offenceCategory,allowedRegencies,curfew,excludedSectors,notes
W01.0123/2025,Andi Saputra,1992-04-17,L,BAPAS-WATAMPONE,Sulawesi Selatan,Bone,-4.5386,120.3279,2027-03-01,pb,las listrik:intermediate:training; welding.safety:basic,smp,Bahasa Indonesia; Bugis,manufacturing; construction,Bone; Makassar,tidak,ya,,+62 812 3456 7890,ya,tidak,pencurian,Bone,ya,finance,Ikut pelatihan las 160 jam di BLK Bone
W01.0124/2025,Muhammad Rizal,1988-11-02,laki-laki,BAPAS-WATAMPONE,Sulawesi Selatan,Bone,,,2027-01-20,Bebas Murni,automotive.motorcycle-efi:advanced:experience,sma,Bahasa Indonesia,Bengkel dan otomotif,Bone,ya,tidak,rizal@example.id,,ya,ya,,,,,"Pernah bekerja di bengkel motor, 4 tahun"
W01.0125/2025,Nurul Hidayah,1996-02-29,P,,Sulawesi Selatan,Kab. Bone,,,2027-06-15,asimilasi,Menjahit Pakaian Wanita:dasar:pelatihan,smk,Bahasa Indonesia; Bugis,garment,,tidak,tidak,,,tidak,tidak,,,,,
`;

/** What the result page and the report download need, kept for a day. */
interface StoredImport {
  runId: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  notProcessed: number;
  fatal?: { message: string; messageEn: string };
  stopped?: { message: string; messageEn: string };
  issueCount: number;
  issues: RowIssue[];
  report: string;
}

async function ownFacility(w: WebContext) {
  const f = w.actor!.facilityId ? await facilityRepository.findById(w.actor!.facilityId) : null;
  if (!f) throw httpErrors.forbidden();
  return f;
}

function columnsTable(w: WebContext): SafeHtml {
  return html`<table><caption class="muted">${w.t('import.columnsIntro')}</caption>
<thead><tr><th scope="col">${w.t('import.col.name')}</th><th scope="col">${w.t('import.col.required')}</th><th scope="col">${w.t('import.col.meaning')}</th><th scope="col">${w.t('import.col.example')}</th></tr></thead>
<tbody>${CANDIDATE_COLUMNS.map(
    (c) =>
      html`<tr><th scope="row"><code>${c}</code></th><td>${c === 'registrationNumber' ? w.t('import.always') : REQUIRED_COLUMNS.has(c) ? w.t('import.yes') : ''}</td><td>${w.t(`import.c.${c}`)}</td><td>${EXAMPLES[c] ? html`<code>${EXAMPLES[c]}</code>` : ''}</td></tr>`,
  )}</tbody></table>`;
}

function uploadForm(w: WebContext, facilityName: string, errors: FieldErrors | null, text: string): SafeHtml {
  const fileId = fieldId('file');
  const fileErr = errors?.file;
  return html`<h1>${w.t('import.title')}</h1>
<p>${w.t('import.intro', { facility: facilityName })}</p>
${errorSummary(w, errors, { file: w.t('import.file') })}
<form method="post" action="/app/import" enctype="multipart/form-data" id="f-${FORM_KEY}" tabindex="-1" novalidate>${csrfField(w)}
<div class="${fileErr ? 'field has-error' : 'field'}"><label for="${fileId}">${w.t('import.file')}</label>
<span class="hint" id="${fileId}-hint">${w.t('import.fileHint')}</span>
${fileErr ? html`<span class="field-error" id="${fileId}-error">${fileErr}</span>` : ''}
<input id="${fileId}" name="file" type="file" accept=".csv,text/csv" aria-describedby="${fileId}-hint${fileErr ? ` ${fileId}-error` : ''}"${when(fileErr, html` aria-invalid="true"`)}></div>
${textarea(w, { name: 'text', label: w.t('import.text'), hint: w.t('import.textHint'), value: text, rows: 6 })}
<button type="submit">${w.t('import.submit')}</button>
</form>
<p><a href="/app/import/example.csv" download>${w.t('import.example')}</a></p>
<h2>${w.t('import.columns')}</h2>
${columnsTable(w)}`;
}

function resultPage(w: WebContext, r: StoredImport, downloadable: boolean): SafeHtml {
  const pick = (m: { message: string; messageEn: string }) => (w.lang === 'id' ? m.message : m.messageEn);
  const heading = r.fatal
    ? html`<div class="error-summary" role="alert"><h2>${w.t('import.fatal')}</h2><p>${pick(r.fatal)}</p></div>`
    : r.stopped
      ? html`<div class="error-summary" role="alert"><h2>${w.t('import.stopped')}</h2><p>${pick(r.stopped)}</p></div>`
      : html`<p class="notice" role="status">${w.t('import.done')}</p>`;
  const n = (x: number) => w.i18n.number(x);
  return html`<h1>${w.t('import.resultTitle')}</h1>
${heading}
${
  r.fatal
    ? ''
    : html`<dl class="summary"><dt>${w.t('import.rows')}</dt><dd>${n(r.rows)}</dd>
<dt>${w.t('import.created')}</dt><dd>${n(r.created)}</dd>
<dt>${w.t('import.updated')}</dt><dd>${n(r.updated)}</dd>
<dt>${w.t('import.unchanged')}</dt><dd>${n(r.unchanged)}</dd>
<dt>${w.t('import.failed')}</dt><dd>${n(r.failed)}</dd>
${r.notProcessed ? html`<dt>${w.t('import.notProcessed')}</dt><dd>${n(r.notProcessed)}</dd>` : ''}</dl>`
}
${
  r.issues.length
    ? html`<h2>${w.t('import.issues')}</h2><p>${w.t('import.issuesIntro')}</p>
${downloadable ? html`<p><a class="button secondary" href="/app/import/${r.runId}/errors.csv" download>${w.t('import.download')}</a> <span class="hint inline">${w.t('import.downloadHint')}</span></p>` : ''}
${r.issueCount > r.issues.length ? html`<p class="notice">${w.t('import.issuesMore', { shown: n(r.issues.length), total: n(r.issueCount) })}</p>` : ''}
<table><thead><tr><th scope="col">${w.t('import.row')}</th><th scope="col">${w.t('import.column')}</th><th scope="col">${w.t('import.message')}</th></tr></thead>
<tbody>${r.issues.map((i) => html`<tr><th scope="row">${i.row}</th><td>${i.field ? html`<code>${i.field}</code>` : w.t('import.wholeRow')}</td><td>${pick(i)}</td></tr>`)}</tbody></table>`
    : ''
}
<p><a class="button" href="/app/import">${w.t('import.again')}</a> <a class="button secondary" href="/app/cohort">${w.t('import.toCohort')}</a></p>`;
}

/** The CSV text of the upload (or the pasted text), or an error message key. */
function uploadedText(body: Record<string, unknown>): { text: string } | { error: string } {
  const file = body.file;
  if (file instanceof UploadedFile) {
    // NUL bytes mean a spreadsheet or other binary file rather than CSV text.
    if (file.data.includes(0)) return { error: 'import.notCsv' };
    return { text: file.data.toString('utf8') };
  }
  const text = typeof body.text === 'string' ? body.text : '';
  return text.trim() ? { text } : { error: 'import.none' };
}

/** Runs the import core over the text in a private temporary directory, then removes it. */
async function runUpload(
  w: WebContext,
  text: string,
  facilityCode: string,
  deps: Pick<Deps, 'clock'>,
  hooks: CandidateHooks,
): Promise<StoredImport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bk-web-import-'));
  try {
    const file = path.join(dir, 'upload.csv');
    await writeFile(file, text, { encoding: 'utf8', mode: 0o600 });
    const s: ImportSummary = await importCandidates(
      { hooks, clock: deps.clock, actor: w.actor! },
      { file, facilityCode },
    );
    const report = await readFile(reportPathFor(file), 'utf8').catch(() => '');
    return {
      runId: s.runId,
      rows: s.rows,
      created: s.created,
      updated: s.updated,
      unchanged: s.unchanged,
      failed: s.failed,
      notProcessed: s.notProcessed,
      fatal: s.fatal,
      stopped: s.stopped,
      issueCount: s.issues.length,
      issues: s.issues.slice(0, SHOWN_ISSUES),
      report,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** CSV import for Lapas staff: upload (or paste) → result page with counts and the row problems. */
export function registerImportScreens(
  web: WebBuilder,
  deps: Pick<Deps, 'clock'>,
  hooks: CandidateHooks,
  store: ResultStore,
): void {
  web.get('/app/import', { roles: STAFF }, async (w) => {
    const f = await ownFacility(w);
    const errors = w.query.error === 'too-large' ? { file: w.t('import.tooLarge') } : null;
    return page(w.t('import.title'), uploadForm(w, f.name, errors, ''));
  });

  web.get('/app/import/example.csv', { roles: STAFF }, async () => ({
    kind: 'download',
    filename: 'contoh-kandidat.csv',
    contentType: 'text/csv; charset=utf-8',
    body: EXAMPLE_CSV,
  }));

  // Multipart bodies are read only for this route, before the web framework checks the CSRF field.
  web.router.post('/app/import', multipartForm(MAX_UPLOAD_BYTES, '/app/import?error=too-large'));
  web.post('/app/import', { roles: STAFF }, async (w): Promise<WebResult> => {
    const f = await ownFacility(w);
    const got = uploadedText(w.body);
    if ('error' in got) {
      const pasted = typeof w.body.text === 'string' ? w.body.text : '';
      return page(w.t('import.title'), uploadForm(w, f.name, { file: w.t(got.error) }, pasted), 400);
    }
    let result: StoredImport;
    try {
      result = await runUpload(w, got.text, f.code, deps, hooks);
    } catch (err) {
      if (!(err instanceof ImportSetupError)) throw err;
      const message = w.lang === 'id' ? err.message : err.messageEn;
      const pasted = typeof w.body.text === 'string' ? w.body.text : '';
      return page(w.t('import.title'), uploadForm(w, f.name, { [FORM_KEY]: message }, pasted), 400);
    }
    if (await store.put('import', f.id, result.runId, result)) return redirect(`/app/import/${result.runId}`);
    return page(w.t('import.resultTitle'), resultPage(w, result, false));
  });

  const stored = async (w: WebContext) => {
    const f = await ownFacility(w);
    const runId = String(w.params.runId ?? '');
    const r = /^[0-9a-f]{8}$/.test(runId) ? await store.get<StoredImport>('import', f.id, runId) : undefined;
    if (!r) throw httpErrors.notFound('Hasil impor', 'Import result');
    return r;
  };
  web.get('/app/import/:runId', { roles: STAFF }, async (w) =>
    page(w.t('import.resultTitle'), resultPage(w, await stored(w), true)),
  );
  web.get('/app/import/:runId/errors.csv', { roles: STAFF }, async (w) => {
    const r = await stored(w);
    return {
      kind: 'download',
      filename: `laporan-impor-${r.runId}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: r.report,
    };
  });
}
