import type { Request } from 'express';
import { z } from 'zod';
import type { ApiBuilder } from '../http/api.js';
import { Reply } from '../http/api.js';
import { bi, objectId, queryBool } from '../http/validate.js';
import { PLACEMENT_STATES } from '../placements/states.js';
import { regionKey } from '../shared/regions.js';
import { dateOnly, regionName } from '../shared/schemas.js';
import { csvHeaders, placementsReportCsv, skillsGapCsv } from './csv.js';
import { placementsReport, skillsGapReport } from './service.js';

const REPORT_ROLES = ['admin', 'officer', 'facility_staff', 'trainer'] as const;

const Format = z
  .enum(['json', 'csv'], { error: bi('format harus json atau csv', 'format must be json or csv') })
  .optional()
  .describe('csv for a download; without it, Accept: text/csv also selects CSV');

const Label = z.object({ id: z.string(), en: z.string() });
const Retention = z.object({
  eligible: z.number().int().describe('Hired placements with hiredAt + N days ≤ min(to, today)'),
  retained: z
    .number()
    .int()
    .describe('Of those, placements that reached retained_N or a later retention step'),
  rate: z.number().nullable().describe('retained / eligible, 3 decimals; null when eligible is 0'),
});
const RetentionSet = z.object({ d30: Retention, d90: Retention, d180: Retention });
const BreakdownRow = z.object({
  key: z.string(),
  label: Label,
  placements: z.number().int(),
  hired: z.number().int().describe('Placements that reached hired or beyond'),
  retention: RetentionSet,
});

export const PlacementsReportQuery = z.object({
  from: dateOnly.optional().describe('First creation day, YYYY-MM-DD (UTC); default: 364 days before to'),
  to: dateOnly.optional().describe('Last creation day, YYYY-MM-DD (UTC), inclusive; default: today'),
  facilityId: objectId.optional().describe('Lapas, Rutan or LPKA the person was in'),
  bapasId: objectId.optional().describe('Bapas supervising the person'),
  blkId: objectId.optional().describe('BLK that trained or certified the person'),
  format: Format,
});

export const PlacementsReportView = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({
    bapasId: z.string().optional(),
    facilityId: z.string().optional(),
    blkId: z.string().optional(),
  }),
  total: z.number().int(),
  byState: z.record(z.enum(PLACEMENT_STATES), z.number().int()).describe('Every state, zeros included'),
  hired: z.number().int(),
  daysReleaseToHire: z.object({
    median: z.number().nullable().describe('Calendar days (UTC) from release to hire; null when n is 0'),
    n: z.number().int(),
  }),
  retention: RetentionSet,
  byVocation: z.array(BreakdownRow).describe("Vocation of the vacancy's first required skill"),
  byProgramme: z
    .array(BreakdownRow)
    .describe('Each passed BLK programme of the person; "(none)" for people without one'),
});

export const SkillsGapQuery = z.object({
  province: regionName.optional(),
  regency: regionName.optional(),
  horizonDays: z.coerce
    .number({ error: bi('harus berupa angka', 'must be a number') })
    .int()
    .min(1)
    .max(730)
    .default(90)
    .describe('People in custody count as supply when their expected release is within this many days'),
  all: queryBool.describe('true: every skill with demand or supply, not only gaps > 0'),
  format: Format,
});

const GapProgramme = z.object({
  code: z.string(),
  name: Label,
  vocation: z.string(),
  hours: z.number().int(),
  certificationScheme: z.string().nullable(),
});

export const SkillsGapView = z.object({
  asOf: z.string(),
  region: z.object({ province: z.string().nullable(), regency: z.string().nullable() }),
  horizonDays: z.number().int(),
  releaseWindow: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({
    vacancies: z.number().int().describe('Open vacancies in the region'),
    openings: z.number().int().describe('Their openings'),
    people: z.number().int().describe('People counted as supply'),
  }),
  items: z.array(
    z.object({
      code: z.string(),
      label: Label,
      vocation: z.object({ code: z.string(), label: Label }).nullable(),
      demand: z.number().int(),
      supply: z.number().int(),
      gap: z.number().int(),
      programmes: z.array(GapProgramme).max(3),
    }),
  ),
});

/** CSV when asked for with ?format=csv, or by Accept when no format is given. */
function wantsCsv(format: 'json' | 'csv' | undefined, req: Request): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

const PLACEMENTS_DESCRIPTION = `Population: placements created in [from, to] (UTC days, inclusive; default the 365 days ending today) within the caller's scope — officers: their Bapas; facility staff: their Lapas/Rutan/LPKA; trainers: people with a training or certification from their BLK; admins: all — narrowed by facilityId, bapasId and blkId. A filter naming someone else's Bapas/facility/BLK answers 403 naming the query field; an unknown id answers 400.
byState: current state counts, every state present. daysReleaseToHire: median over placements with hiredAt of the UTC calendar days from the person's release (actual date, else expected) to hiredAt, with n.
Retention N (30/90/180): eligible = hired placements with hiredAt + N days ≤ min(to, today); retained = those whose timeline reached retained_N or a later retention step; rate = retained/eligible, 3 decimals, null when eligible is 0.
byVocation: vocation of the vacancy's first required skill. byProgramme: each passed BLK training programme of the person (name and BLK); a placement counts once under each, people without a passed training under "(none)".
CSV: one flat table, columns ${'section,key,label,labelEn,placements,hired,eligible30,retained30,rate30,eligible90,retained90,rate90,eligible180,retained180,rate180,medianDaysReleaseToHire,medianN'}; sections total, state, vocation, programme.`;

const SKILLS_GAP_DESCRIPTION = `Region: regency and/or province (names compared as region keys: "Kab. Bone" = "Bone"); none = the whole country.
Demand per skill: sum of openings of open vacancies (status open, not past closesAt) in the region that require the skill.
Supply per skill: people living in the region (domicile) who are in custody with an expected release in [today, today + horizonDays], or released and not placed, and who hold the skill.
gap = demand − supply; sorted by gap, then demand (both descending), then code; only gap > 0 unless all=true. Each row suggests up to 3 BLK programmes teaching the skill.
No personal data: admins, officers, facility staff and trainers may ask about any region. CSV columns: code,label,labelEn,vocation,vocationLabel,demand,supply,gap,programmes.`;

/** The reports routes: placement outcomes and the skills gap, as JSON or CSV. */
export function registerReportRoutes(api: ApiBuilder): void {
  api.route({
    method: 'get',
    path: '/reports/placements',
    summary:
      "Placement outcomes in the caller's scope: counts by state, median days release→hire, retention 30/90/180, by vocation and BLK programme",
    description: PLACEMENTS_DESCRIPTION,
    tags: ['reports'],
    auth: REPORT_ROLES,
    query: PlacementsReportQuery,
    response: PlacementsReportView,
    produces: ['text/csv'],
    handler: async ({ actor, query, ctx, req }) => {
      const { format, ...filters } = query;
      const report = await placementsReport(actor, filters, ctx);
      if (!wantsCsv(format, req)) return new Reply(200, report, { Vary: 'Accept' });
      const name = `laporan-penempatan_${report.period.from}_${report.period.to}.csv`;
      return new Reply(200, placementsReportCsv(report), { ...csvHeaders(name), Vary: 'Accept' });
    },
  });
  api.route({
    method: 'get',
    path: '/reports/skills-gap',
    summary:
      'Skills gap in a region: openings requiring each skill against people released or due for release who hold it, largest gap first, with BLK programmes that close it',
    description: SKILLS_GAP_DESCRIPTION,
    tags: ['reports'],
    auth: REPORT_ROLES,
    query: SkillsGapQuery,
    response: SkillsGapView,
    produces: ['text/csv'],
    handler: async ({ actor, query, ctx, req }) => {
      const { format, ...rest } = query;
      const report = await skillsGapReport(actor, rest, ctx);
      if (!wantsCsv(format, req)) return new Reply(200, report, { Vary: 'Accept' });
      const where = [query.province, query.regency].filter((s): s is string => Boolean(s)).map(regionKey);
      const name = `kesenjangan-keahlian_${where.join('_') || 'nasional'}_${report.asOf}.csv`;
      return new Reply(200, skillsGapCsv(report), { ...csvHeaders(name), Vary: 'Accept' });
    },
  });
}
