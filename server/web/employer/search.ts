import { z } from 'zod';
import type { anonymise } from '../../candidates/projection.js';
import { getPublicProfile } from '../../candidates/service.js';
import { AppError } from '../../http/errors.js';
import { createPlacement } from '../../placements/service.js';
import { searchCandidates } from '../../search/service.js';
import { dateOnly } from '../../shared/schemas.js';
import { listVocations } from '../../skills/service.js';
import { vacancyRepository } from '../../vacancies/repository.js';
import { isOpen } from '../../vacancies/service.js';
import { csrfField, pager, q1, qAll, select, withQuery } from '../components.js';
import { fragment, page, redirect, type WebContext } from '../framework.js';
import { html, type SafeHtml, trusted, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import type { ScreenModule } from '../index.js';

defineMessages({
  'search.title': { id: 'Cari kandidat', en: 'Find candidates' },
  'search.q': { id: 'Kata kunci', en: 'Keywords' },
  'search.qHint': { id: 'Misalnya: las, welder, servis AC', en: 'For example: welding, welder, AC service' },
  'search.skills': { id: 'Keahlian', en: 'Skills' },
  'search.vocation': { id: 'Kejuruan', en: 'Vocation' },
  'search.regency': { id: 'Kabupaten/kota domisili', en: 'Home regency' },
  'search.certified': { id: 'Hanya yang bersertifikat', en: 'Certified only' },
  'search.availableBefore': { id: 'Siap bekerja sebelum', en: 'Available before' },
  'search.submit': { id: 'Cari', en: 'Search' },
  'search.results': { id: '{n} kandidat', en: '{n} candidates' },
  'search.noResults': {
    id: 'Tidak ada kandidat yang cocok. Coba kurangi filter.',
    en: 'No matching candidates. Try fewer filters.',
  },
  'search.age': { id: 'Usia', en: 'Age' },
  'search.available': { id: 'Siap mulai pekan {date}', en: 'Available from the week of {date}' },
  'search.availableNow': { id: 'Siap mulai sekarang', en: 'Available now' },
  'search.certifiedBadge': { id: 'bersertifikat', en: 'certified' },
  'search.open': { id: 'Lihat profil', en: 'View profile' },
  'search.unavailable': {
    id: 'Pencarian sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'Search is unavailable right now. Please try again shortly.',
  },
  'profile.title': { id: 'Profil kandidat {id}', en: 'Candidate profile {id}' },
  'profile.anonymous': {
    id: 'Profil ini anonim. Identitas hanya dibuka setelah kandidat setuju dan petugas Bapas menyetujui perkenalan.',
    en: 'This profile is anonymous. Identity is shared only after the candidate agrees and the probation officer approves an introduction.',
  },
  'profile.skills': { id: 'Keahlian', en: 'Skills' },
  'profile.trainings': { id: 'Pelatihan', en: 'Training' },
  'profile.certifications': { id: 'Sertifikasi', en: 'Certifications' },
  'profile.education': { id: 'Pendidikan', en: 'Education' },
  'profile.languages': { id: 'Bahasa', en: 'Languages' },
  'profile.domicile': { id: 'Domisili', en: 'Home' },
  'profile.availability': { id: 'Ketersediaan', en: 'Availability' },
  'profile.request': { id: 'Minta perkenalan', en: 'Ask for an introduction' },
  'profile.requestHint': {
    id: 'Permintaan dikirim ke petugas Bapas, bukan ke kandidat.',
    en: 'The request goes to the probation officer, not the candidate.',
  },
  'profile.vacancy': { id: 'Untuk lowongan', en: 'For the vacancy' },
  'profile.noVacancy': {
    id: 'Anda belum punya lowongan terbuka. Pasang lowongan dahulu.',
    en: 'You have no open vacancy yet. Post one first.',
  },
  'profile.requested': {
    id: 'Permintaan perkenalan terkirim ke petugas.',
    en: 'Your introduction request was sent to the officer.',
  },
  'level.basic': { id: 'dasar', en: 'basic' },
  'level.intermediate': { id: 'menengah', en: 'intermediate' },
  'level.advanced': { id: 'mahir', en: 'advanced' },
  'evidence.training': { id: 'pelatihan', en: 'training' },
  'evidence.certification': { id: 'sertifikat', en: 'certificate' },
  'evidence.experience': { id: 'pengalaman', en: 'experience' },
  'result.passed': { id: 'lulus', en: 'passed' },
  'result.failed': { id: 'tidak lulus', en: 'failed' },
  'result.ongoing': { id: 'berjalan', en: 'ongoing' },
});

const Query = z.object({
  q: z.string().trim().max(200).optional(),
  vocation: z.string().trim().max(40).optional(),
  regency: z.string().trim().max(80).optional(),
  availableBefore: dateOnly.optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
});

type Candidate = ReturnType<typeof anonymise>;

const label = (w: WebContext, l: { id: string; en: string } | undefined, fallback: string) =>
  l ? l[w.lang] : fallback;

/** One anonymised candidate card; highlights arrive escaped with only <mark> added. */
export function candidateCard(
  w: WebContext,
  c: Candidate & { highlights?: Record<string, string[]> },
  href: string,
): SafeHtml {
  const certified = c.certifications.length > 0;
  const avail = c.availability.now
    ? w.t('search.availableNow')
    : w.t('search.available', { date: w.i18n.day(c.availability.weekOf) });
  const hl = c.highlights ?? {};
  const hlText = Object.values(hl).flat().slice(0, 3);
  return html`<article class="card"><h3><a href="${href}">${c.publicId}</a>${when(certified, html` <span class="status">${w.t('search.certifiedBadge')}</span>`)}</h3>
<p>${w.t('search.age')} ${c.ageBand} · ${c.domicile.regency}, ${c.domicile.province} · ${avail}</p>
<ul class="tags">${c.skills.map((s) => html`<li>${label(w, s.label, s.code)} (${w.t(`level.${s.level}`)}${s.evidence ? `, ${w.t(`evidence.${s.evidence}`)}` : ''})</li>`)}</ul>
${hlText.length ? html`<p class="muted">${hlText.map((h, i) => html`${i ? ' · ' : ''}${trusted(h)}`)}</p>` : ''}
</article>`;
}

function results(w: WebContext, res: Awaited<ReturnType<typeof searchCandidates>>, limit: number): SafeHtml {
  return html`<div id="results" aria-live="polite"><p><strong>${w.t('search.results', { n: w.i18n.number(res.total) })}</strong></p>
${res.items.length ? res.items.map((c) => candidateCard(w, c as unknown as Candidate, `/app/candidates/${c.publicId}?back=${encodeURIComponent(w.url.pathname + w.url.search)}`)) : html`<p>${w.t('search.noResults')}</p>`}
${pager(w, res.page, limit, res.total)}</div>`;
}

/** Employer (and officer) candidate search: a GET form, so every result page is bookmarkable. */
export const employerSearchScreens: ScreenModule = (web, deps) => {
  web.get('/app/search', { roles: ['employer', 'officer', 'admin'] }, async (w) => {
    const parsed = Query.safeParse({
      q: q1(w, 'q') || undefined,
      vocation: q1(w, 'vocation') || undefined,
      regency: q1(w, 'regency') || undefined,
      availableBefore: q1(w, 'availableBefore') || undefined,
      page: q1(w, 'page') || undefined,
    });
    const query = parsed.success ? parsed.data : { page: 1 };
    const skills = qAll(w, 'skills');
    const certified = q1(w, 'certified') === 'true';
    const limit = 10;
    let res: Awaited<ReturnType<typeof searchCandidates>> | null = null;
    let unavailable = false;
    try {
      res = await searchCandidates(
        deps.search,
        w.actor!,
        { ...query, skills: skills.length ? skills : undefined, certified: certified || undefined, limit },
        w.ctx.now,
      );
    } catch (err) {
      if (err instanceof AppError && err.status === 503) unavailable = true;
      else if (err instanceof AppError && err.status === 400) res = null;
      else throw err;
    }
    const body = res
      ? results(w, res, limit)
      : html`<div id="results"><p class="notice" role="status">${w.t(unavailable ? 'search.unavailable' : 'search.noResults')}</p></div>`;
    if (w.partial) return fragment(body);
    const skillFacet = res?.facets.skills ?? [];
    const vocations = listVocations();
    return page(
      w.t('search.title'),
      html`<h1>${w.t('search.title')}</h1>
<form method="get" action="/app/search" class="filters" role="search" hx-get="/app/search" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
<label for="f-q">${w.t('search.q')} <span class="hint">${w.t('search.qHint')}</span></label>
<input id="f-q" name="q" type="search" value="${query.q ?? ''}">
<fieldset class="checks"><legend>${w.t('search.skills')}</legend>
${skillFacet
  .slice(0, 12)
  .map(
    (f) =>
      html`<label><input type="checkbox" name="skills" value="${f.value}"${when(skills.includes(f.value), html` checked`)}> ${label(w, f.label, f.value)} (${f.count})</label>`,
  )}
${skills.filter((s) => !skillFacet.some((f) => f.value === s)).map((s) => html`<label><input type="checkbox" name="skills" value="${s}" checked> ${s}</label>`)}
</fieldset>
${select(w, {
  name: 'vocation',
  label: w.t('search.vocation'),
  value: query.vocation,
  empty: '—',
  options: vocations.map((v) => ({
    value: v.code,
    label: `${v.label[w.lang]}${res?.facets.vocation.find((f) => f.value === v.code) ? ` (${res.facets.vocation.find((f) => f.value === v.code)?.count})` : ''}`,
  })),
})}
<label for="f-regency">${w.t('search.regency')}</label><input id="f-regency" name="regency" value="${query.regency ?? ''}" list="regencies">
<datalist id="regencies">${(res?.facets.regency ?? []).map((f) => html`<option value="${f.value}">`)}</datalist>
<label for="f-availableBefore">${w.t('search.availableBefore')}</label><input id="f-availableBefore" name="availableBefore" type="date" value="${q1(w, 'availableBefore') ?? ''}">
<div class="checks"><label><input type="checkbox" name="certified" value="true"${when(certified, html` checked`)}> ${w.t('search.certified')}</label></div>
<button type="submit">${w.t('search.submit')}</button> <a href="/app/search">${w.t('form.clear')}</a>
</form>
${body}`,
    );
  });

  web.get('/app/candidates/:publicId', { roles: ['employer', 'officer', 'admin'] }, async (w) => {
    const c = await getPublicProfile(w.actor!, String(w.params.publicId), w.ctx.now);
    const back = q1(w, 'back');
    const backHref = back?.startsWith('/app/') ? back : '/app/search';
    const vacancies =
      w.actor!.role === 'employer' && w.actor!.employerId
        ? (await vacancyRepository.findMany({ employerId: w.actor!.employerId, status: 'open' })).filter(
            (v) => isOpen(v, w.ctx.now),
          )
        : [];
    const requested = q1(w, 'requested') === '1';
    return page(
      w.t('profile.title', { id: c.publicId }),
      html`<p><a href="${backHref}">← ${w.t('form.back')}</a></p>
<h1>${w.t('profile.title', { id: c.publicId })}</h1>
${requested ? html`<p class="notice" role="status">${w.t('profile.requested')}</p>` : ''}
<p class="notice">${w.t('profile.anonymous')}</p>
<dl class="summary">
<dt>${w.t('search.age')}</dt><dd>${c.ageBand}</dd>
<dt>${w.t('profile.domicile')}</dt><dd>${c.domicile.regency}, ${c.domicile.province}</dd>
<dt>${w.t('profile.availability')}</dt><dd>${c.availability.now ? w.t('search.availableNow') : w.t('search.available', { date: w.i18n.day(c.availability.weekOf) })}</dd>
<dt>${w.t('profile.education')}</dt><dd>${c.education?.level?.toUpperCase() ?? '—'}</dd>
<dt>${w.t('profile.languages')}</dt><dd>${c.languages.join(', ') || '—'}</dd>
</dl>
<h2>${w.t('profile.skills')}</h2><ul>${c.skills.map((s) => html`<li>${label(w, s.label, s.code)} — ${w.t(`level.${s.level}`)}${s.evidence ? `, ${w.t(`evidence.${s.evidence}`)}` : ''}</li>`)}</ul>
<h2>${w.t('profile.trainings')}</h2>${c.trainings.length ? html`<ul>${c.trainings.map((t) => html`<li>${t.programme} — ${t.provider}, ${t.hours} jam/hours, ${w.t(`result.${t.result}`)}</li>`)}</ul>` : html`<p>—</p>`}
<h2>${w.t('profile.certifications')}</h2>${c.certifications.length ? html`<ul>${c.certifications.map((x) => html`<li>${x.scheme} — ${x.issuer}, ${x.year}</li>`)}</ul>` : html`<p>—</p>`}
${
  w.actor!.role === 'employer'
    ? html`<h2>${w.t('profile.request')}</h2>${
        vacancies.length
          ? html`<form method="post" action="/app/candidates/${c.publicId}/interest">${csrfField(w)}<p class="hint">${w.t('profile.requestHint')}</p>
${select(w, { name: 'vacancyId', label: w.t('profile.vacancy'), options: vacancies.map((v) => ({ value: v.id, label: v.title })) })}
<input type="hidden" name="back" value="${backHref}"><button type="submit">${w.t('profile.request')}</button></form>`
          : html`<p>${w.t('profile.noVacancy')} <a href="/app/vacancies/new">→</a></p>`
      }`
    : ''
}`,
    );
  });

  web.post('/app/candidates/:publicId/interest', { roles: ['employer'] }, async (w) => {
    const publicId = String(w.params.publicId);
    await createPlacement(
      w.actor!,
      { candidateId: publicId, vacancyId: String(w.body.vacancyId ?? '') },
      w.ctx,
    ).catch((err) => {
      // Asking twice is fine: the request already stands.
      if (!(err instanceof AppError && err.status === 409)) throw err;
    });
    const back = String(w.body.back ?? '');
    return redirect(
      withQuery(
        { ...w, url: new URL(`http://local/app/candidates/${publicId}`) },
        { requested: 1, back: back.startsWith('/app/') ? back : undefined },
      ),
    );
  });
};
