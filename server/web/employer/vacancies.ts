import type { AnonymisedCandidate } from '../../candidates/projection.js';
import { createWriteHooks } from '../../hooks.js';
import { toAppError } from '../../http/error-middleware.js';
import { AppError, errors } from '../../http/errors.js';
import { matchCandidatesForVacancy } from '../../matching/service.js';
import { placementRepository } from '../../placements/repository.js';
import { FeedbackBody, TransitionBody } from '../../placements/schemas.js';
import {
  createPlacement,
  listPlacements,
  type PlacementHooks,
  setEmployerFeedback,
  transitionPlacement,
} from '../../placements/service.js';
import { CLOSING_STATES, isActive, PLACEMENT_STATES, type PlacementState } from '../../placements/states.js';
import { VACANCY_STATUSES } from '../../vacancies/model.js';
import type { VacancyView } from '../../vacancies/schemas.js';
import { getVacancy, listVacancies, updateVacancy } from '../../vacancies/service.js';
import { csrfField, errorSummary, type FieldErrors, pager, q1, select, textarea } from '../components.js';
import { fieldErrors, fragment, page, redirect, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml } from '../html.js';
import type { ScreenModule } from '../index.js';
import {
  dayText,
  isOpenNow,
  noticeBanner,
  paragraphs,
  sectorLabel,
  skillName,
  statusWord,
  WAITING_STATES,
  wageText,
} from './vacancy-text.js';
import { vacancyWizardScreens } from './vacancy-wizard.js';

/** Vacancies per list page. */
const LIST_LIMIT = 20;
/**
 * The list sorts in memory over at most this many of the employer's vacancies: the vacancy service
 * pages newest-first only, and an employer's own list is small.
 */
const MAX_LISTED = 1000;
const MATCH_LIMIT = 10;
const PLACEMENT_LIMIT = 20;
const SORTS = ['newest', 'start', 'closing'] as const;
type Sort = (typeof SORTS)[number];
const ACTIVE_STATES = PLACEMENT_STATES.filter(isActive);

/** The employer's view of a placement (see presentPlacement); listPlacements returns it untyped. */
interface EmployerPlacement {
  id: string;
  vacancyId: string;
  state: PlacementState;
  candidate?: AnonymisedCandidate;
  identity?: { fullName: string; contact: { email?: string; phone?: string } };
  employerFeedback?: string;
  allowedMoves: PlacementState[];
}

const isClosing = (s: PlacementState) => (CLOSING_STATES as readonly string[]).includes(s);

function sortVacancies(items: VacancyView[], sort: Sort): VacancyView[] {
  const time = (s: string | undefined) => (s ? new Date(s).getTime() : Number.POSITIVE_INFINITY);
  const out = [...items];
  if (sort === 'start')
    out.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  else if (sort === 'closing')
    out.sort((a, b) => time(a.closesAt) - time(b.closesAt) || a.startDate.localeCompare(b.startDate));
  return out;
}

/** Active placements per vacancy of this employer (counted without reading anyone's identity). */
async function activeCounts(employerId: string | undefined): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (!employerId) return counts;
  for (const p of await placementRepository.findMany({ employerId, states: ACTIVE_STATES }))
    counts.set(p.vacancyId, (counts.get(p.vacancyId) ?? 0) + 1);
  return counts;
}

function listTable(w: WebContext, rows: VacancyView[], counts: Map<string, number>): SafeHtml {
  const link = (href: string, key: string, title: string) =>
    html`<a href="${href}" aria-label="${w.t('vac.actionOn', { action: w.t(key), title })}">${w.t(key)}</a>`;
  return html`<table>
<thead><tr><th scope="col">${w.t('vac.col.title')}</th><th scope="col">${w.t('vac.col.status')}</th><th scope="col">${w.t('vac.col.openings')}</th><th scope="col">${w.t('vac.col.start')}</th><th scope="col">${w.t('vac.col.closes')}</th><th scope="col">${w.t('vac.col.active')}</th><th scope="col">${w.t('vac.col.actions')}</th></tr></thead>
<tbody>${rows.map(
    (v) => html`<tr><th scope="row"><a href="/app/vacancies/${v.id}">${v.title}</a></th>
<td><span class="status">${statusWord(w, v)}</span></td>
<td>${w.i18n.number(v.openings)}</td>
<td>${dayText(w, v.startDate)}</td>
<td>${v.closesAt ? dayText(w, v.closesAt) : w.t('vac.noClosing')}</td>
<td>${w.i18n.number(counts.get(v.id) ?? 0)}</td>
<td>${link(`/app/vacancies/${v.id}`, 'vac.view', v.title)} · ${link(`/app/vacancies/${v.id}/edit`, 'vac.edit', v.title)} · ${link(`/app/vacancies/new?from=${v.id}`, 'vac.duplicate', v.title)}</td></tr>`,
  )}</tbody></table>`;
}

/** The parts of the vacancy detail that a failed POST re-renders with its message. */
interface Problem {
  errors?: FieldErrors;
  values?: Record<string, string>;
  message?: string;
  status: number;
}

function problemOf(err: unknown, w: WebContext, field: string | null): Problem | null {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) return null;
  const fields = fieldErrors(err, w.lang);
  const first = fields ? Object.values(fields)[0] : undefined;
  if (field && first) return { errors: { [field]: first }, status: err.status };
  return { message: first ?? (w.lang === 'id' ? err.message : err.messageEn), status: err.status };
}

function vacancyFacts(w: WebContext, v: VacancyView): SafeHtml {
  const skills = (required: boolean) => {
    const list = v.skills.filter((s) => s.required === required);
    if (!list.length) return html`—`;
    return html`<ul>${list.map((s) => html`<li>${s.label[w.lang]}${s.minLevel ? ` — ${w.t('vac.level.min', { level: w.t(`vac.level.${s.minLevel}`) })}` : ''}</li>`)}</ul>`;
  };
  const row = (k: string, val: SafeHtml | string) => html`<dt>${k}</dt><dd>${val === '' ? '—' : val}</dd>`;
  return html`<dl class="summary">
${row(w.t('vac.field.status'), html`<span class="status">${statusWord(w, v)}</span>`)}
${row(w.t('vac.field.sector'), sectorLabel(w, v.sector))}
${row(w.t('vac.field.kbji'), v.kbji ?? '')}
${row(w.t('vac.field.required'), skills(true))}
${row(w.t('vac.field.optional'), skills(false))}
${row(w.t('vac.field.certs'), v.certificationsRequired.map((c) => skillName(w, c)).join(', '))}
${row(w.t('vac.field.location'), `${v.location.regency}, ${v.location.province}`)}
${row(w.t('vac.field.coords'), v.location.lat !== undefined ? `${v.location.lat}, ${v.location.lng}` : '')}
${row(w.t('vac.field.radius'), w.t('vac.km', { n: w.i18n.number(v.radiusKm) }))}
${row(w.t('vac.field.openings'), w.i18n.number(v.openings))}
${row(w.t('vac.field.wage'), wageText(w, v.wage))}
${row(w.t('vac.field.start'), dayText(w, v.startDate))}
${row(w.t('vac.field.closes'), v.closesAt ? dayText(w, v.closesAt) : w.t('vac.noClosing'))}
${row(w.t('vac.field.nightShift'), w.t(v.nightShift ? 'vac.yes' : 'vac.no'))}
${row(w.t('vac.field.created'), dayText(w, v.createdAt))}
</dl>
<h2>${w.t('vac.field.description')}</h2>
${paragraphs(v.description)}`;
}

type Matches = Awaited<ReturnType<typeof matchCandidatesForVacancy>>['items'];

function matchCard(w: WebContext, v: VacancyView, m: Matches[number], requested: boolean): SafeHtml {
  const c = m.candidate;
  const back = encodeURIComponent(`/app/vacancies/${v.id}`);
  const avail = c.availability.now
    ? w.t('vac.matches.availableNow')
    : w.t('vac.matches.available', { date: dayText(w, c.availability.weekOf) });
  const reasons = w.lang === 'id' ? m.reasons : m.reasonsEn;
  return html`<article class="card"><h3><a href="/app/candidates/${c.publicId}?back=${back}" aria-label="${w.t('vac.matches.profile', { id: c.publicId })}">${c.publicId}</a> <span class="status">${w.t('vac.matches.score', { score: m.score })}</span></h3>
<p>${w.t('vac.matches.age', { age: c.ageBand })} · ${c.domicile.regency}, ${c.domicile.province} · ${avail}</p>
<ul class="tags">${c.skills.map((s) => html`<li>${s.label[w.lang]} (${w.t(`vac.level.${s.level}`)})</li>`)}</ul>
${reasons.length ? html`<p><strong>${w.t('vac.matches.reasons')}:</strong> ${reasons.join('; ')}</p>` : ''}
${m.missingSkills.length ? html`<p><strong>${w.t('vac.matches.missing')}:</strong> ${m.missingSkills.map((s) => s.label[w.lang]).join(', ')}</p>` : ''}
${
  requested
    ? html`<p><span class="status">${w.t('vac.matches.requested')}</span></p>`
    : html`<form method="post" action="/app/vacancies/${v.id}/interest">${csrfField(w)}<input type="hidden" name="publicId" value="${c.publicId}">
<button type="submit" aria-label="${w.t('vac.matches.requestOn', { id: c.publicId })}">${w.t('vac.matches.request')}</button></form>`
}
</article>`;
}

function placementCard(
  w: WebContext,
  v: VacancyView,
  p: EmployerPlacement,
  problem: Problem | null,
): SafeHtml {
  const who = p.candidate?.publicId ?? w.t('vac.intro.anonymous');
  if (!p.identity) {
    // Before the introduction: no identity, only that approval is pending (or how it ended).
    const word = WAITING_STATES.includes(p.state) ? w.t('vac.intro.waiting') : w.t(`vac.pstate.${p.state}`);
    return html`<article class="card" id="p-${p.id}"><h3>${who}</h3><p><span class="status">${word}</span></p></article>`;
  }
  const reasonName = `reason-${p.id}`;
  const feedbackName = `feedback-${p.id}`;
  const forward = p.allowedMoves.filter((m) => !isClosing(m));
  const closing = p.allowedMoves.filter(isClosing);
  const { email, phone } = p.identity.contact;
  return html`<article class="card" id="p-${p.id}"><h3>${p.identity.fullName}</h3>
<dl class="summary">
<dt>${w.t('vac.intro.state')}</dt><dd><span class="status">${w.t(`vac.pstate.${p.state}`)}</span></dd>
<dt>${w.t('vac.intro.email')}</dt><dd>${email ? html`<a href="mailto:${email}">${email}</a>` : '—'}</dd>
<dt>${w.t('vac.intro.phone')}</dt><dd>${phone ? html`<a href="tel:${phone.replace(/[^+0-9]/g, '')}">${phone}</a>` : '—'}</dd>
</dl>
${
  p.allowedMoves.length
    ? html`<form method="post" action="/app/vacancies/${v.id}/placements/${p.id}/move" novalidate>${csrfField(w)}
${forward.length ? html`<p><strong>${w.t('vac.intro.next')}:</strong> ${forward.map((m) => html`<button type="submit" name="to" value="${m}">${w.t(`vac.move.${m}`)}</button>`)}</p>` : ''}
${
  closing.length
    ? html`<fieldset><legend>${w.t('vac.intro.stop')}</legend>
${textarea(w, { name: reasonName, label: w.t('vac.intro.reason'), hint: w.t('vac.intro.reasonHint'), value: problem?.values?.[reasonName], errors: problem?.errors, rows: 2 })}
${closing.map((m) => html`<button type="submit" name="to" value="${m}" class="warning">${w.t(`vac.move.${m}`)}</button>`)}
</fieldset>`
    : ''
}
</form>`
    : ''
}
<form method="post" action="/app/vacancies/${v.id}/placements/${p.id}/feedback" novalidate>${csrfField(w)}
${textarea(w, { name: feedbackName, label: w.t('vac.intro.feedback'), hint: w.t('vac.intro.feedbackHint'), value: problem?.values?.[feedbackName] ?? p.employerFeedback, errors: problem?.errors, rows: 3 })}
<button type="submit" class="secondary">${w.t('vac.intro.saveFeedback')}</button>
</form>
</article>`;
}

/** Query without one-off parameters, so pager links do not repeat a notice. */
function cleanContext(w: WebContext): WebContext {
  const url = new URL(w.url.toString());
  url.searchParams.delete('notice');
  return { ...w, url };
}

/**
 * The employer's vacancies: the list (GET filters, sort, paging), the detail with matches and
 * introduced people, and the small POST actions on it. The wizard lives in vacancy-wizard.ts.
 */
export const employerVacancyScreens: ScreenModule = (web, deps) => {
  const writeHooks = createWriteHooks(deps);
  const placementHooks: PlacementHooks = {
    candidates: writeHooks.candidates,
    vacancies: writeHooks.vacancies,
    afterCommit: writeHooks.candidates.afterCommit ?? (async () => undefined),
  };
  // The wizard first: "/app/vacancies/new" must not be taken for a vacancy id.
  vacancyWizardScreens(web, deps);

  web.get('/app/vacancies', { roles: ['employer'] }, async (w) => {
    const statusQ = q1(w, 'status');
    const status = (VACANCY_STATUSES as readonly string[]).includes(statusQ ?? '')
      ? (statusQ as VacancyView['status'])
      : undefined;
    const sortQ = q1(w, 'sort');
    const sort: Sort = (SORTS as readonly string[]).includes(sortQ ?? '') ? (sortQ as Sort) : 'newest';
    const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(q1(w, 'page') ?? '1', 10) || 1));
    const all = await listVacancies(w.actor!, { status, page: 1, limit: MAX_LISTED }, w.ctx.now);
    const sorted = sortVacancies(all.items, sort);
    const rows = sorted.slice((pageNo - 1) * LIST_LIMIT, pageNo * LIST_LIMIT);
    const counts = await activeCounts(w.actor!.employerId);
    const filtered = Boolean(status) || sort !== 'newest';
    const results = html`<div id="vacancy-list" aria-live="polite">
<p><strong>${w.t('vac.count', { n: w.i18n.number(sorted.length) })}</strong></p>
${rows.length ? listTable(w, rows, counts) : html`<p>${w.t(filtered || pageNo > 1 ? 'vac.emptyFiltered' : 'vac.empty')}</p>`}
${pager(w, pageNo, LIST_LIMIT, sorted.length)}
</div>`;
    if (w.partial) return fragment(results);
    return page(
      w.t('vac.list.title'),
      html`<h1>${w.t('vac.list.title')}</h1>
${noticeBanner(w, q1(w, 'notice'))}
<p><a class="button" href="/app/vacancies/new">${w.t('vac.new')}</a></p>
<form method="get" action="/app/vacancies" class="filters" hx-get="/app/vacancies" hx-target="#vacancy-list" hx-select="#vacancy-list" hx-swap="outerHTML" hx-push-url="true">
${select(w, {
  name: 'status',
  label: w.t('vac.filter.status'),
  value: status ?? '',
  empty: w.t('vac.filter.all'),
  options: VACANCY_STATUSES.map((s) => ({ value: s, label: w.t(`vac.status.${s}`) })),
})}
${select(w, {
  name: 'sort',
  label: w.t('list.sort'),
  value: sort,
  options: SORTS.map((s) => ({ value: s, label: w.t(`vac.sort.${s}`) })),
})}
<button type="submit">${w.t('form.apply')}</button> <a href="/app/vacancies">${w.t('form.clear')}</a>
</form>
${results}`,
    );
  });

  /** The detail page; POST handlers re-render it with their problem on failure. */
  async function detail(w: WebContext, problem: Problem | null = null): Promise<WebResult> {
    const v = await getVacancy(w.actor!, String(w.params.id), w.ctx.now);
    const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(q1(w, 'page') ?? '1', 10) || 1));
    const placements = await listPlacements(
      w.actor!,
      { vacancyId: v.id, page: pageNo, limit: PLACEMENT_LIMIT },
      w.ctx,
    );
    // listPlacements answers each viewer with its own shape; an employer always gets this one.
    const items = placements.items as unknown as EmployerPlacement[];
    const open = isOpenNow(v, w.ctx.now);
    let matches: Matches = [];
    let unavailable = false;
    if (open) {
      try {
        matches = (await matchCandidatesForVacancy(deps.search, w.actor!, v.id, MATCH_LIMIT, w.ctx.now))
          .items;
      } catch (err) {
        if (!(err instanceof AppError && err.status === 503)) throw err;
        unavailable = true;
      }
    }
    const asked = new Set(
      items.filter((p) => isActive(p.state) && p.candidate).map((p) => p.candidate!.publicId),
    );
    const pw = cleanContext(w);
    const nextStatus = v.status === 'open' ? 'closed' : 'open';
    return page(
      v.title,
      html`<p><a href="/app/vacancies">← ${w.t('vac.back')}</a></p>
<h1>${v.title}</h1>
${noticeBanner(w, q1(w, 'notice'))}
${problem?.errors ? errorSummary(w, problem.errors, {}) : ''}
${problem?.message ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${w.t('vac.problem')}</h2><p>${problem.message}</p></div>` : ''}
<div class="actions">
<a class="button secondary" href="/app/vacancies/${v.id}/edit">${w.t('vac.edit')}</a>
<a class="button secondary" href="/app/vacancies/new?from=${v.id}">${w.t('vac.duplicate')}</a>
<form method="post" action="/app/vacancies/${v.id}/status">${csrfField(w)}<input type="hidden" name="status" value="${nextStatus}">
<button type="submit" class="${nextStatus === 'closed' ? 'warning' : ''}">${w.t(nextStatus === 'closed' ? 'vac.close' : 'vac.reopen')}</button></form>
</div>
${vacancyFacts(w, v)}
<section aria-labelledby="matches-title"><h2 id="matches-title">${w.t('vac.matches.title')}</h2>
${
  !open
    ? html`<p>${w.t('vac.matches.notOpen')}</p>`
    : unavailable
      ? html`<p class="notice" role="status">${w.t('vac.matches.unavailable')}</p>`
      : matches.length
        ? html`<p class="hint">${w.t('vac.matches.intro')} ${w.t('vac.matches.requestHint')}</p>${matches.map((m) => matchCard(w, v, m, asked.has(m.candidate.publicId)))}`
        : html`<p>${w.t('vac.matches.none')}</p>`
}
</section>
<section aria-labelledby="intro-title"><h2 id="intro-title">${w.t('vac.intro.title')}</h2>
<p><strong>${w.t('vac.intro.count', { n: w.i18n.number(placements.total) })}</strong></p>
${items.length ? items.map((p) => placementCard(w, v, p, problem)) : html`<p>${w.t('vac.intro.none')}</p>`}
${pager(pw, pageNo, PLACEMENT_LIMIT, placements.total)}
</section>`,
      problem?.status,
    );
  }

  web.get('/app/vacancies/:id', { roles: ['employer'] }, (w) => detail(w));

  web.post('/app/vacancies/:id/status', { roles: ['employer'] }, async (w) => {
    const v = await getVacancy(w.actor!, String(w.params.id), w.ctx.now);
    const status = String(w.body.status ?? '') === 'open' ? 'open' : 'closed';
    try {
      await updateVacancy(w.actor!, v.id, { status }, w.ctx, writeHooks.vacancies);
    } catch (err) {
      const problem = problemOf(err, w, null);
      if (!problem) throw err;
      return detail(w, problem);
    }
    return redirect(`/app/vacancies/${v.id}?notice=${status === 'open' ? 'reopened' : 'closed'}`);
  });

  web.post('/app/vacancies/:id/interest', { roles: ['employer'] }, async (w) => {
    const v = await getVacancy(w.actor!, String(w.params.id), w.ctx.now);
    const publicId = String(w.body.publicId ?? '').trim();
    try {
      await createPlacement(w.actor!, { candidateId: publicId, vacancyId: v.id }, w.ctx);
    } catch (err) {
      // Asked twice, closed meanwhile, or no longer visible: say so on the page instead of an error page.
      if (!(err instanceof AppError && err.status < 500)) throw err;
      return detail(w, { message: w.lang === 'id' ? err.message : err.messageEn, status: err.status });
    }
    return redirect(`/app/vacancies/${v.id}?notice=requested#intro-title`);
  });

  /** The placement behind a URL, only if it belongs to this vacancy (the service checks the employer). */
  async function placementOf(w: WebContext): Promise<{ v: VacancyView; pid: string }> {
    const v = await getVacancy(w.actor!, String(w.params.id), w.ctx.now);
    const p = await placementRepository.findById(String(w.params.pid));
    if (!p || p.vacancyId !== v.id || p.employerId !== w.actor!.employerId)
      throw errors.notFound('Penempatan', 'Placement');
    return { v, pid: p.id };
  }

  web.post('/app/vacancies/:id/placements/:pid/move', { roles: ['employer'] }, async (w) => {
    const { v, pid } = await placementOf(w);
    const reasonName = `reason-${pid}`;
    const to = String(w.body.to ?? '');
    const reasonText = String(w.body[reasonName] ?? '').trim();
    const closing = (CLOSING_STATES as readonly string[]).includes(to);
    const values = { [reasonName]: reasonText };
    const parsed = TransitionBody.safeParse({ to, ...(closing && reasonText ? { reason: reasonText } : {}) });
    try {
      if (!parsed.success) throw parsed.error;
      await transitionPlacement(w.actor!, pid, parsed.data, w.ctx, placementHooks, {
        allowFuture: deps.config.ALLOW_TIME_TRAVEL,
      });
    } catch (err) {
      const asApp = toAppError(err);
      const reasonError = fieldErrors(asApp, w.lang)?.reason;
      const problem = reasonError
        ? { errors: { [reasonName]: reasonError }, values, status: 400 }
        : problemOf(asApp, w, null);
      if (!problem) throw err;
      return detail(w, { ...problem, values });
    }
    return redirect(`/app/vacancies/${v.id}?notice=moved#p-${pid}`);
  });

  web.post('/app/vacancies/:id/placements/:pid/feedback', { roles: ['employer'] }, async (w) => {
    const { v, pid } = await placementOf(w);
    const name = `feedback-${pid}`;
    const text = String(w.body[name] ?? '');
    const parsed = FeedbackBody.safeParse({ feedback: text });
    try {
      if (!parsed.success) throw parsed.error;
      await setEmployerFeedback(w.actor!, pid, parsed.data.feedback, w.ctx);
    } catch (err) {
      const problem = problemOf(toAppError(err), w, name);
      if (!problem) throw err;
      return detail(w, { ...problem, values: { [name]: text } });
    }
    return redirect(`/app/vacancies/${v.id}?notice=feedback#p-${pid}`);
  });
};
