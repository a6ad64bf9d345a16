// One programme's results for many participants: the trainer picks the programme, dates and hours,
// marks each participant, checks a confirm page, and saves. Each participant is saved on its own;
// the ones that fail are listed with the reason while the others stay saved.

import { randomBytes } from 'node:crypto';
import { TRAINING_RESULTS } from '../../candidates/model.js';
import { ListCandidatesQuery, TrainingBody, type TrainingInput } from '../../candidates/schemas.js';
import { addTraining, type CandidateHooks, getCandidate, listCandidates } from '../../candidates/service.js';
import { facilityRepository } from '../../facilities/repository.js';
import { AppError, errors as httpErrors } from '../../http/errors.js';
import type { Logger } from '../../infra/logger.js';
import type { ProgrammeDef } from '../../skills/taxonomy.data.js';
import { csrfField, errorSummary, type FieldErrors, input, pager, q1, select } from '../components.js';
import { page, redirect, type WebBuilder, type WebContext } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages, i18n } from '../i18n.js';
import {
  checkPeriod,
  codeOptions,
  FORM_KEY,
  type ResultStore,
  requireFields,
  skillName,
  str,
  wholeNumber,
  zodFieldErrors,
} from './common.js';
import { findProgramme, ownBlkName, programmeSelect } from './records.js';

defineMessages({
  'batch.title': { id: 'Hasil pelatihan untuk banyak peserta', en: 'Training results for many participants' },
  'batch.intro': {
    id: 'Pilih program dan tanggalnya, lalu tandai hasil tiap peserta. Anda akan melihat ringkasan untuk diperiksa sebelum disimpan.',
    en: 'Pick the programme and its dates, then mark each participant. You will see a summary to check before anything is saved.',
  },
  'batch.find': { id: 'Cari peserta', en: 'Find participants' },
  'batch.programme': { id: 'Program BLK', en: 'BLK programme' },
  'batch.hoursHint': {
    id: 'Kosongkan untuk memakai jam standar program.',
    en: 'Leave empty to use the programme’s standard hours.',
  },
  'batch.participants': { id: 'Peserta dan hasilnya', en: 'Participants and their results' },
  'batch.participantsHint': {
    id: 'Biarkan "Tidak ikut" untuk orang yang tidak mengikuti program ini.',
    en: 'Leave "Not in this course" for people who did not take this programme.',
  },
  'batch.notIn': { id: 'Tidak ikut', en: 'Not in this course' },
  'batch.more': {
    id: 'Menampilkan {shown} dari {total} peserta. Simpan halaman ini dahulu, atau persempit dengan pencarian.',
    en: 'Showing {shown} of {total} participants. Save this page first, or narrow the list with a search.',
  },
  'batch.none': { id: 'Belum ada peserta yang dapat Anda catat.', en: 'No participants you can record yet.' },
  'batch.noneMarked': {
    id: 'Tandai hasil untuk paling sedikit satu peserta',
    en: 'Mark a result for at least one participant',
  },
  'batch.review': { id: 'Periksa', en: 'Review' },
  'batch.confirmTitle': { id: 'Periksa sebelum menyimpan', en: 'Check before saving' },
  'batch.confirmIntro': {
    id: 'Belum ada yang tersimpan. Periksa daftar ini, lalu simpan atau kembali untuk mengubah.',
    en: 'Nothing is saved yet. Check this list, then save or go back to change it.',
  },
  'batch.provider': { id: 'Penyelenggara', en: 'Provider' },
  'batch.dates': { id: 'Tanggal', en: 'Dates' },
  'batch.hours': { id: 'Jam', en: 'Hours' },
  'batch.raises': { id: 'Keahlian yang naik bila lulus', en: 'Skills raised when passed' },
  'batch.counts': {
    id: '{n} peserta: {passed} lulus, {failed} tidak lulus, {ongoing} masih berjalan',
    en: '{n} participants: {passed} passed, {failed} failed, {ongoing} ongoing',
  },
  'batch.save': { id: 'Simpan {n} catatan pelatihan', en: 'Save {n} training records' },
  'batch.change': { id: 'Ubah', en: 'Change' },
  'batch.doneTitle': { id: 'Hasil pelatihan disimpan', en: 'Training results saved' },
  'batch.doneCounts': { id: '{saved} tersimpan, {failed} gagal.', en: '{saved} saved, {failed} failed.' },
  'batch.failedTitle': { id: 'Tidak tersimpan', en: 'Not saved' },
  'batch.failedIntro': {
    id: 'Catatan lain sudah tersimpan. Perbaiki penyebabnya, lalu catat orang-orang ini lagi.',
    en: 'The other records are saved. Fix the cause, then record these people again.',
  },
  'batch.savedTitle': { id: 'Tersimpan', en: 'Saved' },
  'batch.reason': { id: 'Sebab', en: 'Reason' },
  'batch.pending': {
    id: 'Catatan ini sedang disimpan. Muat ulang halaman sebentar lagi.',
    en: 'These records are being saved. Reload the page in a moment.',
  },
  'batch.another': { id: 'Catat program lain', en: 'Record another programme' },
  'batch.toList': { id: 'Ke daftar peserta', en: 'To the participant list' },
  'batch.notFound': { id: 'peserta tidak ditemukan', en: 'participant not found' },
  'batch.reload': { id: 'Muat ulang', en: 'Reload' },
  'batch.systemError': {
    id: 'kesalahan sistem; coba catat lagi nanti',
    en: 'system error; try recording again later',
  },
});

const TRAINER = ['trainer'] as const;
const PAGE_SIZE = 100;

interface Person {
  id: string;
  fullName: string;
  registrationNumber: string;
  facilityId: string;
}

type Result = (typeof TRAINING_RESULTS)[number];

interface BatchSummary {
  programme: string;
  saved: (Person & { result: Result })[];
  failed: (Person & { result: Result; message: string; messageEn: string })[];
}

/** The posted results: participant id → result, in posted order. */
function readResults(body: Record<string, unknown>): Map<string, Result> {
  const out = new Map<string, Result>();
  for (const [k, v] of Object.entries(body)) {
    const m = /^result\.([0-9a-f]{24})$/i.exec(k);
    const value = typeof v === 'string' ? v : '';
    if (m && (TRAINING_RESULTS as readonly string[]).includes(value)) out.set(m[1]!, value as Result);
  }
  return out;
}

interface Checked {
  programme: ProgrammeDef;
  input: Omit<TrainingInput, 'result'>;
  results: Map<string, Result>;
}

/** Validates the programme, dates, hours and marks; field errors or the checked batch. */
function check(w: WebContext): { errors: FieldErrors } | Checked {
  const b = w.body;
  const errors: FieldErrors = {};
  requireFields(w, b, ['programmeCode', 'startDate', 'endDate'], errors);
  const programme = findProgramme(str(b, 'programmeCode'));
  if (str(b, 'programmeCode') && !programme) errors.programmeCode = w.t('cohort.required');
  const hoursText = str(b, 'hours');
  const hours = hoursText ? wholeNumber(hoursText) : (programme?.hours ?? null);
  if (hoursText && hours === null) errors.hours = w.t('cohort.notNumber');
  checkPeriod(w, str(b, 'startDate'), str(b, 'endDate'), errors);
  const results = readResults(b);
  if (!results.size) errors.participants = w.t('batch.noneMarked');
  const parsed = TrainingBody.safeParse({
    provider: w.actor!.facilityId,
    programme: programme?.name.id,
    startDate: str(b, 'startDate') || undefined,
    endDate: str(b, 'endDate') || undefined,
    hours: hours ?? undefined,
    result: 'passed',
    skills: programme ? [...programme.skills] : [],
  });
  if (!parsed.success) {
    zodFieldErrors(
      parsed.error,
      w.lang,
      (p) =>
        p === 'programme' || p.startsWith('skills')
          ? 'programmeCode'
          : p.startsWith('provider')
            ? FORM_KEY
            : p,
      errors,
    );
  }
  if (Object.keys(errors).length || !parsed.success || !programme) return { errors };
  const { result: _result, ...input } = parsed.data;
  return { programme, input, results };
}

/** The participants a page of the form shows, plus anyone already marked but not on that page. */
async function participants(
  w: WebContext,
  filters: { q?: string; status?: string; page?: string },
  marked: Iterable<string>,
): Promise<{ people: Person[]; total: number; page: number }> {
  const parsed = ListCandidatesQuery.safeParse({
    q: filters.q || undefined,
    status: filters.status || undefined,
    page: filters.page || undefined,
    sort: 'name',
    limit: String(PAGE_SIZE),
  });
  const query = parsed.success
    ? parsed.data
    : ListCandidatesQuery.parse({ sort: 'name', limit: String(PAGE_SIZE) });
  const res = await listCandidates(w.actor!, query, w.ctx);
  const people = res.items as Person[];
  const seen = new Set(people.map((p) => p.id));
  for (const id of marked) {
    if (seen.has(id)) continue;
    const c = await getCandidate(w.actor!, id, w.ctx).catch(() => null);
    if (c && 'registrationNumber' in c) {
      people.push({
        id: c.id,
        fullName: c.fullName,
        registrationNumber: c.registrationNumber,
        facilityId: c.facilityId,
      });
    }
  }
  return { people, total: res.total, page: res.page };
}

async function facilityNames(ids: string[]): Promise<Map<string, string>> {
  return new Map((await facilityRepository.findByIds([...new Set(ids)])).map((f) => [f.id, f.name]));
}

function filterHidden(filters: { q?: string; status?: string; page?: string }): SafeHtml {
  return html`${Object.entries(filters).map(([k, v]) => (v ? html`<input type="hidden" name="${k}" value="${v}">` : ''))}`;
}

async function batchForm(
  w: WebContext,
  filters: { q?: string; status?: string; page?: string },
  values: Record<string, unknown>,
  errors: FieldErrors | null,
): Promise<SafeHtml> {
  const results = readResults(values);
  const list = await participants(w, filters, results.keys());
  const names = await facilityNames(list.people.map((p) => p.facilityId));
  const v = (n: string) => str(values, n);
  const labels = {
    programmeCode: w.t('batch.programme'),
    startDate: w.t('cohort.tr.startDate'),
    endDate: w.t('cohort.tr.endDate'),
    hours: w.t('cohort.tr.hours'),
    participants: w.t('batch.participants'),
  };
  const partErr = errors?.participants;
  return html`<h1>${w.t('batch.title')}</h1>
<p>${w.t('batch.intro')}</p>
<form method="get" action="/app/trainings/batch" class="filters" role="search" aria-label="${w.t('batch.find')}">
${input(w, { name: 'q', label: w.t('cohort.q'), type: 'search', value: filters.q ?? '' })}
${select(w, { name: 'status', label: w.t('cohort.status'), value: filters.status, empty: w.t('cohort.anyStatus'), options: codeOptions(w, 'cohort.status', ['in_custody', 'released', 'placed', 'withdrawn']) })}
<button type="submit" class="secondary">${w.t('cohort.filter')}</button> <a href="/app/trainings/batch">${w.t('form.clear')}</a>
</form>
${errorSummary(w, errors, labels)}
<form method="post" action="/app/trainings/batch" id="f-${FORM_KEY}" tabindex="-1" novalidate>${csrfField(w)}
${filterHidden(filters)}
${programmeSelect(w, { name: 'programmeCode', label: w.t('batch.programme'), value: v('programmeCode'), empty: '—', errors })}
${input(w, { name: 'startDate', label: w.t('cohort.tr.startDate'), type: 'date', value: v('startDate'), required: true, errors })}
${input(w, { name: 'endDate', label: w.t('cohort.tr.endDate'), type: 'date', value: v('endDate'), required: true, errors })}
${input(w, { name: 'hours', label: w.t('cohort.tr.hours'), type: 'number', value: v('hours'), hint: w.t('batch.hoursHint'), errors, attrs: html` min="1" max="2000" inputmode="numeric"` })}
<fieldset id="f-participants" tabindex="-1"${when(partErr, html` aria-describedby="f-participants-error"`)}><legend>${w.t('batch.participants')}</legend>
<p class="hint">${w.t('batch.participantsHint')}</p>
${partErr ? html`<span class="field-error" id="f-participants-error">${partErr}</span>` : ''}
${
  list.people.length
    ? html`<table><thead><tr><th scope="col">${w.t('cohort.col.name')}</th><th scope="col">${w.t('cohort.col.registration')}</th><th scope="col">${w.t('cohort.col.facility')}</th><th scope="col">${w.t('cohort.tr.result')}</th></tr></thead>
<tbody>${list.people.map((p) => {
        const id = `f-result-${p.id}`;
        const current = results.get(p.id) ?? '';
        return html`<tr><th scope="row"><label for="${id}">${p.fullName}</label></th><td>${p.registrationNumber}</td><td>${names.get(p.facilityId) ?? '—'}</td>
<td><select id="${id}" name="result.${p.id}"><option value="">${w.t('batch.notIn')}</option>${TRAINING_RESULTS.map((r) => html`<option value="${r}"${when(current === r, html` selected`)}>${w.t(`cohort.result.${r}`)}</option>`)}</select></td></tr>`;
      })}</tbody></table>`
    : html`<p>${w.t('batch.none')}</p>`
}
${list.total > list.people.length ? html`<p class="notice">${w.t('batch.more', { shown: w.i18n.number(Math.min(PAGE_SIZE, list.total)), total: w.i18n.number(list.total) })}</p>` : ''}
</fieldset>
<button type="submit">${w.t('batch.review')}</button>
</form>
${pager(w, list.page, PAGE_SIZE, list.total)}`;
}

function resultCounts(w: WebContext, results: Iterable<Result>): string {
  const n = { passed: 0, failed: 0, ongoing: 0 };
  let total = 0;
  for (const r of results) {
    n[r]++;
    total++;
  }
  return w.t('batch.counts', { n: total, ...n });
}

async function confirmPage(w: WebContext, c: Checked): Promise<SafeHtml> {
  const people: (Person & { result: Result })[] = [];
  const missing: string[] = [];
  for (const [id, result] of c.results) {
    const p = await getCandidate(w.actor!, id, w.ctx).catch((err: unknown) => {
      if (err instanceof AppError && err.status < 500) return null;
      throw err;
    });
    if (p && 'registrationNumber' in p)
      people.push({
        id,
        fullName: p.fullName,
        registrationNumber: p.registrationNumber,
        facilityId: p.facilityId,
        result,
      });
    else missing.push(id);
  }
  const blk = await ownBlkName(w.actor!);
  const token = randomBytes(12).toString('base64url');
  const filters = { q: str(w.body, 'q'), status: str(w.body, 'status'), page: str(w.body, 'page') };
  return html`<h1>${w.t('batch.confirmTitle')}</h1>
<p class="notice">${w.t('batch.confirmIntro')}</p>
<dl class="summary"><dt>${w.t('batch.programme')}</dt><dd>${c.programme.name[w.lang]}</dd>
<dt>${w.t('batch.provider')}</dt><dd>${blk}</dd>
<dt>${w.t('batch.dates')}</dt><dd>${w.i18n.day(c.input.startDate)} – ${w.i18n.day(c.input.endDate)}</dd>
<dt>${w.t('batch.hours')}</dt><dd>${w.i18n.number(c.input.hours)}</dd>
<dt>${w.t('batch.raises')}</dt><dd>${c.programme.skills.map((s) => skillName(w, s)).join(', ')}</dd></dl>
<p><strong>${resultCounts(
    w,
    people.map((p) => p.result),
  )}</strong></p>
${missing.length ? html`<p class="notice" role="alert">${missing.length} ${w.t('batch.notFound')}</p>` : ''}
<table><thead><tr><th scope="col">${w.t('cohort.col.name')}</th><th scope="col">${w.t('cohort.col.registration')}</th><th scope="col">${w.t('cohort.tr.result')}</th></tr></thead>
<tbody>${people.map((p) => html`<tr><th scope="row">${p.fullName}</th><td>${p.registrationNumber}</td><td>${w.t(`cohort.result.${p.result}`)}</td></tr>`)}</tbody></table>
<form method="post" action="/app/trainings/batch/confirm">${csrfField(w)}
<input type="hidden" name="token" value="${token}">
<input type="hidden" name="programmeCode" value="${c.programme.code}">
<input type="hidden" name="startDate" value="${str(w.body, 'startDate')}">
<input type="hidden" name="endDate" value="${str(w.body, 'endDate')}">
<input type="hidden" name="hours" value="${String(c.input.hours)}">
${filterHidden(filters)}
${people.map((p) => html`<input type="hidden" name="result.${p.id}" value="${p.result}">`)}
<button type="submit">${w.t('batch.save', { n: people.length })}</button>
<button type="submit" class="secondary" formaction="/app/trainings/batch" name="edit" value="1">${w.t('batch.change')}</button>
</form>`;
}

/** Saves every marked participant on its own; failures are collected, successes stay saved. */
async function saveBatch(
  w: WebContext,
  c: Checked,
  hooks: CandidateHooks,
  log: Logger,
): Promise<BatchSummary> {
  const summary: BatchSummary = { programme: c.programme.name[w.lang], saved: [], failed: [] };
  for (const [id, result] of c.results) {
    try {
      const v = await addTraining(w.actor!, id, { ...c.input, result }, w.ctx, hooks);
      summary.saved.push({
        id,
        fullName: v.fullName,
        registrationNumber: v.registrationNumber,
        facilityId: v.facilityId,
        result,
      });
    } catch (err) {
      const known = err instanceof AppError && err.status < 500;
      if (!known) log.error({ err, requestId: w.ctx.requestId, candidateId: id }, 'batch training failed');
      const who = await getCandidate(w.actor!, id, w.ctx).catch(() => null);
      const person =
        who && 'registrationNumber' in who
          ? { fullName: who.fullName, registrationNumber: who.registrationNumber, facilityId: who.facilityId }
          : { fullName: w.t('batch.notFound'), registrationNumber: '—', facilityId: '' };
      const text = (lang: 'id' | 'en') =>
        known
          ? err.details?.length
            ? err.details.map((d) => (lang === 'id' ? d.message : (d.messageEn ?? d.message))).join('; ')
            : lang === 'id'
              ? err.message
              : err.messageEn
          : i18n(lang).t('batch.systemError');
      summary.failed.push({ id, ...person, result, message: text('id'), messageEn: text('en') });
    }
  }
  return summary;
}

function summaryPage(w: WebContext, s: BatchSummary): SafeHtml {
  const row = (p: Person & { result: Result }, extra: SafeHtml | string = '') =>
    html`<tr><th scope="row"><a href="/app/cohort/${p.id}">${p.fullName}</a></th><td>${p.registrationNumber}</td><td>${w.t(`cohort.result.${p.result}`)}</td>${extra}</tr>`;
  return html`<h1>${w.t('batch.doneTitle')}</h1>
<p class="notice" role="status">${s.programme}: ${w.t('batch.doneCounts', { saved: s.saved.length, failed: s.failed.length })}</p>
${
  s.failed.length
    ? html`<h2>${w.t('batch.failedTitle')}</h2><p>${w.t('batch.failedIntro')}</p>
<table><thead><tr><th scope="col">${w.t('cohort.col.name')}</th><th scope="col">${w.t('cohort.col.registration')}</th><th scope="col">${w.t('cohort.tr.result')}</th><th scope="col">${w.t('batch.reason')}</th></tr></thead>
<tbody>${s.failed.map((f) => row(f, html`<td>${w.lang === 'id' ? f.message : f.messageEn}</td>`))}</tbody></table>`
    : ''
}
${
  s.saved.length
    ? html`<h2>${w.t('batch.savedTitle')}</h2>
<table><thead><tr><th scope="col">${w.t('cohort.col.name')}</th><th scope="col">${w.t('cohort.col.registration')}</th><th scope="col">${w.t('cohort.tr.result')}</th></tr></thead>
<tbody>${s.saved.map((p) => row(p))}</tbody></table>`
    : ''
}
<p><a class="button" href="/app/trainings/batch">${w.t('batch.another')}</a> <a class="button secondary" href="/app/cohort">${w.t('batch.toList')}</a></p>`;
}

/** The batch flow for BLK trainers: form → "Periksa sebelum menyimpan" → save → summary. */
export function registerBatchScreens(
  web: WebBuilder,
  hooks: CandidateHooks,
  store: ResultStore,
  log: Logger,
): void {
  web.get('/app/trainings/batch', { roles: TRAINER }, async (w) => {
    const filters = { q: q1(w, 'q'), status: q1(w, 'status'), page: q1(w, 'page') };
    return page(w.t('batch.title'), await batchForm(w, filters, {}, null));
  });

  const postedFilters = (w: WebContext) => ({
    q: str(w.body, 'q'),
    status: str(w.body, 'status'),
    page: str(w.body, 'page'),
  });

  web.post('/app/trainings/batch', { roles: TRAINER }, async (w) => {
    const filters = postedFilters(w);
    if (str(w.body, 'edit')) return page(w.t('batch.title'), await batchForm(w, filters, w.body, null));
    const checked = check(w);
    if ('errors' in checked)
      return page(w.t('batch.title'), await batchForm(w, filters, w.body, checked.errors), 400);
    return page(w.t('batch.confirmTitle'), await confirmPage(w, checked));
  });

  web.post('/app/trainings/batch/confirm', { roles: TRAINER }, async (w) => {
    const checked = check(w);
    if ('errors' in checked) {
      return page(w.t('batch.title'), await batchForm(w, postedFilters(w), w.body, checked.errors), 400);
    }
    const token = str(w.body, 'token');
    const owner = w.actor!.userId;
    const claimed = /^[A-Za-z0-9_-]{16,40}$/.test(token) ? await store.claim('batch', owner, token) : null;
    // A second submit of the same confirm page (double click, Back + resubmit) shows the first result.
    if (claimed === false) return redirect(`/app/trainings/batch/${token}`);
    const summary = await saveBatch(w, checked, hooks, log);
    if (claimed && (await store.put('batch', owner, token, summary))) {
      return redirect(`/app/trainings/batch/${token}`);
    }
    return page(w.t('batch.doneTitle'), summaryPage(w, summary));
  });

  web.get('/app/trainings/batch/:token', { roles: TRAINER }, async (w) => {
    const token = String(w.params.token ?? '');
    const s = /^[A-Za-z0-9_-]{16,40}$/.test(token)
      ? await store.get<BatchSummary>('batch', w.actor!.userId, token)
      : undefined;
    if (s === undefined) throw httpErrors.notFound('Hasil', 'Result');
    if (s === null)
      return page(
        w.t('batch.doneTitle'),
        html`<h1>${w.t('batch.doneTitle')}</h1><p class="notice" role="status">${w.t('batch.pending')}</p><p><a href="/app/trainings/batch/${token}">${w.t('batch.reload')}</a></p>`,
      );
    return page(w.t('batch.doneTitle'), summaryPage(w, s));
  });
}
