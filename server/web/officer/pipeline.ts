import { z } from 'zod';
import { candidateRepository } from '../../candidates/repository.js';
import { employerRepository } from '../../employers/repository.js';
import { facilityRepository } from '../../facilities/repository.js';
import { createWriteHooks } from '../../hooks.js';
import { toAppError } from '../../http/error-middleware.js';
import { errors } from '../../http/errors.js';
import { TransitionBody } from '../../placements/schemas.js';
import { getPlacement, transitionPlacement } from '../../placements/service.js';
import {
  CLOSING_STATES,
  PLACEMENT_STATES,
  type PlacementState,
  RETENTION_DAYS,
} from '../../placements/states.js';
import { isoDay } from '../../shared/schemas.js';
import { userRepository } from '../../users/repository.js';
import {
  csrfField,
  errorSummary,
  type FieldErrors,
  fieldId,
  input,
  pager,
  q1,
  select,
  textarea,
  withQuery,
} from '../components.js';
import { fieldErrors, fragment, page, redirect, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import type { ScreenModule } from '../index.js';
import {
  isStaffView,
  lastStepAt,
  type PipelineQuery,
  pipelinePage,
  retentionCheckins,
  STALE_DAYS,
  type StaffPlacementView,
} from './pipeline-data.js';
import { dayOf, errorText, moment, notice, OFFICER_ROLES, safeAppPath, stateLabel } from './shared.js';

defineMessages({
  'pipe.title': { id: 'Alur penempatan', en: 'Placement pipeline' },
  'pipe.count': { id: '{n} penempatan', en: '{n} placements' },
  'pipe.empty': {
    id: 'Tidak ada penempatan yang cocok dengan filter ini.',
    en: 'No placements match these filters.',
  },
  'pipe.caption': { id: 'Penempatan', en: 'Placements' },
  'pipe.f.stage': { id: 'Tahap', en: 'Stage' },
  'pipe.f.active': { id: 'Semua yang masih berjalan', en: 'All in progress' },
  'pipe.f.all': { id: 'Semua, termasuk yang selesai', en: 'All, including closed' },
  'pipe.f.show': { id: 'Tampilkan', en: 'Show' },
  'pipe.f.overdue': { id: 'Hanya yang terlambat', en: 'Overdue only' },
  'pipe.f.overdueHint': {
    id: 'Belum diterima kerja dan tanpa langkah selama {n} hari, atau cek retensi jatuh tempo yang belum dicatat.',
    en: 'Not hired and no step for {n} days, or a retention check-in due and not recorded.',
  },
  'pipe.f.mine': { id: 'Hanya klien saya', en: 'My clients only' },
  'pipe.sort.recent': { id: 'Langkah terakhir (terbaru dulu)', en: 'Last step (newest first)' },
  'pipe.sort.oldest': { id: 'Langkah terakhir (terlama dulu)', en: 'Last step (oldest first)' },
  'pipe.col.client': { id: 'Klien', en: 'Client' },
  'pipe.col.vacancy': { id: 'Lowongan', en: 'Vacancy' },
  'pipe.col.employer': { id: 'Pemberi kerja', en: 'Employer' },
  'pipe.col.stage': { id: 'Tahap', en: 'Stage' },
  'pipe.col.last': { id: 'Langkah terakhir', en: 'Last step' },
  'pipe.overdue.stale': { id: 'Terlambat: tanpa langkah > {n} hari', en: 'Overdue: no step for > {n} days' },
  'pipe.overdue.checkin': {
    id: 'Terlambat: cek retensi belum dicatat',
    en: 'Overdue: retention check-in not recorded',
  },
  'pipe.detail.title': { id: 'Penempatan {name}', en: 'Placement of {name}' },
  'pipe.detail.back': { id: 'Kembali', en: 'Back' },
  'pipe.detail.client': { id: 'Klien', en: 'Client' },
  'pipe.detail.vacancy': { id: 'Lowongan', en: 'Vacancy' },
  'pipe.detail.employer': { id: 'Pemberi kerja', en: 'Employer' },
  'pipe.detail.stage': { id: 'Tahap sekarang', en: 'Current stage' },
  'pipe.detail.origin': { id: 'Dimulai oleh', en: 'Started by' },
  'pipe.origin.officer': { id: 'petugas Bapas', en: 'the probation officer' },
  'pipe.origin.employer': { id: 'pemberi kerja', en: 'the employer' },
  'pipe.detail.created': { id: 'Dibuat', en: 'Created' },
  'pipe.detail.introduced': { id: 'Diperkenalkan', en: 'Introduced' },
  'pipe.detail.hired': { id: 'Mulai bekerja', en: 'Started work' },
  'pipe.detail.closed': { id: 'Ditutup', en: 'Closed' },
  'pipe.detail.feedback': { id: 'Umpan balik pemberi kerja', en: "Employer's feedback" },
  'pipe.move.title': { id: 'Ubah tahap', en: 'Change the stage' },
  'pipe.move.to': { id: 'Langkah berikutnya', en: 'Next step' },
  'pipe.move.needsReason': { id: '(perlu alasan)', en: '(needs a reason)' },
  'pipe.move.note': { id: 'Catatan', en: 'Note' },
  'pipe.move.noteHint': {
    id: 'Untuk "Klien setuju": tulis bagaimana klien memberi persetujuan.',
    en: 'For "Client consented": say how the client gave consent.',
  },
  'pipe.move.reason': { id: 'Alasan', en: 'Reason' },
  'pipe.move.reasonHint': {
    id: 'Wajib untuk Ditolak, Ditarik atau Berakhir.',
    en: 'Required for Declined, Withdrawn or Ended.',
  },
  'pipe.move.internal': {
    id: 'Catatan internal (tidak dilihat klien maupun pemberi kerja)',
    en: 'Internal note (not shown to the client or the employer)',
  },
  'pipe.move.at': { id: 'Tanggal (tidak wajib)', en: 'Date (optional)' },
  'pipe.move.atHint': { id: 'Kosongkan untuk hari ini.', en: 'Leave empty for today.' },
  'pipe.move.submit': { id: 'Simpan langkah', en: 'Save the step' },
  'pipe.move.none': {
    id: 'Tidak ada langkah yang dapat Anda ambil sekarang.',
    en: 'There is no step you can take now.',
  },
  'pipe.move.beforeConsent': {
    id: 'Perkenalan ke pemberi kerja baru tersedia setelah klien setuju (tahap "Klien setuju").',
    en: 'The introduction to the employer becomes available once the client has consented.',
  },
  'pipe.move.noSharing': {
    id: 'Klien tidak (lagi) setuju profilnya dibagikan, jadi perkenalan tidak dapat dilakukan.',
    en: 'The client does not (or no longer) consent to sharing, so no introduction is possible.',
  },
  'pipe.move.retentionLater': {
    id: 'Cek retensi {n} hari dapat dicatat mulai {date}.',
    en: 'The {n}-day check-in can be recorded from {date}.',
  },
  'pipe.move.done': { id: 'Tahap diubah: {stage}.', en: 'Stage changed: {stage}.' },
  'pipe.ci.title': { id: 'Cek retensi', en: 'Retention check-ins' },
  'pipe.ci.caption': { id: 'Cek retensi 30, 90 dan 180 hari', en: '30, 90 and 180-day retention check-ins' },
  'pipe.ci.check': { id: 'Cek', en: 'Check-in' },
  'pipe.ci.days': { id: '{n} hari', en: '{n} days' },
  'pipe.ci.due': { id: 'Jatuh tempo', en: 'Due' },
  'pipe.ci.status': { id: 'Status', en: 'Status' },
  'pipe.ci.reminder': { id: 'Pengingat email', en: 'Email reminder' },
  'pipe.ci.st.recorded': { id: 'Tercatat {date}', en: 'Recorded {date}' },
  'pipe.ci.st.due': { id: 'Jatuh tempo, belum dicatat', en: 'Due, not recorded' },
  'pipe.ci.st.upcoming': { id: 'Akan datang', en: 'Upcoming' },
  'pipe.ci.st.not_applicable': { id: 'Tidak berlaku lagi', en: 'No longer applies' },
  'pipe.ci.beforeHire': {
    id: 'Cek retensi dijadwalkan setelah klien diterima bekerja.',
    en: 'Retention check-ins are scheduled once the client is hired.',
  },
  'pipe.history': { id: 'Riwayat lengkap', en: 'Full history' },
  'pipe.history.by': { id: 'oleh {name} ({role})', en: 'by {name} ({role})' },
  'pipe.history.internal': { id: 'catatan internal', en: 'internal note' },
  'pipe.history.reason': { id: 'Alasan', en: 'Reason' },
  'pipe.reminder.none': { id: 'Belum dijadwalkan', en: 'Not scheduled yet' },
});

const DAY = 86_400_000;
const STAGE_VALUES = ['active', 'all', ...PLACEMENT_STATES] as const;
const LIMIT = 20;

const PipelineParams = z.object({
  stage: z.enum(STAGE_VALUES).catch('active'),
  overdue: z.literal('1').optional().catch(undefined),
  mine: z.literal('1').optional().catch(undefined),
  sort: z.enum(['recent', 'oldest']).catch('recent'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const isClosing = (s: string) => (CLOSING_STATES as readonly string[]).includes(s);

// ---------------------------------------------------------------- the pipeline list

async function pipelineList(w: WebContext): Promise<WebResult> {
  const p = PipelineParams.parse({
    stage: q1(w, 'stage') || undefined,
    overdue: q1(w, 'overdue') || undefined,
    mine: q1(w, 'mine') || undefined,
    sort: q1(w, 'sort') || undefined,
    page: q1(w, 'page') || undefined,
  });
  const query: PipelineQuery = {
    stage: p.stage,
    overdue: p.overdue === '1',
    mine: p.mine === '1',
    sort: p.sort,
    page: p.page,
    limit: LIMIT,
  };
  const res = await pipelinePage(w.actor!, query, w.ctx.now);
  const back = w.url.pathname + w.url.search;
  const results = html`<div id="results" aria-live="polite">
<p><strong>${w.t('pipe.count', { n: w.i18n.number(res.total) })}</strong></p>
${
  res.items.length
    ? html`<table><caption>${w.t('pipe.caption')}</caption>
<thead><tr><th scope="col">${w.t('pipe.col.client')}</th><th scope="col">${w.t('pipe.col.vacancy')}</th><th scope="col">${w.t('pipe.col.employer')}</th><th scope="col">${w.t('pipe.col.stage')}</th><th scope="col">${w.t('pipe.col.last')}</th></tr></thead>
<tbody>${res.items.map(
        (
          r,
        ) => html`<tr id="row-${r.id}"><th scope="row"><a href="/app/placements/${r.id}?back=${encodeURIComponent(back)}">${r.candidateName}</a><br><span class="muted">${r.registrationNumber}</span></th>
<td>${r.vacancyTitle}</td><td>${r.employerName}</td>
<td>${stateLabel(w, r.state)}${r.overdue ? html`<br><span class="status overdue">${w.t(`pipe.overdue.${r.overdue}`, { n: STALE_DAYS })}</span>` : ''}</td>
<td>${dayOf(w, r.lastStepAt)}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${w.t('pipe.empty')}</p>`
}
${pager(w, p.page, LIMIT, res.total)}</div>`;
  if (w.partial) return fragment(results);
  const title = w.t('pipe.title');
  return page(
    title,
    html`<h1>${title}</h1>
<form method="get" action="/app/pipeline" class="filters" hx-get="/app/pipeline" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
${select(w, {
  name: 'stage',
  label: w.t('pipe.f.stage'),
  value: p.stage === 'active' ? '' : p.stage,
  empty: w.t('pipe.f.active'),
  options: [
    ...PLACEMENT_STATES.map((s) => ({ value: s, label: stateLabel(w, s) })),
    { value: 'all', label: w.t('pipe.f.all') },
  ],
})}
<fieldset class="checks"><legend>${w.t('pipe.f.show')}</legend>
<label><input type="checkbox" name="overdue" value="1" aria-describedby="overdue-hint"${when(query.overdue, html` checked`)}> ${w.t('pipe.f.overdue')}</label>
<label><input type="checkbox" name="mine" value="1"${when(query.mine, html` checked`)}> ${w.t('pipe.f.mine')}</label>
<span class="hint" id="overdue-hint">${w.t('pipe.f.overdueHint', { n: STALE_DAYS })}</span>
</fieldset>
${select(w, {
  name: 'sort',
  label: w.t('list.sort'),
  value: p.sort,
  options: [
    { value: 'recent', label: w.t('pipe.sort.recent') },
    { value: 'oldest', label: w.t('pipe.sort.oldest') },
  ],
})}
<button type="submit">${w.t('form.apply')}</button> <a href="/app/pipeline">${w.t('form.clear')}</a>
</form>
${results}`,
  );
}

// ---------------------------------------------------------------- one placement

interface MoveForm {
  to?: string;
  note?: string;
  reason?: string;
  internal?: boolean;
  at?: string;
}

interface DetailExtra {
  form?: MoveForm;
  errors?: FieldErrors | null;
  alert?: string;
  status?: string;
}

async function loadPlacement(w: WebContext, id: string): Promise<StaffPlacementView> {
  const view = await getPlacement(w.actor!, id, w.ctx);
  if (!isStaffView(view)) throw errors.notFound('Penempatan', 'Placement');
  return view;
}

/**
 * The steps this officer may offer now: what the service allows them (so `introduced` only after the
 * client consented), without an introduction the person's sharing consent forbids or a retention
 * check-in before its day; the service checks both again on the POST. With why others are missing.
 */
function offeredMoves(
  w: WebContext,
  view: StaffPlacementView,
  sharing: boolean,
): { moves: PlacementState[]; hints: string[] } {
  const hints: string[] = [];
  const hiredAt = view.hiredAt ? new Date(view.hiredAt) : undefined;
  const moves = view.allowedMoves.filter((m) => {
    if (m === 'introduced' && !sharing) return false;
    const days = RETENTION_DAYS[m];
    if (days && hiredAt && hiredAt.getTime() + days * DAY > w.ctx.now.getTime()) {
      hints.push(
        w.t('pipe.move.retentionLater', {
          n: days,
          date: dayOf(w, new Date(hiredAt.getTime() + days * DAY)),
        }),
      );
      return false;
    }
    return true;
  });
  if (!sharing && view.state === 'candidate_consented') hints.push(w.t('pipe.move.noSharing'));
  if (view.state === 'employer_interest' || view.state === 'proposed')
    hints.push(w.t('pipe.move.beforeConsent'));
  return { moves, hints };
}

function moveForm(
  w: WebContext,
  view: StaffPlacementView,
  offered: { moves: PlacementState[]; hints: string[] },
  extra: DetailExtra,
  back: string,
): SafeHtml {
  const f = extra.form ?? {};
  const { moves } = offered;
  const explain = offered.hints.map((h) => html`<p class="hint">${h}</p>`);
  if (moves.length === 0)
    return html`<h2>${w.t('pipe.move.title')}</h2><p>${w.t('pipe.move.none')}</p>${explain}`;
  const action = `/app/placements/${view.id}/transition`;
  return html`<h2>${w.t('pipe.move.title')}</h2>
${explain}
${errorSummary(w, extra.errors, { to: w.t('pipe.move.to'), note: w.t('pipe.move.note'), reason: w.t('pipe.move.reason'), at: w.t('pipe.move.at') })}
<form method="post" action="${action}" class="no-print" novalidate hx-post="${action}" hx-target="#placement-main" hx-select="#placement-main" hx-swap="outerHTML">${csrfField(w)}
<input type="hidden" name="back" value="${back}">
<fieldset class="${extra.errors?.to ? 'checks has-error' : 'checks'}"><legend>${w.t('pipe.move.to')}</legend>
${extra.errors?.to ? html`<span class="field-error" id="f-to-error">${extra.errors.to}</span>` : ''}
${moves.map(
  (m, i) =>
    html`<label><input type="radio" name="to" value="${m}" id="${i === 0 ? fieldId('to') : `${fieldId('to')}-${m}`}"${when(f.to === m, html` checked`)}> ${stateLabel(w, m)}${isClosing(m) ? html` <span class="muted">${w.t('pipe.move.needsReason')}</span>` : ''}</label>`,
)}
</fieldset>
${textarea(w, { name: 'note', label: w.t('pipe.move.note'), hint: w.t('pipe.move.noteHint'), value: f.note, errors: extra.errors, rows: 3 })}
${input(w, { name: 'reason', label: w.t('pipe.move.reason'), hint: w.t('pipe.move.reasonHint'), value: f.reason, errors: extra.errors })}
<div class="checks"><label><input type="checkbox" id="f-internal" name="internal" value="true"${when(f.internal, html` checked`)}> ${w.t('pipe.move.internal')}</label></div>
${input(w, { name: 'at', label: w.t('pipe.move.at'), hint: w.t('pipe.move.atHint'), type: 'date', value: f.at, errors: extra.errors })}
<button type="submit">${w.t('pipe.move.submit')}</button>
</form>`;
}

function checkinsSection(w: WebContext, view: StaffPlacementView): SafeHtml {
  const checkins = retentionCheckins(
    {
      hiredAt: view.hiredAt ? new Date(view.hiredAt) : undefined,
      closedAt: view.closedAt ? new Date(view.closedAt) : undefined,
      state: view.state,
      timeline: view.timeline.map((e) => ({ ...e, at: new Date(e.at) })),
    },
    w.ctx.now,
  );
  if (checkins.length === 0) return html`<h2>${w.t('pipe.ci.title')}</h2><p>${w.t('pipe.ci.beforeHire')}</p>`;
  // The reminders planned in the notification ledger for the officer, by milestone (D30, D90, D180).
  const ledger = (view.checkins ?? []) as { milestone?: string; kind?: string; status?: string }[];
  const reminder = (days: number) =>
    ledger.find((n) => n.milestone === `D${days}` && n.kind === 'checkin_officer')?.status;
  return html`<h2>${w.t('pipe.ci.title')}</h2>
<table><caption>${w.t('pipe.ci.caption')}</caption>
<thead><tr><th scope="col">${w.t('pipe.ci.check')}</th><th scope="col">${w.t('pipe.ci.due')}</th><th scope="col">${w.t('pipe.ci.status')}</th><th scope="col">${w.t('pipe.ci.reminder')}</th></tr></thead>
<tbody>${checkins.map((c) => {
    const r = reminder(c.days);
    return html`<tr><th scope="row">${w.t('pipe.ci.days', { n: c.days })}</th><td>${dayOf(w, c.dueAt)}</td><td>${
      c.status === 'recorded'
        ? w.t('pipe.ci.st.recorded', { date: dayOf(w, c.recordedAt) })
        : html`<span class="${c.status === 'due' ? 'status overdue' : 'status'}">${w.t(`pipe.ci.st.${c.status}`)}</span>`
    }</td><td>${r ? w.t(`officer.al.st.${r}`) : w.t('pipe.reminder.none')}</td></tr>`;
  })}</tbody></table>`;
}

async function historySection(w: WebContext, view: StaffPlacementView, timeZone?: string): Promise<SafeHtml> {
  const users = new Map(
    (await userRepository.findByIds([...new Set(view.timeline.map((e) => e.by))])).map((u) => [u.id, u]),
  );
  const events = [...view.timeline].reverse();
  return html`<h2>${w.t('pipe.history')}</h2>
<ol class="timeline" reversed>${events.map(
    (e) => html`<li><strong>${e.from ? html`${stateLabel(w, e.from)} → ` : ''}${stateLabel(w, e.to)}</strong>
<span class="muted">${moment(w, e.at, timeZone)}, ${w.t('pipe.history.by', { name: users.get(e.by)?.name ?? '—', role: w.t(`officer.role.${e.role}`) })}</span>
${e.internal ? html` <span class="status">${w.t('pipe.history.internal')}</span>` : ''}
${e.note ? html`<p>${e.note}</p>` : ''}${e.reason ? html`<p>${w.t('pipe.history.reason')}: ${e.reason}</p>` : ''}</li>`,
  )}</ol>`;
}

async function placementDetail(w: WebContext, extra: DetailExtra = {}): Promise<WebResult> {
  const view = await loadPlacement(w, String(w.params.id));
  const [candidate, employer, bapas] = await Promise.all([
    candidateRepository.findById(view.candidateId),
    employerRepository.findById(view.employerId),
    view.bapasId ? facilityRepository.findById(view.bapasId) : Promise.resolve(null),
  ]);
  const offered = offeredMoves(w, view, candidate?.consent.shareWithEmployers === true);
  // After a POST the Back target travels in the form; on a GET in the query.
  const backValue = safeAppPath(q1(w, 'back') ?? w.body.back, '/app/', '/app/pipeline');
  const self = `/app/placements/${view.id}?back=${encodeURIComponent(backValue)}`;
  const moved = q1(w, 'moved');
  const status =
    extra.status ??
    (moved && (PLACEMENT_STATES as readonly string[]).includes(moved)
      ? w.t('pipe.move.done', { stage: stateLabel(w, moved) })
      : undefined);
  const name = view.candidate?.fullName ?? '—';
  const clientHref = `/app/clients/${view.candidateId}?tab=placements&back=${encodeURIComponent(self)}`;
  const main = html`<div id="placement-main">
${notice(status)}${notice(extra.alert, 'alert')}
<dl class="summary">
<dt>${w.t('pipe.detail.client')}</dt><dd><a href="${clientHref}">${name}</a> <span class="muted">${view.candidate?.registrationNumber ?? ''}</span></dd>
<dt>${w.t('pipe.detail.vacancy')}</dt><dd>${view.vacancy?.title ?? '—'}</dd>
<dt>${w.t('pipe.detail.employer')}</dt><dd>${employer?.name ?? '—'}</dd>
<dt>${w.t('pipe.detail.stage')}</dt><dd><strong>${stateLabel(w, view.state)}</strong></dd>
<dt>${w.t('pipe.detail.origin')}</dt><dd>${w.t(`pipe.origin.${view.origin}`)}</dd>
<dt>${w.t('pipe.detail.created')}</dt><dd>${dayOf(w, view.createdAt)}</dd>
${view.introducedAt ? html`<dt>${w.t('pipe.detail.introduced')}</dt><dd>${dayOf(w, view.introducedAt)}</dd>` : ''}
${view.hiredAt ? html`<dt>${w.t('pipe.detail.hired')}</dt><dd>${dayOf(w, view.hiredAt)}</dd>` : ''}
${view.closedAt ? html`<dt>${w.t('pipe.detail.closed')}</dt><dd>${dayOf(w, view.closedAt)}${view.closedReason ? ` — ${view.closedReason}` : ''}</dd>` : ''}
<dt>${w.t('pipe.col.last')}</dt><dd>${dayOf(w, lastStepAt({ timeline: view.timeline.map((e) => ({ ...e, at: new Date(e.at) })), createdAt: new Date(view.createdAt) }))}</dd>
${view.employerFeedback ? html`<dt>${w.t('pipe.detail.feedback')}</dt><dd>${view.employerFeedback}</dd>` : ''}
</dl>
${moveForm(w, view, offered, extra, backValue)}
${checkinsSection(w, view)}
${await historySection(w, view, bapas?.timezone)}
</div>`;
  // htmx swaps only 2xx answers, so an in-place answer carries its problem in the markup.
  if (w.partial) return fragment(main);
  const title = w.t('pipe.detail.title', { name });
  const httpStatus = extra.errors ? 400 : undefined;
  return page(
    title,
    html`<p class="no-print"><a href="${backValue}">← ${w.t('pipe.detail.back')}</a></p>
<h1>${title}</h1>
${main}`,
    httpStatus,
  );
}

/** The officer's placement pipeline and the placement record with its stage-change form. */
export const officerPipelineScreens: ScreenModule = (web, deps) => {
  const writeHooks = createWriteHooks(deps);
  const hooks = {
    candidates: writeHooks.candidates,
    vacancies: writeHooks.vacancies,
    afterCommit: writeHooks.candidates.afterCommit ?? (async () => undefined),
  };

  web.get('/app/pipeline', { roles: OFFICER_ROLES }, pipelineList);

  web.get('/app/placements/:id', { roles: OFFICER_ROLES }, (w) => placementDetail(w));

  web.post('/app/placements/:id/transition', { roles: OFFICER_ROLES }, async (w) => {
    const id = String(w.params.id);
    const str = (k: string) => {
      const v = w.body[k];
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const form: MoveForm = {
      to: str('to'),
      note: str('note'),
      reason: str('reason'),
      internal: w.body.internal === 'true' || w.body.internal === 'on',
      at: str('at'),
    };
    // A date of today means "now", so the step never lands before one taken earlier today.
    const at = form.at && form.at !== isoDay(w.ctx.now) ? form.at : undefined;
    const fail = async (err: unknown): Promise<WebResult> => {
      const e = toAppError(err);
      if (e.status === 400) {
        const result = await placementDetail(w, { form, errors: fieldErrors(e, w.lang) ?? {} });
        return result;
      }
      if (e.status !== 403 && e.status !== 409) throw err;
      // A move the service refuses (not allowed now, or not this officer's to take): nothing changed.
      const result = await placementDetail(w, { form, alert: errorText(w, e) });
      return result.kind === 'page' ? { ...result, status: e.status } : result;
    };
    const parsed = TransitionBody.safeParse({ ...form, at, internal: form.internal || undefined });
    if (!parsed.success) return fail(parsed.error);
    try {
      const view = await transitionPlacement(w.actor!, id, parsed.data, w.ctx, hooks, {
        allowFuture: deps.config.ALLOW_TIME_TRAVEL,
      });
      const done = w.t('pipe.move.done', { stage: stateLabel(w, view.state) });
      if (w.partial) return placementDetail(w, { status: done });
      const back = safeAppPath(w.body.back, '/app/', '');
      return redirect(
        withQuery(
          { ...w, url: new URL(`http://local/app/placements/${id}`) },
          { moved: parsed.data.to, back: back || undefined },
        ),
      );
    } catch (err) {
      return fail(err);
    }
  });
};
