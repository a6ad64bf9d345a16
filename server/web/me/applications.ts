import type { Deps } from '../../deps.js';
import { employerRepository } from '../../employers/repository.js';
import { getPlacement, listPlacements, transitionPlacement } from '../../placements/service.js';
import type { VacancyView } from '../../vacancies/schemas.js';
import { csrfField, pager, q1 } from '../components.js';
import { page, redirect, type WebBuilder, type WebContext } from '../framework.js';
import { html, type SafeHtml } from '../html.js';
import { defineMessages } from '../i18n.js';
import { myCandidateId, pageParam, pathId, placementHooks } from './shared.js';

defineMessages({
  'me.apps.title': { id: 'Lamaran saya', en: 'My applications' },
  'me.apps.intro': {
    id: 'Lowongan yang Anda minati, permintaan persetujuan untuk Anda, dan perkembangannya.',
    en: 'Vacancies you are interested in, requests for your consent, and how they are going.',
  },
  'me.apps.count': { id: '{n} lamaran', en: '{n} applications' },
  'me.apps.order': {
    id: 'Urutan: yang terakhir berubah di atas.',
    en: 'Order: most recently changed first.',
  },
  'me.apps.none': {
    id: 'Belum ada lamaran. Pilih lowongan di "Lowongan untuk saya" lalu tekan "Saya tertarik".',
    en: 'No applications yet. Pick a vacancy in "Jobs for me" and press "I am interested".',
  },
  'me.apps.vacancy': { id: 'Lowongan', en: 'Vacancy' },
  'me.apps.employer': { id: 'Pemberi kerja', en: 'Employer' },
  'me.apps.state': { id: 'Keadaan', en: 'Status' },
  'me.apps.updated': { id: 'Terakhir berubah', en: 'Last change' },
  'me.apps.action': { id: 'Tindakan', en: 'Action' },
  'me.apps.back': { id: 'Kembali ke Lamaran saya', en: 'Back to My applications' },
  'me.apps.steps': { id: 'Langkah-langkah', en: 'Steps' },
  'me.apps.yes': { id: 'Setuju diperkenalkan', en: 'Agree to be introduced' },
  'me.apps.no': { id: 'Tolak', en: 'Decline' },
  'me.apps.askHint': {
    id: 'Jika Anda setuju, petugas Anda dapat memperkenalkan Anda: pemberi kerja ini akan melihat nama dan kontak Anda.',
    en: 'If you agree, your officer may introduce you: this employer will then see your name and contact details.',
  },
  'me.apps.answered': { id: 'Jawaban Anda tersimpan.', en: 'Your answer is saved.' },
  'me.apps.vacancyGone': { id: 'Lowongan tidak tersedia lagi', en: 'Vacancy no longer available' },
  'me.state.employer_interest': {
    id: 'Pemberi kerja tertarik — menunggu jawaban Anda',
    en: 'An employer is interested — waiting for your answer',
  },
  'me.state.proposed': {
    id: 'Petugas mengusulkan lowongan ini — menunggu jawaban Anda',
    en: 'Your officer suggests this vacancy — waiting for your answer',
  },
  'me.state.candidate_consented': { id: 'Menunggu keputusan petugas', en: 'Waiting for your officer' },
  'me.state.introduced': { id: 'Sudah diperkenalkan kepada pemberi kerja', en: 'Introduced to the employer' },
  'me.state.interviewing': { id: 'Tahap wawancara', en: 'Interviewing' },
  'me.state.offered': { id: 'Ditawari pekerjaan', en: 'Job offered' },
  'me.state.hired': { id: 'Bekerja', en: 'Working' },
  'me.state.retained_30': { id: 'Bekerja lebih dari 30 hari', en: 'Working for over 30 days' },
  'me.state.retained_90': { id: 'Bekerja lebih dari 90 hari', en: 'Working for over 90 days' },
  'me.state.retained_180': { id: 'Bekerja lebih dari 180 hari', en: 'Working for over 180 days' },
  'me.state.closed': { id: 'Ditutup', en: 'Closed' },
  'me.step.employer_interest': { id: 'Pemberi kerja tertarik', en: 'An employer showed interest' },
  'me.step.proposed': { id: 'Petugas mengusulkan lowongan ini', en: 'Your officer suggested this vacancy' },
  'me.step.interest': { id: 'Anda menyatakan tertarik', en: 'You said you are interested' },
  'me.step.candidate_consented': { id: 'Anda setuju diperkenalkan', en: 'You agreed to be introduced' },
  'me.step.introduced': { id: 'Diperkenalkan kepada pemberi kerja', en: 'Introduced to the employer' },
  'me.step.interviewing': { id: 'Wawancara', en: 'Interview' },
  'me.step.offered': { id: 'Ditawari pekerjaan', en: 'Job offered' },
  'me.step.hired': { id: 'Mulai bekerja', en: 'Started work' },
  'me.step.retained_30': { id: '30 hari bekerja', en: '30 days at work' },
  'me.step.retained_90': { id: '90 hari bekerja', en: '90 days at work' },
  'me.step.retained_180': { id: '180 hari bekerja', en: '180 days at work' },
});

/** What the placement service shows the person it is about (its 'self' view). */
interface MyPlacement {
  id: string;
  vacancyId: string;
  employerId: string;
  origin: string;
  state: string;
  updatedAt: string;
  vacancy?: VacancyView;
  timeline: { at: string; to: string }[];
  allowedMoves: string[];
}

const PAGE_SIZE = 20;
/** Written on the placement when the person says no; the same words whatever their reason. */
const DECLINE_REASON = 'Ditolak oleh yang bersangkutan (declined by the person)';

function asMine(view: unknown): MyPlacement {
  // The service presents a placement to its own person as the 'self' view; only its fields are read.
  return view as MyPlacement;
}

function asksMe(p: MyPlacement): boolean {
  return (
    (p.state === 'proposed' || p.state === 'employer_interest') &&
    p.allowedMoves.includes('candidate_consented')
  );
}

function stateWords(w: WebContext, p: MyPlacement): string {
  const key = `me.state.${p.state}`;
  const text = w.t(key);
  // A state this screen does not know yet is shown neutrally rather than by its code.
  return text === key ? w.t('me.state.closed') : text;
}

function answerForm(w: WebContext, p: MyPlacement, back: string): SafeHtml {
  return html`<form method="post" action="/app/me/applications/${p.id}/answer">${csrfField(w)}
<input type="hidden" name="back" value="${back}">
<button type="submit" name="answer" value="yes">${w.t('me.apps.yes')}</button>
<button type="submit" name="answer" value="no" class="secondary">${w.t('me.apps.no')}</button></form>`;
}

async function employerNames(ids: string[]): Promise<Map<string, string>> {
  const list = await employerRepository.findByIds([...new Set(ids)]);
  return new Map(list.map((e) => [e.id, e.name]));
}

/** The person's placements: their interests, requests for their consent, and the steps since. */
export function registerMyApplications(web: WebBuilder, deps: Pick<Deps, 'outbox' | 'config'>): void {
  const hooks = placementHooks(deps);

  web.get('/app/me/applications', { roles: ['candidate'] }, async (w) => {
    myCandidateId(w);
    const pageNo = pageParam(q1(w, 'page'));
    const res = await listPlacements(w.actor!, { page: pageNo, limit: PAGE_SIZE }, w.ctx);
    const items = res.items.map(asMine);
    const names = await employerNames(items.map((p) => p.employerId));
    const back = `${w.url.pathname}${w.url.search}`;
    return page(
      w.t('me.apps.title'),
      html`<h1>${w.t('me.apps.title')}</h1><p>${w.t('me.apps.intro')}</p>
${q1(w, 'answered') === '1' ? html`<p class="notice" role="status">${w.t('me.apps.answered')}</p>` : ''}
<p><strong>${w.t('me.apps.count', { n: w.i18n.number(res.total) })}</strong> <span class="muted">${w.t('me.apps.order')}</span></p>
${
  items.length
    ? html`<table><thead><tr><th scope="col">${w.t('me.apps.vacancy')}</th><th scope="col">${w.t('me.apps.employer')}</th><th scope="col">${w.t('me.apps.state')}</th><th scope="col">${w.t('me.apps.updated')}</th><th scope="col">${w.t('me.apps.action')}</th></tr></thead><tbody>
${items.map(
  (p) =>
    html`<tr><th scope="row"><a href="/app/me/applications/${p.id}">${p.vacancy?.title ?? w.t('me.apps.vacancyGone')}</a></th><td>${names.get(p.employerId) ?? '—'}</td><td>${stateWords(w, p)}</td><td>${w.i18n.day(new Date(p.updatedAt))}</td><td>${asksMe(p) ? answerForm(w, p, back) : ''}</td></tr>`,
)}</tbody></table>`
    : html`<p>${w.t('me.apps.none')}</p>`
}
${pager(w, res.page, PAGE_SIZE, res.total)}`,
    );
  });

  web.get('/app/me/applications/:id', { roles: ['candidate'] }, async (w) => {
    myCandidateId(w);
    // Someone else's placement is not found, exactly like one that does not exist.
    const p = asMine(await getPlacement(w.actor!, pathId(w), w.ctx));
    const names = await employerNames([p.employerId]);
    const title = p.vacancy?.title ?? w.t('me.apps.vacancyGone');
    const steps = p.timeline.filter(
      // The person's own interest already is their consent; one line says it.
      (e, i) => !(p.origin === 'candidate' && i === 1 && e.to === 'candidate_consented'),
    );
    const stepWords = (to: string) =>
      p.origin === 'candidate' && to === 'proposed' ? w.t('me.step.interest') : w.t(`me.step.${to}`);
    return page(
      title,
      html`<p><a href="/app/me/applications">← ${w.t('me.apps.back')}</a></p>
<h1>${title}</h1>
${q1(w, 'answered') === '1' ? html`<p class="notice" role="status">${w.t('me.apps.answered')}</p>` : ''}
<dl class="summary">
<dt>${w.t('me.apps.employer')}</dt><dd>${names.get(p.employerId) ?? '—'}</dd>
${p.vacancy ? html`<dt>${w.t('me.job.place')}</dt><dd>${p.vacancy.location.regency}, ${p.vacancy.location.province}</dd>` : ''}
<dt>${w.t('me.apps.state')}</dt><dd><strong>${stateWords(w, p)}</strong></dd>
</dl>
${asksMe(p) ? html`<p class="hint">${w.t('me.apps.askHint')}</p>${answerForm(w, p, `/app/me/applications/${p.id}`)}` : ''}
<h2>${w.t('me.apps.steps')}</h2>
<ol>${steps.map((e) => html`<li>${w.i18n.day(new Date(e.at))} — ${stepWords(e.to)}</li>`)}</ol>`,
    );
  });

  web.post('/app/me/applications/:id/answer', { roles: ['candidate'] }, async (w) => {
    myCandidateId(w);
    const id = pathId(w);
    const yes = w.body.answer === 'yes';
    await transitionPlacement(
      w.actor!,
      id,
      yes ? { to: 'candidate_consented' } : { to: 'declined', reason: DECLINE_REASON },
      w.ctx,
      hooks,
      { allowFuture: deps.config.ALLOW_TIME_TRAVEL },
    );
    const back = String(w.body.back ?? '');
    const to =
      back.startsWith('/app/me/applications') && !back.startsWith('//') ? back : '/app/me/applications';
    const u = new URL(to, 'http://local');
    u.searchParams.set('answered', '1');
    return redirect(`${u.pathname}${u.search}`);
  });
}
