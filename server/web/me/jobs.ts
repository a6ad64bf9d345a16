import { candidateRepository } from '../../candidates/repository.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../http/errors.js';
import { explain, violations } from '../../matching/rules.js';
import { matchVacanciesForCandidate, type VacancyMatch } from '../../matching/service.js';
import { placementRepository } from '../../placements/repository.js';
import { createPlacement } from '../../placements/service.js';
import { regionKey } from '../../shared/regions.js';
import { SECTOR_CODES } from '../../shared/sectors.js';
import { vacancyRepository } from '../../vacancies/repository.js';
import type { VacancyView } from '../../vacancies/schemas.js';
import { getVacancy } from '../../vacancies/service.js';
import { csrfField, pager, q1 } from '../components.js';
import { fragment, page, redirect, type WebBuilder, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import { myCandidateId, pageParam, pathId, sectorLabel, wageText } from './shared.js';

defineMessages({
  'me.jobs.title': { id: 'Lowongan untuk saya', en: 'Jobs for me' },
  'me.jobs.intro': {
    id: 'Lowongan terbuka yang cocok dengan keahlian dan ketentuan pembebasan Anda.',
    en: 'Open vacancies that fit your skills and the conditions of your release.',
  },
  'me.jobs.count': { id: '{n} lowongan', en: '{n} vacancies' },
  'me.jobs.none': {
    id: 'Belum ada lowongan yang cocok. Petugas Anda bisa membantu mencari pelatihan atau lowongan lain.',
    en: 'No matching vacancies yet. Your officer can help you find training or other vacancies.',
  },
  'me.jobs.noneFiltered': {
    id: 'Tidak ada lowongan dengan filter ini. Coba hapus filter.',
    en: 'No vacancies with these filters. Try clearing them.',
  },
  'me.jobs.unavailable': {
    id: 'Daftar lowongan sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'The job list is unavailable right now. Please try again shortly.',
  },
  'me.jobs.regency': { id: 'Kabupaten/kota', en: 'Regency' },
  'me.jobs.sector': { id: 'Bidang usaha', en: 'Sector' },
  'me.jobs.all': { id: 'Semua', en: 'All' },
  'me.jobs.sort.score': { id: 'Paling cocok', en: 'Best match' },
  'me.jobs.sort.start': { id: 'Mulai paling cepat', en: 'Earliest start' },
  'me.jobs.sort.wage': { id: 'Upah tertinggi', en: 'Highest wage' },
  'me.jobs.start': { id: 'Mulai {date}', en: 'Starts {date}' },
  'me.jobs.score.high': { id: 'Sangat cocok', en: 'Very good match' },
  'me.jobs.score.mid': { id: 'Cocok', en: 'Good match' },
  'me.jobs.score.low': { id: 'Cukup cocok', en: 'Fair match' },
  'me.jobs.scoreOf': { id: '{score} dari 100', en: '{score} out of 100' },
  'me.jobs.why': { id: 'Kenapa cocok', en: 'Why it fits' },
  'me.jobs.verified': { id: 'pemberi kerja terverifikasi', en: 'verified employer' },
  'me.jobs.pledge': { id: 'berkomitmen memberi kesempatan kedua', en: 'fair-chance employer' },
  'me.job.back': { id: 'Kembali ke daftar lowongan', en: 'Back to the job list' },
  'me.job.employer': { id: 'Pemberi kerja', en: 'Employer' },
  'me.job.place': { id: 'Lokasi', en: 'Location' },
  'me.job.startDate': { id: 'Tanggal mulai', en: 'Start date' },
  'me.job.wage': { id: 'Upah', en: 'Wage' },
  'me.job.openings': { id: 'Jumlah posisi', en: 'Openings' },
  'me.job.closes': { id: 'Pendaftaran ditutup', en: 'Applications close' },
  'me.job.nightShift': { id: 'Shift malam', en: 'Night shift' },
  'me.job.yes': { id: 'Ya', en: 'Yes' },
  'me.job.no': { id: 'Tidak', en: 'No' },
  'me.job.description': { id: 'Tentang pekerjaan ini', en: 'About this job' },
  'me.job.skills': { id: 'Keahlian yang dicari', en: 'Skills wanted' },
  'me.job.required': { id: 'wajib', en: 'required' },
  'me.job.missing': { id: 'Keahlian yang belum Anda punya', en: 'Skills you do not have yet' },
  'me.job.training': { id: 'Pelatihan: {name} ({hours} jam)', en: 'Training: {name} ({hours} hours)' },
  'me.job.interest': { id: 'Saya tertarik', en: 'I am interested' },
  'me.job.interestHint': {
    id: 'Petugas Bapas Anda menerima pesan ini dan memutuskan apakah Anda diperkenalkan kepada pemberi kerja. Pemberi kerja belum melihat nama Anda.',
    en: 'Your probation officer receives this and decides whether to introduce you to the employer. The employer does not see your name yet.',
  },
  'me.job.interested': {
    id: 'Terima kasih. Petugas Anda akan menghubungi Anda.',
    en: 'Thank you. Your officer will contact you.',
  },
  'me.job.already': {
    id: 'Lowongan ini sudah ada di Lamaran saya.',
    en: 'This vacancy is already in My applications.',
  },
  'me.job.openApplication': { id: 'Lihat lamaran', en: 'View the application' },
  'me.job.conditions': {
    id: 'Lowongan ini tidak sesuai dengan ketentuan pembebasan Anda. Bicarakan dengan petugas Anda.',
    en: 'This vacancy does not fit the conditions of your release. Talk to your officer.',
  },
  'me.job.noConsent': {
    id: 'Anda belum setuju data Anda dibagikan kepada pemberi kerja. Petugas hanya bisa memperkenalkan Anda setelah Anda setuju.',
    en: 'You have not agreed to share your data with employers. Your officer can introduce you only after you agree.',
  },
  'me.job.changeConsent': { id: 'Ubah persetujuan', en: 'Change consent' },
});

const PAGE_SIZE = 10;
/** How many matches are scored per request; a person's list is filtered and paged from these. */
const MATCH_LIMIT = 100;
const SORTS = ['score', 'start', 'wage'] as const;
type Sort = (typeof SORTS)[number];

function scoreWords(w: WebContext, score: number): string {
  return w.t(score >= 75 ? 'me.jobs.score.high' : score >= 50 ? 'me.jobs.score.mid' : 'me.jobs.score.low');
}

function employerLine(w: WebContext, v: VacancyView): SafeHtml {
  const e = v.employer;
  if (!e) return html``;
  return html`${e.name}${when(e.verified, html` <span class="status">${w.t('me.jobs.verified')}</span>`)}${when(e.fairChancePledge, html` <span class="status">${w.t('me.jobs.pledge')}</span>`)}`;
}

function jobCard(w: WebContext, m: VacancyMatch): SafeHtml {
  const v = m.vacancy;
  const reasons = w.lang === 'id' ? m.reasons : m.reasonsEn;
  return html`<article class="card"><h2><a href="/app/me/jobs/${v.id}">${v.title}</a></h2>
<p>${employerLine(w, v)}</p>
<p>${v.location.regency} · ${w.t('me.jobs.start', { date: w.i18n.day(v.startDate) })}<br>${wageText(w, v.wage)}</p>
<p><strong>${scoreWords(w, m.score)}</strong> <span class="muted">(${w.t('me.jobs.scoreOf', { score: m.score })})</span></p>
${reasons.length ? html`<ul>${reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
</article>`;
}

function sortMatches(items: VacancyMatch[], sort: Sort): VacancyMatch[] {
  const wage = (m: VacancyMatch) => m.vacancy.wage?.max ?? -1;
  const copy = [...items];
  if (sort === 'start') copy.sort((a, b) => a.vacancy.startDate.localeCompare(b.vacancy.startDate));
  else if (sort === 'wage') copy.sort((a, b) => wage(b) - wage(a) || b.score - a.score);
  return copy; // 'score': the matcher's own order (best first)
}

function options(values: { value: string; label: string }[], selected: string | undefined): SafeHtml[] {
  return values.map(
    (o) => html`<option value="${o.value}"${when(o.value === selected, html` selected`)}>${o.label}</option>`,
  );
}

async function jobsPage(w: WebContext, deps: Pick<Deps, 'search'>): Promise<WebResult> {
  const candidateId = myCandidateId(w);
  const regency = q1(w, 'regency')?.trim().slice(0, 80) || undefined;
  const sectorParam = q1(w, 'sector');
  const sector = (SECTOR_CODES as readonly string[]).includes(sectorParam ?? '') ? sectorParam : undefined;
  const sortParam = q1(w, 'sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'score';
  const pageNo = pageParam(q1(w, 'page'), 100);

  let all: VacancyMatch[] = [];
  let unavailable = false;
  try {
    all = (await matchVacanciesForCandidate(deps.search, w.actor!, candidateId, MATCH_LIMIT, w.ctx.now))
      .items;
  } catch (err) {
    if (err instanceof AppError && err.status === 503) unavailable = true;
    else throw err;
  }
  const filtered = all.filter(
    (m) =>
      (!regency || regionKey(m.vacancy.location.regency) === regionKey(regency)) &&
      (!sector || m.vacancy.sector === sector),
  );
  const sorted = sortMatches(filtered, sort);
  const shown = sorted.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
  const filtering = Boolean(regency || sector);

  const results = html`<div id="results" aria-live="polite">
${
  unavailable
    ? html`<p class="notice" role="status">${w.t('me.jobs.unavailable')}</p>`
    : html`<p><strong>${w.t('me.jobs.count', { n: w.i18n.number(filtered.length) })}</strong></p>
${shown.length ? shown.map((m) => jobCard(w, m)) : html`<p>${w.t(filtering ? 'me.jobs.noneFiltered' : 'me.jobs.none')}</p>`}
${pager(w, pageNo, PAGE_SIZE, filtered.length)}`
}</div>`;
  if (w.partial) return fragment(results);

  const regencies = [
    ...new Map(all.map((m) => [regionKey(m.vacancy.location.regency), m.vacancy.location.regency])).values(),
  ]
    .sort((a, b) => a.localeCompare(b))
    .map((r) => ({ value: r, label: r }));
  if (regency && !regencies.some((r) => regionKey(r.value) === regionKey(regency)))
    regencies.push({ value: regency, label: regency });
  const selectedRegency = regencies.find((r) => regency && regionKey(r.value) === regionKey(regency))?.value;
  const sectors = [...new Set(all.map((m) => m.vacancy.sector as string).concat(sector ? [sector] : []))]
    .map((s) => ({ value: s, label: sectorLabel(w, s) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return page(
    w.t('me.jobs.title'),
    html`<h1>${w.t('me.jobs.title')}</h1><p>${w.t('me.jobs.intro')}</p>
<form method="get" action="/app/me/jobs" class="filters" hx-get="/app/me/jobs" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
<label for="f-regency">${w.t('me.jobs.regency')}</label>
<select id="f-regency" name="regency"><option value="">${w.t('me.jobs.all')}</option>${options(regencies, selectedRegency)}</select>
<label for="f-sector">${w.t('me.jobs.sector')}</label>
<select id="f-sector" name="sector"><option value="">${w.t('me.jobs.all')}</option>${options(sectors, sector)}</select>
<label for="f-sort">${w.t('list.sort')}</label>
<select id="f-sort" name="sort">${options(
      SORTS.map((s) => ({ value: s, label: w.t(`me.jobs.sort.${s}`) })),
      sort,
    )}</select>
<div><button type="submit">${w.t('form.apply')}</button> <a href="/app/me/jobs">${w.t('form.clear')}</a></div>
</form>
${results}`,
  );
}

async function jobPage(w: WebContext, id: string, problem?: string): Promise<WebResult> {
  const candidateId = myCandidateId(w);
  // Only open vacancies: anything else is not found for a person.
  const v = await getVacancy(w.actor!, id, w.ctx.now);
  const [c, record, active] = await Promise.all([
    candidateRepository.findById(candidateId),
    vacancyRepository.findById(id),
    placementRepository.activeFor(candidateId, id),
  ]);
  const fit =
    c && record ? explain({ candidate: c, vacancy: record, now: w.ctx.now, employerFacing: false }) : null;
  const blocked =
    c && record
      ? violations({ candidate: c, vacancy: record, now: w.ctx.now, employerFacing: false }).some(
          (x) => x === 'parole_region' || x === 'curfew_night_shift' || x === 'excluded_sector',
        )
      : false;
  const reasons = fit ? (w.lang === 'id' ? fit.reasons : fit.reasonsEn) : [];
  const interested = q1(w, 'interested') === '1';

  let action: SafeHtml;
  if (active) {
    action = html`<p class="notice" role="status">${interested ? w.t('me.job.interested') : w.t('me.job.already')} <a href="/app/me/applications/${active.id}">${w.t('me.job.openApplication')}</a></p>`;
  } else if (blocked) {
    action = html`<p class="notice">${w.t('me.job.conditions')}</p>`;
  } else {
    action = html`<form method="post" action="/app/me/jobs/${v.id}/interest">${csrfField(w)}
<p class="hint">${w.t('me.job.interestHint')}</p>
<button type="submit">${w.t('me.job.interest')}</button></form>`;
  }
  return page(
    v.title,
    html`<p><a href="/app/me/jobs">← ${w.t('me.job.back')}</a></p>
<h1>${v.title}</h1>
${problem ? html`<p class="notice" role="alert">${problem}</p>` : ''}
${c && !c.consent.shareWithEmployers ? html`<p class="notice">${w.t('me.job.noConsent')} <a href="/app/me#consent">${w.t('me.job.changeConsent')}</a></p>` : ''}
<dl class="summary">
<dt>${w.t('me.job.employer')}</dt><dd>${employerLine(w, v)}</dd>
<dt>${w.t('me.job.place')}</dt><dd>${v.location.regency}, ${v.location.province}</dd>
<dt>${w.t('me.jobs.sector')}</dt><dd>${sectorLabel(w, v.sector)}</dd>
<dt>${w.t('me.job.startDate')}</dt><dd>${w.i18n.day(v.startDate)}</dd>
<dt>${w.t('me.job.wage')}</dt><dd>${wageText(w, v.wage)}</dd>
<dt>${w.t('me.job.openings')}</dt><dd>${w.i18n.number(v.openings)}</dd>
<dt>${w.t('me.job.nightShift')}</dt><dd>${w.t(v.nightShift ? 'me.job.yes' : 'me.job.no')}</dd>
${v.closesAt ? html`<dt>${w.t('me.job.closes')}</dt><dd>${w.i18n.day(new Date(v.closesAt))}</dd>` : ''}
</dl>
${fit ? html`<h2>${w.t('me.jobs.why')}</h2><p><strong>${scoreWords(w, fit.score)}</strong> <span class="muted">(${w.t('me.jobs.scoreOf', { score: fit.score })})</span></p>${reasons.length ? html`<ul>${reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}` : ''}
${action}
<h2>${w.t('me.job.description')}</h2><p>${v.description}</p>
<h2>${w.t('me.job.skills')}</h2>
<ul>${v.skills.map((s) => html`<li>${s.label[w.lang]}${s.required ? html` <span class="muted">(${w.t('me.job.required')})</span>` : ''}</li>`)}</ul>
${
  fit?.missingSkills.length
    ? html`<h2>${w.t('me.job.missing')}</h2><ul>${fit.missingSkills.map(
        (m) =>
          html`<li>${m.label[w.lang]}${m.programmes.length ? html`<br><span class="muted">${m.programmes.map((p, i) => html`${i ? ' · ' : ''}${w.t('me.job.training', { name: p.name[w.lang], hours: p.hours })}`)}</span>` : ''}</li>`,
      )}</ul>`
    : ''
}`,
    problem ? 409 : 200,
  );
}

/** A person's matching jobs, one job's detail, and "Saya tertarik". */
export function registerMyJobs(web: WebBuilder, deps: Pick<Deps, 'search'>): void {
  web.get('/app/me/jobs', { roles: ['candidate'] }, (w) => jobsPage(w, deps));

  web.get('/app/me/jobs/:id', { roles: ['candidate'] }, (w) => jobPage(w, pathId(w)));

  web.post('/app/me/jobs/:id/interest', { roles: ['candidate'] }, async (w) => {
    const candidateId = myCandidateId(w);
    const id = pathId(w);
    const active = await placementRepository.activeFor(candidateId, id);
    // Asking twice, or answering an employer's or officer's request this way, leads to that application.
    if (active) return redirect(`/app/me/applications/${active.id}`);
    try {
      await createPlacement(w.actor!, { candidateId, vacancyId: id }, w.ctx);
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return jobPage(w, id, w.lang === 'id' ? err.message : err.messageEn);
      throw err;
    }
    return redirect(`/app/me/jobs/${id}?interested=1`);
  });
}
