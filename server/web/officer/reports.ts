import { z } from 'zod';
import { facilityRepository } from '../../facilities/repository.js';
import { toAppError } from '../../http/error-middleware.js';
import { PLACEMENT_STATES } from '../../placements/states.js';
import { placementsReportCsv, skillsGapCsv } from '../../reports/csv.js';
import {
  type BreakdownRow,
  type PlacementsReport,
  placementsReport,
  type Retention,
  type SkillsGapReport,
  skillsGapReport,
} from '../../reports/service.js';
import { regionKey } from '../../shared/regions.js';
import { dateOnly, regionName } from '../../shared/schemas.js';
import { errorSummary, type FieldErrors, input, q1, select } from '../components.js';
import { fieldErrors, page, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml } from '../html.js';
import { defineMessages } from '../i18n.js';
import type { ScreenModule } from '../index.js';
import { dayOf, OFFICER_ROLES, stateLabel } from './shared.js';

defineMessages({
  'rep.title': { id: 'Laporan', en: 'Reports' },
  'rep.period': { id: 'Periode', en: 'Period' },
  'rep.from': { id: 'Dari tanggal', en: 'From' },
  'rep.to': { id: 'Sampai tanggal', en: 'To' },
  'rep.periodHint': {
    id: 'Penempatan yang dibuat dalam periode ini. Kosongkan untuk 365 hari terakhir.',
    en: 'Placements created in this period. Leave empty for the last 365 days.',
  },
  'rep.headline': { id: 'Ringkasan {from} – {to}', en: 'Summary {from} – {to}' },
  'rep.placements': { id: 'Penempatan', en: 'Placements' },
  'rep.hired': { id: 'Diterima bekerja', en: 'Hired' },
  'rep.median': { id: 'Median hari dari bebas sampai bekerja', en: 'Median days from release to hire' },
  'rep.medianValue': { id: '{d} hari (dari {n} orang)', en: '{d} days (of {n} people)' },
  'rep.retention': { id: 'Bertahan {n} hari', en: 'Retained {n} days' },
  'rep.rate': { id: '{pct} ({r} dari {e})', en: '{pct} ({r} of {e})' },
  'rep.none': { id: '—', en: '—' },
  'rep.byState': { id: 'Penempatan per tahap', en: 'Placements by stage' },
  'rep.byStateCaption': {
    id: 'Jumlah penempatan per tahap saat ini, {from} – {to}',
    en: 'Placements by current stage, {from} – {to}',
  },
  'rep.stage': { id: 'Tahap', en: 'Stage' },
  'rep.count': { id: 'Jumlah', en: 'Count' },
  'rep.share': { id: 'Bagian', en: 'Share' },
  'rep.bar': { id: 'Grafik (dibanding tahap terbanyak)', en: 'Chart (against the largest stage)' },
  'rep.byVocation': { id: 'Menurut kejuruan', en: 'By vocation' },
  'rep.vocation': { id: 'Kejuruan', en: 'Vocation' },
  'rep.byProgramme': { id: 'Menurut program pelatihan BLK', en: 'By BLK programme' },
  'rep.programme': { id: 'Program BLK', en: 'BLK programme' },
  'rep.r30': { id: 'Retensi 30 hari', en: '30-day retention' },
  'rep.r90': { id: 'Retensi 90 hari', en: '90-day retention' },
  'rep.r180': { id: 'Retensi 180 hari', en: '180-day retention' },
  'rep.empty': { id: 'Belum ada data untuk periode ini.', en: 'No data for this period.' },
  'rep.csvPlacements': { id: 'Unduh CSV laporan penempatan', en: 'Download the placements report (CSV)' },
  'rep.gap': { id: 'Kesenjangan keahlian', en: 'Skills gap' },
  'rep.gapHint': {
    id: 'Permintaan: lowongan terbuka di daerah ini. Pasokan: warga daerah ini yang sudah bebas dan belum bekerja, atau akan bebas dalam rentang waktu yang dipilih.',
    en: 'Demand: open vacancies in the region. Supply: people of the region released and not placed, or due for release within the horizon.',
  },
  'rep.province': { id: 'Provinsi', en: 'Province' },
  'rep.regency': { id: 'Kabupaten/kota', en: 'Regency' },
  'rep.horizon': { id: 'Akan bebas dalam', en: 'Due for release within' },
  'rep.days': { id: '{n} hari', en: '{n} days' },
  'rep.show': { id: 'Tampilkan', en: 'Show' },
  'rep.gapSummary': {
    id: 'Per {asOf}, {region}: {vacancies} lowongan terbuka ({openings} posisi), {people} orang dihitung sebagai pasokan.',
    en: 'As of {asOf}, {region}: {vacancies} open vacancies ({openings} openings), {people} people counted as supply.',
  },
  'rep.national': { id: 'seluruh Indonesia', en: 'all of Indonesia' },
  'rep.gapCaption': {
    id: 'Keahlian yang paling kurang, kesenjangan terbesar dulu',
    en: 'Skills most in short supply, largest gap first',
  },
  'rep.skill': { id: 'Keahlian', en: 'Skill' },
  'rep.demand': { id: 'Permintaan (posisi)', en: 'Demand (openings)' },
  'rep.supply': { id: 'Pasokan (orang)', en: 'Supply (people)' },
  'rep.gapCol': { id: 'Kesenjangan', en: 'Gap' },
  'rep.programmes': { id: 'Program BLK yang mengajarkannya', en: 'BLK programmes that teach it' },
  'rep.hours': { id: '{n} jam', en: '{n} hours' },
  'rep.gapEmpty': { id: 'Tidak ada kesenjangan di daerah ini.', en: 'No gap in this region.' },
  'rep.csvGap': { id: 'Unduh CSV kesenjangan keahlian', en: 'Download the skills gap (CSV)' },
});

const HORIZONS = [30, 90, 180, 365] as const;

const Period = z.object({ from: dateOnly.optional(), to: dateOnly.optional() });
const Gap = z.object({
  province: regionName.optional().catch(undefined),
  regency: regionName.optional().catch(undefined),
  horizonDays: z.coerce
    .number()
    .int()
    .refine((n) => (HORIZONS as readonly number[]).includes(n))
    .catch(90),
});

const blank = (w: WebContext, k: string) => q1(w, k)?.trim() || undefined;

/** "67%" with the page's number format. */
function percent(w: WebContext, rate: number): string {
  return `${w.i18n.number(Math.round(rate * 100))}%`;
}

function retentionText(w: WebContext, r: Retention): string {
  if (r.rate === null) return w.t('rep.none');
  return w.t('rep.rate', { pct: percent(w, r.rate), r: r.retained, e: r.eligible });
}

/** The bar's width class: the share of the largest count, in 5% steps (no style attributes). */
export function barClass(count: number, max: number): string {
  if (count <= 0 || max <= 0) return '';
  return `bar w-${Math.max(5, Math.round((count / max) * 20) * 5)}`;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function breakdownTable(w: WebContext, caption: string, head: string, rows: BreakdownRow[]): SafeHtml {
  if (rows.length === 0) return html``;
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${head}</th><th scope="col">${w.t('rep.placements')}</th><th scope="col">${w.t('rep.hired')}</th><th scope="col">${w.t('rep.r30')}</th><th scope="col">${w.t('rep.r90')}</th><th scope="col">${w.t('rep.r180')}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.label[w.lang]}</th><td>${w.i18n.number(r.placements)}</td><td>${w.i18n.number(r.hired)}</td><td>${retentionText(w, r.retention.d30)}</td><td>${retentionText(w, r.retention.d90)}</td><td>${retentionText(w, r.retention.d180)}</td></tr>`,
  )}</tbody></table>`;
}

function placementsSection(w: WebContext, r: PlacementsReport, csvHref: string): SafeHtml {
  const from = dayOf(w, r.period.from);
  const to = dayOf(w, r.period.to);
  const max = Math.max(0, ...PLACEMENT_STATES.map((s) => r.byState[s]));
  return html`<h2>${w.t('rep.headline', { from, to })}</h2>
<dl class="summary">
<dt>${w.t('rep.placements')}</dt><dd>${w.i18n.number(r.total)}</dd>
<dt>${w.t('rep.hired')}</dt><dd>${w.i18n.number(r.hired)}</dd>
<dt>${w.t('rep.median')}</dt><dd>${r.daysReleaseToHire.median === null ? w.t('rep.none') : w.t('rep.medianValue', { d: w.i18n.number(r.daysReleaseToHire.median), n: r.daysReleaseToHire.n })}</dd>
<dt>${w.t('rep.retention', { n: 30 })}</dt><dd>${retentionText(w, r.retention.d30)}</dd>
<dt>${w.t('rep.retention', { n: 90 })}</dt><dd>${retentionText(w, r.retention.d90)}</dd>
<dt>${w.t('rep.retention', { n: 180 })}</dt><dd>${retentionText(w, r.retention.d180)}</dd>
</dl>
<p><a href="${csvHref}" download>${w.t('rep.csvPlacements')}</a></p>
<h2>${w.t('rep.byState')}</h2>
<table class="chart"><caption>${w.t('rep.byStateCaption', { from, to })}</caption>
<thead><tr><th scope="col">${w.t('rep.stage')}</th><th scope="col">${w.t('rep.count')}</th><th scope="col">${w.t('rep.share')}</th><th scope="col">${w.t('rep.bar')}</th></tr></thead>
<tbody>${PLACEMENT_STATES.map((s) => {
    const n = r.byState[s];
    const bar = barClass(n, max);
    return html`<tr><th scope="row">${stateLabel(w, s)}</th><td>${w.i18n.number(n)}</td><td>${r.total ? percent(w, n / r.total) : w.t('rep.none')}</td><td class="bar-cell">${bar ? html`<span class="${bar}" aria-hidden="true"></span>` : ''}</td></tr>`;
  })}</tbody></table>
<h2>${w.t('rep.byVocation')}</h2>
${r.byVocation.length ? breakdownTable(w, w.t('rep.byVocation'), w.t('rep.vocation'), r.byVocation) : html`<p>${w.t('rep.empty')}</p>`}
<h2>${w.t('rep.byProgramme')}</h2>
${r.byProgramme.length ? breakdownTable(w, w.t('rep.byProgramme'), w.t('rep.programme'), r.byProgramme) : html`<p>${w.t('rep.empty')}</p>`}`;
}

function gapSection(w: WebContext, g: SkillsGapReport, csvHref: string): SafeHtml {
  const region = [g.region.regency, g.region.province].filter(Boolean).join(', ') || w.t('rep.national');
  return html`<p>${w.t('rep.gapSummary', {
    asOf: dayOf(w, g.asOf),
    region,
    vacancies: w.i18n.number(g.totals.vacancies),
    openings: w.i18n.number(g.totals.openings),
    people: w.i18n.number(g.totals.people),
  })}</p>
<p><a href="${csvHref}" download>${w.t('rep.csvGap')}</a></p>
${
  g.items.length
    ? html`<table><caption>${w.t('rep.gapCaption')}</caption>
<thead><tr><th scope="col">${w.t('rep.skill')}</th><th scope="col">${w.t('rep.vocation')}</th><th scope="col">${w.t('rep.demand')}</th><th scope="col">${w.t('rep.supply')}</th><th scope="col">${w.t('rep.gapCol')}</th><th scope="col">${w.t('rep.programmes')}</th></tr></thead>
<tbody>${g.items.map(
        (i) =>
          html`<tr><th scope="row">${i.label[w.lang]}</th><td>${i.vocation?.label[w.lang] ?? '—'}</td><td>${w.i18n.number(i.demand)}</td><td>${w.i18n.number(i.supply)}</td><td>${w.i18n.number(i.gap)}</td><td>${i.programmes.length ? html`<ul>${i.programmes.map((p) => html`<li>${p.name[w.lang]} (${w.t('rep.hours', { n: p.hours })})</li>`)}</ul>` : '—'}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${w.t('rep.gapEmpty')}</p>`
}`;
}

interface ReportParams {
  period: { from?: Date; to?: Date };
  periodRaw: { from?: string; to?: string };
  periodErrors: FieldErrors | null;
  gap: z.output<typeof Gap>;
}

/** Reads both forms' fields; without any gap field the region defaults to the officer's Bapas regency. */
async function readParams(w: WebContext): Promise<ReportParams> {
  const periodRaw = { from: blank(w, 'from'), to: blank(w, 'to') };
  const parsed = Period.safeParse(periodRaw);
  const gap = Gap.parse({
    province: blank(w, 'province'),
    regency: blank(w, 'regency'),
    horizonDays: blank(w, 'horizonDays'),
  });
  const untouched = ['province', 'regency', 'horizonDays'].every((k) => q1(w, k) === undefined);
  if (untouched && w.actor!.facilityId) {
    const office = await facilityRepository.findById(w.actor!.facilityId);
    if (office) Object.assign(gap, { province: office.province, regency: office.regency });
  }
  return {
    period: parsed.success ? parsed.data : {},
    periodRaw,
    periodErrors: parsed.success ? null : fieldErrors(toAppError(parsed.error), w.lang),
    gap,
  };
}

async function reportsPage(w: WebContext): Promise<WebResult> {
  const p = await readParams(w);
  let periodErrors = p.periodErrors;
  let report: PlacementsReport | null = null;
  if (!periodErrors) {
    try {
      report = await placementsReport(w.actor!, p.period, w.ctx);
    } catch (err) {
      const e = toAppError(err);
      if (e.status !== 400) throw err;
      periodErrors = fieldErrors(e, w.lang);
    }
  }
  const gap = await skillsGapReport(w.actor!, p.gap, w.ctx);
  const periodQs = { from: p.periodRaw.from, to: p.periodRaw.to };
  const gapQs = { province: p.gap.province, regency: p.gap.regency, horizonDays: p.gap.horizonDays };
  const title = w.t('rep.title');
  const hidden = (params: Record<string, string | number | undefined>) =>
    Object.entries(params).map(([k, v]) =>
      v === undefined || v === '' ? '' : html`<input type="hidden" name="${k}" value="${String(v)}">`,
    );
  return page(
    title,
    html`<h1>${title}</h1>
${errorSummary(w, periodErrors, { from: w.t('rep.from'), to: w.t('rep.to') })}
<form method="get" action="/app/reports" class="filters" novalidate>
<fieldset><legend>${w.t('rep.period')}</legend>
<p class="hint">${w.t('rep.periodHint')}</p>
${input(w, { name: 'from', label: w.t('rep.from'), type: 'date', value: p.periodRaw.from, errors: periodErrors })}
${input(w, { name: 'to', label: w.t('rep.to'), type: 'date', value: p.periodRaw.to, errors: periodErrors })}
</fieldset>
${hidden(gapQs)}
<button type="submit">${w.t('form.apply')}</button> <a href="/app/reports">${w.t('form.clear')}</a>
</form>
${report ? placementsSection(w, report, `/app/reports/placements.csv${queryString(periodQs)}`) : ''}
<h2>${w.t('rep.gap')}</h2>
<p class="hint">${w.t('rep.gapHint')}</p>
<form method="get" action="/app/reports" class="filters">
${hidden(periodQs)}
${input(w, { name: 'province', label: w.t('rep.province'), value: p.gap.province })}
${input(w, { name: 'regency', label: w.t('rep.regency'), value: p.gap.regency })}
${select(w, {
  name: 'horizonDays',
  label: w.t('rep.horizon'),
  value: String(p.gap.horizonDays),
  options: HORIZONS.map((n) => ({ value: String(n), label: w.t('rep.days', { n }) })),
})}
<button type="submit">${w.t('rep.show')}</button>
</form>
${gapSection(w, gap, `/app/reports/skills-gap.csv${queryString(gapQs)}`)}`,
    periodErrors ? 400 : undefined,
  );
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/** Reports for officers (their Bapas) and admins: placement outcomes, skills gap, CSV downloads. */
export const officerReportScreens: ScreenModule = (web) => {
  web.get('/app/reports', { roles: OFFICER_ROLES }, reportsPage);

  web.get('/app/reports/placements.csv', { roles: OFFICER_ROLES }, async (w) => {
    const p = await readParams(w);
    if (p.periodErrors) return reportsPage(w);
    const report = await placementsReport(w.actor!, p.period, w.ctx);
    return {
      kind: 'download',
      filename: safeName(`laporan-penempatan_${report.period.from}_${report.period.to}.csv`),
      contentType: 'text/csv; charset=utf-8',
      body: placementsReportCsv(report),
    };
  });

  web.get('/app/reports/skills-gap.csv', { roles: OFFICER_ROLES }, async (w) => {
    const { gap } = await readParams(w);
    const report = await skillsGapReport(w.actor!, gap, w.ctx);
    const where = [gap.province, gap.regency].filter((s): s is string => Boolean(s)).map(regionKey);
    return {
      kind: 'download',
      filename: safeName(`kesenjangan-keahlian_${where.join('_') || 'nasional'}_${report.asOf}.csv`),
      contentType: 'text/csv; charset=utf-8',
      body: skillsGapCsv(report),
    };
  });
};
