// CSV import of vacancies, upserted by (employer, externalRef). Rows go through the same schemas and
// service functions as the API; docs/import.md lists the columns.

import type { Actor } from '../auth/actor.js';
import { objectId } from '../http/validate.js';
import type { Clock } from '../infra/clock.js';
import { foldText } from '../shared/text.js';
import { resolveSkillRefs, skillRefFromText } from '../skills/service.js';
import type { VacancyRecord, VacancySkill } from '../vacancies/repository.js';
import {
  CreateVacancyBody,
  type CreateVacancyInput,
  PatchVacancyBody,
  type PatchVacancyInput,
} from '../vacancies/schemas.js';
import {
  bulkCreateVacancies,
  resolveVacancySkills,
  updateVacancy,
  type VacancyWriteHooks,
} from '../vacancies/service.js';
import { splitList, toBool, toCode, toDecimal, toInteger, toLevel, toSector } from './cells.js';
import { type PathRule, RowProblems } from './issues.js';
import { importRepository, vacancyKey } from './repository.js';
import {
  type Applied,
  deferAfterCommit,
  type ImportAdapter,
  type ImportOptions,
  type ImportRow,
  type ImportSummary,
  type Outcome,
  RowFailure,
  type RowIssue,
  runImport,
} from './runner.js';

/** Every column of a vacancies file, in the order the documentation and the report use. */
export const VACANCY_COLUMNS = [
  'employerName',
  'employerId',
  'externalRef',
  'title',
  'kbji',
  'sector',
  'description',
  'skills',
  'certificationsRequired',
  'province',
  'regency',
  'lat',
  'lng',
  'radiusKm',
  'openings',
  'wageMin',
  'wageMax',
  'wagePeriod',
  'startDate',
  'closesAt',
  'nightShift',
  'status',
] as const;

const BASE_RULES: PathRule[] = [
  { path: 'externalRef', column: 'externalRef' },
  { path: 'title', column: 'title' },
  { path: 'kbji', column: 'kbji' },
  { path: 'sector', column: 'sector' },
  { path: 'description', column: 'description' },
  { path: 'skills', column: 'skills', list: true },
  { path: 'certificationsRequired', column: 'certificationsRequired', list: true },
  { path: 'location.province', column: 'province' },
  { path: 'location.regency', column: 'regency' },
  { path: 'location.lat', column: 'lat' },
  { path: 'location.lng', column: 'lng' },
  { path: 'radiusKm', column: 'radiusKm' },
  { path: 'openings', column: 'openings' },
  { path: 'wage', column: 'wageMin' },
  { path: 'wage.min', column: 'wageMin' },
  { path: 'wage.max', column: 'wageMax' },
  { path: 'wage.period', column: 'wagePeriod' },
  { path: 'startDate', column: 'startDate' },
  { path: 'closesAt', column: 'closesAt' },
  { path: 'nightShift', column: 'nightShift' },
  { path: 'status', column: 'status' },
];

/** `employerId` errors belong to whichever column named the employer. */
const rulesFor = (row: ImportRow): PathRule[] => [
  { path: 'employerId', column: row.get('employerId') ? 'employerId' : 'employerName' },
  ...BASE_RULES,
];

const REQUIRED_WORDS: Record<string, boolean> = {
  required: true,
  wajib: true,
  optional: false,
  opsional: false,
  pilihan: false,
};
const PERIOD_WORDS: Record<string, string> = {
  jam: 'hour',
  hari: 'day',
  minggu: 'week',
  pekan: 'week',
  bulan: 'month',
};
const STATUS_WORDS: Record<string, string> = {
  open: 'open',
  buka: 'open',
  closed: 'closed',
  tutup: 'closed',
};

interface VacancyRowData {
  employerId: string;
  externalRef: string;
}

type SkillItem = ({ code: string } | { name: string }) & { required: boolean; minLevel?: string };

const time = (d: Date | undefined) => d?.getTime();
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const sameSkills = (a: readonly VacancySkill[], b: readonly VacancySkill[]) =>
  a.length === b.length &&
  a.every((s, i) => s.code === b[i]!.code && s.required === b[i]!.required && s.minLevel === b[i]!.minLevel);

/** Reads the row's cells into the API's input shape; `current` fills compound fields on updates. */
function readCells(
  row: ImportRow,
  data: VacancyRowData,
  problems: RowProblems,
  current: VacancyRecord | undefined,
): Record<string, unknown> {
  const text = (c: string) => row.get(c) || undefined;
  const num = (c: string, conv: typeof toDecimal) => {
    const s = row.get(c);
    if (!s) return undefined;
    const r = conv(s);
    if (r.ok) return r.value;
    problems.cell(c, r.problem);
    return undefined;
  };
  const body: Record<string, unknown> = {
    externalRef: data.externalRef,
    title: text('title'),
    kbji: text('kbji'),
    sector: text('sector') && toSector(row.get('sector')),
    description: text('description'),
    radiusKm: num('radiusKm', toDecimal),
    openings: num('openings', toInteger),
    startDate: text('startDate'),
    closesAt: text('closesAt'),
  };
  if (!current) body.employerId = data.employerId;
  if (row.get('nightShift')) {
    const r = toBool(row.get('nightShift'));
    if (r.ok) body.nightShift = r.value;
    else problems.cell('nightShift', r.problem);
  }
  if (row.get('status')) {
    const s = row.get('status').toLowerCase();
    if (STATUS_WORDS[s]) body.status = STATUS_WORDS[s];
    else {
      problems.cell('status', {
        message: `"${row.get('status')}": status harus open atau closed (buka/tutup)`,
        messageEn: `"${row.get('status')}": status must be open or closed`,
      });
    }
  }

  const skillsText = row.get('skills');
  if (skillsText) {
    const items: SkillItem[] = [];
    splitList(skillsText).forEach((item, i) => {
      const parts = item.split(':').map((p) => p.trim());
      const required = REQUIRED_WORDS[(parts[1] ?? '').toLowerCase()];
      if (parts.length < 2 || parts.length > 3 || !parts[0] || required === undefined) {
        problems.cell('skills', {
          message: `butir ${i + 1} ("${item}"): tulis sebagai keahlian:required|optional[:tingkat], mis. "las listrik:required:intermediate"`,
          messageEn: `item ${i + 1} ("${item}"): write skill:required|optional[:minLevel], e.g. "las listrik:required:intermediate"`,
        });
        return;
      }
      items.push({
        ...skillRefFromText(parts[0]),
        required,
        ...(parts[2] ? { minLevel: toLevel(parts[2]) } : {}),
      });
    });
    body.skills = items;
  }
  if (row.get('certificationsRequired'))
    body.certificationsRequired = splitList(row.get('certificationsRequired'));

  const lat = num('lat', toDecimal);
  const lng = num('lng', toDecimal);
  if (!current || ['province', 'regency', 'lat', 'lng'].some((c) => row.get(c))) {
    const given = row.get('lat') || row.get('lng');
    body.location = {
      province: text('province') ?? current?.location.province,
      regency: text('regency') ?? current?.location.regency,
      lat: given ? lat : current?.location.lat,
      lng: given ? lng : current?.location.lng,
    };
  }
  if (['wageMin', 'wageMax', 'wagePeriod'].some((c) => row.get(c))) {
    const period = row.get('wagePeriod').toLowerCase();
    body.wage = {
      min: num('wageMin', toInteger) ?? current?.wage?.min,
      max: num('wageMax', toInteger) ?? current?.wage?.max,
      period: (period && (PERIOD_WORDS[period] ?? toCode(period))) || current?.wage?.period,
    };
  }
  return body;
}

/** Resolves skill items and certifications as the service will, so all problems show at once. */
function resolveRefs(
  body: Record<string, unknown>,
  problems: RowProblems,
): { skills?: VacancySkill[]; certifications?: string[] } {
  const out: { skills?: VacancySkill[]; certifications?: string[] } = {};
  const items = body.skills as SkillItem[] | undefined;
  if (items?.length) {
    try {
      out.skills = resolveVacancySkills(
        items.map((s) => ({ ...s, minLevel: s.minLevel as VacancySkill['minLevel'] })),
      );
    } catch (err) {
      problems.error(err);
    }
  }
  const certs = body.certificationsRequired as string[] | undefined;
  if (certs?.length) {
    try {
      out.certifications = [
        ...new Set(resolveSkillRefs(certs.map(skillRefFromText), 'body.certificationsRequired')),
      ];
    } catch (err) {
      problems.error(err);
    }
  }
  return out;
}

/** The smallest patch that brings `current` to what the row says; empty when nothing changes. */
function diffVacancy(
  current: VacancyRecord,
  input: PatchVacancyInput,
  resolved: { skills?: VacancySkill[]; certifications?: string[] },
): PatchVacancyInput {
  const patch: PatchVacancyInput = {};
  for (const k of [
    'title',
    'kbji',
    'sector',
    'description',
    'radiusKm',
    'openings',
    'nightShift',
    'status',
  ] as const) {
    if (input[k] !== undefined && input[k] !== current[k]) (patch as Record<string, unknown>)[k] = input[k];
  }
  if (input.skills && resolved.skills && !sameSkills(resolved.skills, current.skills))
    patch.skills = input.skills;
  if (
    input.certificationsRequired &&
    resolved.certifications &&
    !sameList(resolved.certifications, current.certificationsRequired)
  ) {
    patch.certificationsRequired = input.certificationsRequired;
  }
  const l = input.location;
  if (
    l &&
    (l.province !== current.location.province ||
      l.regency !== current.location.regency ||
      l.lat !== current.location.lat ||
      l.lng !== current.location.lng)
  ) {
    patch.location = l;
  }
  const w = input.wage;
  if (
    w &&
    (w.min !== current.wage?.min || w.max !== current.wage?.max || w.period !== current.wage?.period)
  ) {
    patch.wage = w;
  }
  if (input.startDate && time(input.startDate) !== time(current.startDate)) patch.startDate = input.startDate;
  if (input.closesAt && time(input.closesAt) !== time(current.closesAt)) patch.closesAt = input.closesAt;
  return patch;
}

export interface VacancyImportDeps {
  hooks: VacancyWriteHooks;
  clock: Clock;
  actor: Actor;
}

/** The vacancies adapter: the employer by name (or id) and its own reference identify a vacancy. */
export function vacancyImportAdapter(
  deps: VacancyImportDeps,
): ImportAdapter<VacancyRowData, VacancyRecord, CreateVacancyInput> {
  const { actor, clock } = deps;
  const deferred = deferAfterCommit(deps.hooks.afterCommit);
  const hooks: VacancyWriteHooks = { ...deps.hooks, afterCommit: deferred.afterCommit };
  const idsByName = new Map<string, string[]>();

  /** Checks a new vacancy's row; the chunk's new vacancies are then created together (createMany). */
  async function create(row: ImportRow, data: VacancyRowData): Promise<Applied<CreateVacancyInput>> {
    const problems = new RowProblems(row, rulesFor(row));
    const body = readCells(row, data, problems, undefined);
    const parsed = CreateVacancyBody.safeParse(body);
    resolveRefs(body, problems);
    if (!parsed.success) problems.zod(parsed.error);
    problems.throwIfAny();
    if (!parsed.success) throw new RowFailure(problems.issues);
    return { create: parsed.data };
  }

  async function update(row: ImportRow, data: VacancyRowData, current: VacancyRecord): Promise<Outcome> {
    const problems = new RowProblems(row, rulesFor(row));
    const body = readCells(row, data, problems, current);
    const parsed = PatchVacancyBody.safeParse(body);
    const resolved = resolveRefs(body, problems);
    if (!parsed.success) problems.zod(parsed.error);
    problems.throwIfAny();
    if (!parsed.success) throw new RowFailure(problems.issues);
    const patch = diffVacancy(current, parsed.data, resolved);
    if (!Object.keys(patch).length) return 'unchanged';
    try {
      await updateVacancy(actor, current.id, patch, { now: clock.now() }, hooks);
    } catch (err) {
      problems.error(err);
    }
    problems.throwIfAny();
    return 'updated';
  }

  return {
    columns: VACANCY_COLUMNS,
    checkHeader(present) {
      const out = [];
      if (!present.has('externalRef')) {
        out.push({ message: 'kolom externalRef wajib ada', messageEn: 'the externalRef column is required' });
      }
      if (!present.has('employerName') && !present.has('employerId')) {
        out.push({
          message: 'kolom employerName atau employerId wajib ada',
          messageEn: 'an employerName or employerId column is required',
        });
      }
      return out;
    },
    async prepare(rows) {
      const names = rows.map((r) => r.get('employerName')).filter((n) => n && !idsByName.has(foldText(n)));
      if (names.length)
        for (const [k, ids] of await importRepository.employerIdsByName(names)) idsByName.set(k, ids);
      return rows.map((row) => {
        const issue = (field: string, message: string, messageEn: string) => [
          { row: row.line, field, message, messageEn },
        ];
        const externalRef = row.get('externalRef');
        const name = row.get('employerName');
        const id = row.get('employerId');
        if (!name && !id) {
          return issue('employerName', 'isi employerName atau employerId', 'give employerName or employerId');
        }
        let employerId = id;
        if (id && !objectId.safeParse(id).success) {
          return issue('employerId', `"${id}": id tidak valid`, `"${id}": invalid id`);
        }
        if (name) {
          const ids = idsByName.get(foldText(name)) ?? [];
          if (ids.length === 0) {
            return issue(
              'employerName',
              `pemberi kerja "${name}" tidak ditemukan`,
              `no employer named "${name}"`,
            );
          }
          if (id && !ids.includes(id)) {
            return issue(
              'employerId',
              `employerId tidak cocok dengan pemberi kerja "${name}"`,
              `employerId does not match employer "${name}"`,
            );
          }
          if (!id && ids.length > 1) {
            return issue(
              'employerName',
              `ada ${ids.length} pemberi kerja bernama "${name}"; isi employerId`,
              `${ids.length} employers are named "${name}"; give employerId`,
            );
          }
          employerId ||= ids[0]!;
        }
        if (!externalRef) return issue('externalRef', 'wajib diisi', 'required');
        return {
          key: vacancyKey(employerId.toLowerCase(), externalRef),
          data: { employerId: employerId.toLowerCase(), externalRef },
        };
      });
    },
    duplicate(row, firstLine) {
      return {
        row: row.line,
        field: 'externalRef',
        message: `externalRef "${row.get('externalRef')}" untuk pemberi kerja ini sudah dipakai di baris ${firstLine}; baris ini dilewati`,
        messageEn: `externalRef "${row.get('externalRef')}" for this employer already used on line ${firstLine}; this row was skipped`,
      };
    },
    load(keys) {
      return importRepository.vacanciesByExternalRef(
        keys.map((k) => {
          const [employerId, externalRef] = k.split('\u0000') as [string, string];
          return { employerId, externalRef };
        }),
      );
    },
    apply(row, data, existing) {
      return existing ? update(row, data, existing) : create(row, data);
    },
    /** New vacancies of a chunk go through bulkCreateVacancies (the same checks as createVacancy). */
    async createMany(items) {
      const res = await bulkCreateVacancies(
        actor,
        items.map((i) => i.input),
        { now: clock.now() },
        hooks,
        Math.max(1, items.length),
      );
      const out: (RowIssue[] | null)[] = items.map(() => null);
      for (const f of res.failed) {
        const row = items[f.index]!.row;
        const problems = new RowProblems(row, rulesFor(row));
        problems.error(f.error);
        out[f.index] = problems.issues;
      }
      return out;
    },
    flush: deferred.flush,
  };
}

/**
 * Imports a vacancies CSV: new (employer, externalRef) pairs are created, known ones updated with
 * what changed, identical ones left alone.
 */
export function importVacancies(deps: VacancyImportDeps, opts: ImportOptions): Promise<ImportSummary> {
  return runImport(vacancyImportAdapter(deps), opts);
}
