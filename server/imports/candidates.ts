// CSV import of WBP skill profiles into one facility, upserted by registration number. Rows go
// through the same schemas and service functions as the API; docs/import.md lists the columns.

import type { Actor } from '../auth/actor.js';
import {
  ConsentBody,
  CreateCandidateBody,
  type CreateCandidateInput,
  PatchCandidateBody,
  type PatchCandidateInput,
} from '../candidates/schemas.js';
import {
  bulkCreateCandidates,
  type CandidateHooks,
  setConsent,
  updateCandidate,
} from '../candidates/service.js';
import { dedupeSkills } from '../candidates/skills-evidence.js';
import type { CandidateRecord, CandidateSkill } from '../candidates/types.js';
import type { FacilityRecord } from '../facilities/repository.js';
import type { Clock } from '../infra/clock.js';
import { resolveSkillRefs, skillRefFromText } from '../skills/service.js';
import { splitList, toBool, toCode, toDecimal, toEvidence, toGender, toLevel, toSector } from './cells.js';
import { type PathRule, RowProblems } from './issues.js';
import { importRepository } from './repository.js';
import {
  type Applied,
  deferAfterCommit,
  type ImportAdapter,
  type ImportOptions,
  type ImportRow,
  ImportSetupError,
  type ImportSummary,
  type Outcome,
  RowFailure,
  type RowIssue,
  runImport,
} from './runner.js';

/** Every column of a candidates file, in the order the documentation and the report use. */
export const CANDIDATE_COLUMNS = [
  'registrationNumber',
  'fullName',
  'birthDate',
  'gender',
  'bapasCode',
  'province',
  'regency',
  'lat',
  'lng',
  'releaseDate',
  'releaseType',
  'skills',
  'education',
  'languages',
  'preferredSectors',
  'preferredRegencies',
  'willingToRelocate',
  'nightShiftOk',
  'email',
  'phone',
  'shareWithEmployers',
  'contactByEmail',
  'offenceCategory',
  'allowedRegencies',
  'curfew',
  'excludedSectors',
  'notes',
] as const;

const RULES: PathRule[] = [
  { path: 'registrationNumber', column: 'registrationNumber' },
  { path: 'fullName', column: 'fullName' },
  { path: 'birthDate', column: 'birthDate' },
  { path: 'gender', column: 'gender' },
  { path: 'bapasId', column: 'bapasCode' },
  { path: 'domicile.province', column: 'province' },
  { path: 'domicile.regency', column: 'regency' },
  { path: 'domicile.location', column: 'lat' },
  { path: 'domicile.location.lat', column: 'lat' },
  { path: 'domicile.location.lng', column: 'lng' },
  { path: 'release.expectedDate', column: 'releaseDate' },
  { path: 'release.type', column: 'releaseType' },
  { path: 'skills', column: 'skills', list: true },
  { path: 'education', column: 'education' },
  { path: 'languages', column: 'languages', list: true },
  { path: 'preferences.sectors', column: 'preferredSectors', list: true },
  { path: 'preferences.regencies', column: 'preferredRegencies', list: true },
  { path: 'preferences.willingToRelocate', column: 'willingToRelocate' },
  { path: 'preferences.nightShiftOk', column: 'nightShiftOk' },
  { path: 'contact.email', column: 'email' },
  { path: 'contact.phone', column: 'phone' },
  { path: 'consent.shareWithEmployers', column: 'shareWithEmployers' },
  { path: 'consent.contactByEmail', column: 'contactByEmail' },
  { path: 'offenceCategory', column: 'offenceCategory' },
  { path: 'restrictions.allowedRegencies', column: 'allowedRegencies', list: true },
  { path: 'restrictions.curfew', column: 'curfew' },
  { path: 'restrictions.excludedSectors', column: 'excludedSectors', list: true },
  { path: 'notes', column: 'notes' },
];

const CUSTODY_KINDS: readonly FacilityRecord['kind'][] = ['lapas', 'rutan', 'lpka'];

interface CandidateRowData {
  registrationNumber: string;
  /** The Bapas named by `bapasCode`, when the code exists. */
  bapas?: FacilityRecord;
}

type SkillItem =
  | { code: string; level: string; evidence?: string }
  | { name: string; level: string; evidence?: string };

const day = (d: Date | undefined) => d?.getTime();
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);
const sameSkills = (a: readonly CandidateSkill[], b: readonly CandidateSkill[]) =>
  a.length === b.length &&
  a.every((s, i) => s.code === b[i]!.code && s.level === b[i]!.level && s.evidence === b[i]!.evidence);

/** Reads the row's cells into the API's input shape; `full` adds the objects a new profile needs. */
function readCells(
  row: ImportRow,
  data: CandidateRowData,
  facilityId: string,
  problems: RowProblems,
  full: boolean,
): { body: Record<string, unknown>; consent: { shareWithEmployers?: boolean; contactByEmail?: boolean } } {
  const text = (c: string) => row.get(c) || undefined;
  const bool = (c: string) => {
    const s = row.get(c);
    if (!s) return undefined;
    const r = toBool(s);
    if (r.ok) return r.value;
    problems.cell(c, r.problem);
    return undefined;
  };
  const list = (c: string, map: (s: string) => string = (s) => s) => {
    const s = row.get(c);
    return s ? splitList(s).map(map) : undefined;
  };
  const compact = (o: Record<string, unknown>) => {
    const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    return Object.keys(out).length ? out : undefined;
  };

  const body: Record<string, unknown> = {
    registrationNumber: data.registrationNumber,
    fullName: text('fullName'),
    birthDate: text('birthDate'),
    gender: text('gender') && toGender(row.get('gender')),
  };
  if (full) body.facilityId = facilityId;
  if (row.get('bapasCode')) {
    const code = row.get('bapasCode');
    if (!data.bapas) {
      problems.cell('bapasCode', {
        message: `Bapas dengan kode "${code}" tidak ditemukan`,
        messageEn: `no Bapas with code "${code}"`,
      });
    } else if (data.bapas.kind !== 'bapas') {
      problems.cell('bapasCode', {
        message: `"${code}" adalah ${data.bapas.kind}, bukan Bapas`,
        messageEn: `"${code}" is a ${data.bapas.kind}, not a Bapas`,
      });
    } else {
      body.bapasId = data.bapas.id;
    }
  }

  let location: { lat: number; lng: number } | undefined;
  const [latText, lngText] = [row.get('lat'), row.get('lng')];
  if (latText || lngText) {
    const lat = latText ? toDecimal(latText) : undefined;
    const lng = lngText ? toDecimal(lngText) : undefined;
    if (lat && !lat.ok) problems.cell('lat', lat.problem);
    if (lng && !lng.ok) problems.cell('lng', lng.problem);
    if (!latText || !lngText) {
      problems.cell(latText ? 'lng' : 'lat', {
        message: 'lat dan lng harus diisi bersama',
        messageEn: 'lat and lng go together',
      });
    } else if (lat?.ok && lng?.ok) {
      location = { lat: lat.value, lng: lng.value };
    }
  }
  const domicile = { province: text('province'), regency: text('regency'), location };
  body.domicile = full ? domicile : compact(domicile);
  const release = {
    expectedDate: text('releaseDate'),
    type: text('releaseType') && toCode(row.get('releaseType')),
  };
  body.release = full ? release : compact(release);

  const skillsText = row.get('skills');
  if (skillsText) {
    const items: SkillItem[] = [];
    splitList(skillsText).forEach((item, i) => {
      const parts = item.split(':').map((p) => p.trim());
      if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) {
        problems.cell('skills', {
          message: `butir ${i + 1} ("${item}"): tulis sebagai keahlian:tingkat[:bukti], mis. "las listrik:intermediate:training"`,
          messageEn: `item ${i + 1} ("${item}"): write skill:level[:evidence], e.g. "las listrik:intermediate:training"`,
        });
        return;
      }
      const evidence = parts[2] ? toEvidence(parts[2]) : undefined;
      items.push({
        ...skillRefFromText(parts[0]),
        level: toLevel(parts[1]),
        ...(evidence ? { evidence } : {}),
      });
    });
    body.skills = items;
  }

  if (row.get('education')) body.education = { level: toCode(row.get('education')) };
  body.languages = list('languages');
  body.preferences = compact({
    sectors: list('preferredSectors', toSector),
    regencies: list('preferredRegencies'),
    willingToRelocate: bool('willingToRelocate'),
    nightShiftOk: bool('nightShiftOk'),
  });
  body.contact = compact({ email: text('email'), phone: text('phone') });
  body.offenceCategory = text('offenceCategory');
  body.restrictions = compact({
    allowedRegencies: list('allowedRegencies'),
    curfew: bool('curfew'),
    excludedSectors: list('excludedSectors', toSector),
  });
  body.notes = text('notes');
  const consent = { shareWithEmployers: bool('shareWithEmployers'), contactByEmail: bool('contactByEmail') };
  return { body, consent };
}

/**
 * Resolves the row's skill items to codes exactly as the service will, even when other cells are
 * invalid, so all of a row's problems show at once.
 */
function resolveSkillCodes(body: Record<string, unknown>, problems: RowProblems): string[] | undefined {
  const items = body.skills as SkillItem[] | undefined;
  if (!items?.length) return undefined;
  try {
    return resolveSkillRefs(
      items.map((s) => ('code' in s ? { code: s.code } : { name: s.name })),
      'body.skills',
    );
  } catch (err) {
    problems.error(err);
    return undefined;
  }
}

/** The profile skills a row asks for (codes with the parsed levels), merged as the service does. */
function fileSkills(
  codes: string[] | undefined,
  parsed: { level: CandidateSkill['level']; evidence?: CandidateSkill['evidence'] }[] | undefined,
): CandidateSkill[] | undefined {
  if (!codes || !parsed) return undefined;
  return dedupeSkills(
    codes.map((code, i) => ({ code, level: parsed[i]!.level, evidence: parsed[i]!.evidence })),
  );
}

/** The smallest patch that brings `current` to what the row says; empty when nothing changes. */
function diffProfile(
  current: CandidateRecord,
  input: PatchCandidateInput,
  fileSkills: CandidateSkill[] | undefined,
): PatchCandidateInput {
  const patch: PatchCandidateInput = {};
  if (input.fullName !== undefined && input.fullName !== current.fullName) patch.fullName = input.fullName;
  if (input.birthDate && day(input.birthDate) !== day(current.birthDate)) patch.birthDate = input.birthDate;
  if (input.gender && input.gender !== current.gender) patch.gender = input.gender;
  if (input.bapasId && input.bapasId !== current.bapasId) patch.bapasId = input.bapasId;

  const domicile: NonNullable<PatchCandidateInput['domicile']> = {};
  const d = input.domicile;
  if (d?.province !== undefined && d.province !== current.domicile.province) domicile.province = d.province;
  if (d?.regency !== undefined && d.regency !== current.domicile.regency) domicile.regency = d.regency;
  if (
    d?.location &&
    (d.location.lat !== current.domicile.location?.lat || d.location.lng !== current.domicile.location?.lng)
  ) {
    domicile.location = d.location;
  }
  if (Object.keys(domicile).length) patch.domicile = domicile;

  const release: NonNullable<PatchCandidateInput['release']> = {};
  const r = input.release;
  if (r?.expectedDate && day(r.expectedDate) !== day(current.release.expectedDate)) {
    release.expectedDate = r.expectedDate;
  }
  if (r?.type && r.type !== current.release.type) release.type = r.type;
  if (Object.keys(release).length) patch.release = release;

  // Skills only grow: trainings and certifications recorded in the app may have raised a level
  // since the file was made, and an older file must not lower it again.
  if (fileSkills) {
    const merged = dedupeSkills([...current.skills, ...fileSkills]);
    if (!sameSkills(merged, current.skills)) {
      patch.skills = merged.map((s) => ({ code: s.code, level: s.level, evidence: s.evidence }));
    }
  }
  if (input.education && input.education.level !== current.education?.level)
    patch.education = input.education;
  if (input.languages && !sameList(input.languages, current.languages)) patch.languages = input.languages;

  const prefs: NonNullable<PatchCandidateInput['preferences']> = {};
  const p = input.preferences;
  if (p?.sectors && !sameList(p.sectors, current.preferences.sectors)) prefs.sectors = p.sectors;
  if (p?.regencies && !sameList(p.regencies, current.preferences.regencies)) prefs.regencies = p.regencies;
  if (p?.willingToRelocate !== undefined && p.willingToRelocate !== current.preferences.willingToRelocate) {
    prefs.willingToRelocate = p.willingToRelocate;
  }
  if (p?.nightShiftOk !== undefined && p.nightShiftOk !== current.preferences.nightShiftOk) {
    prefs.nightShiftOk = p.nightShiftOk;
  }
  if (Object.keys(prefs).length) patch.preferences = prefs;

  const contact: NonNullable<PatchCandidateInput['contact']> = {};
  if (input.contact?.email && input.contact.email !== current.contact.email)
    contact.email = input.contact.email;
  if (input.contact?.phone && input.contact.phone !== current.contact.phone)
    contact.phone = input.contact.phone;
  if (Object.keys(contact).length) patch.contact = contact;

  if (input.offenceCategory && input.offenceCategory !== current.offenceCategory) {
    patch.offenceCategory = input.offenceCategory;
  }
  const restrictions: NonNullable<PatchCandidateInput['restrictions']> = {};
  const x = input.restrictions;
  if (x?.allowedRegencies && !sameList(x.allowedRegencies, current.restrictions.allowedRegencies)) {
    restrictions.allowedRegencies = x.allowedRegencies;
  }
  if (x?.curfew !== undefined && x.curfew !== current.restrictions.curfew) restrictions.curfew = x.curfew;
  if (x?.excludedSectors && !sameList(x.excludedSectors, current.restrictions.excludedSectors)) {
    restrictions.excludedSectors = x.excludedSectors;
  }
  if (Object.keys(restrictions).length) patch.restrictions = restrictions;
  if (input.notes && input.notes !== current.notes) patch.notes = input.notes;
  return patch;
}

/** Who set a consent flag last, from the profile's history. */
function lastConsentRole(
  c: CandidateRecord,
  field: 'shareWithEmployers' | 'contactByEmail',
): string | undefined {
  for (let i = c.history.length - 1; i >= 0; i--) {
    if (c.history[i]!.field === `consent.${field}`) return c.history[i]!.role;
  }
  return undefined;
}

export interface CandidateImportDeps {
  hooks: CandidateHooks;
  clock: Clock;
  actor: Actor;
}

/** The candidates adapter for one custody facility. */
export function candidateImportAdapter(
  facility: FacilityRecord,
  deps: CandidateImportDeps,
): ImportAdapter<CandidateRowData, CandidateRecord, CreateCandidateInput> {
  const facilitiesByCode = new Map<string, FacilityRecord | null>();
  const { actor, clock } = deps;
  const deferred = deferAfterCommit(deps.hooks.afterCommit);
  const hooks: CandidateHooks = { ...deps.hooks, afterCommit: deferred.afterCommit };

  /** Checks a new profile's row; the chunk's new profiles are then created together (createMany). */
  async function create(row: ImportRow, data: CandidateRowData): Promise<Applied<CreateCandidateInput>> {
    const problems = new RowProblems(row, RULES);
    const { body, consent } = readCells(row, data, facility.id, problems, true);
    body.consent = {
      shareWithEmployers: consent.shareWithEmployers ?? false,
      contactByEmail: consent.contactByEmail ?? false,
    };
    const parsed = CreateCandidateBody.safeParse(body);
    resolveSkillCodes(body, problems);
    if (!parsed.success) problems.zod(parsed.error);
    problems.throwIfAny();
    if (!parsed.success) throw new RowFailure(problems.issues);
    return { create: parsed.data };
  }

  async function update(
    row: ImportRow,
    data: CandidateRowData,
    current: CandidateRecord,
    requestId: string,
  ): Promise<Outcome> {
    const problems = new RowProblems(row, RULES);
    const { body, consent } = readCells(row, data, facility.id, problems, false);
    const parsed = PatchCandidateBody.safeParse(body);
    const codes = resolveSkillCodes(body, problems);
    if (!parsed.success) problems.zod(parsed.error);
    const wanted = ConsentBody.parse({
      shareWithEmployers: consent.shareWithEmployers ?? current.consent.shareWithEmployers,
      contactByEmail: consent.contactByEmail ?? current.consent.contactByEmail,
    });
    for (const f of ['shareWithEmployers', 'contactByEmail'] as const) {
      // The person's own consent decision (UU PDP) is never overridden by a file.
      if (wanted[f] !== current.consent[f] && lastConsentRole(current, f) === 'candidate') {
        problems.add(
          f,
          'persetujuan ini terakhir diubah oleh yang bersangkutan sendiri; impor tidak menimpanya (ubah lewat aplikasi bila memang perlu)',
          'the person set this consent themselves; an import does not override it (change it in the app if really needed)',
        );
      }
    }
    problems.throwIfAny();
    if (!parsed.success) throw new RowFailure(problems.issues);
    const patch = diffProfile(current, parsed.data, fileSkills(codes, parsed.data.skills));
    const consentChanged =
      wanted.shareWithEmployers !== current.consent.shareWithEmployers ||
      wanted.contactByEmail !== current.consent.contactByEmail;
    if (!Object.keys(patch).length && !consentChanged) return 'unchanged';
    try {
      if (Object.keys(patch).length) {
        await updateCandidate(actor, current.id, patch, { now: clock.now(), requestId }, hooks);
      }
      if (consentChanged) await setConsent(actor, current.id, wanted, { now: clock.now(), requestId }, hooks);
    } catch (err) {
      problems.error(err);
    }
    problems.throwIfAny();
    return 'updated';
  }

  return {
    columns: CANDIDATE_COLUMNS,
    checkHeader(present) {
      return present.has('registrationNumber')
        ? []
        : [
            {
              message: 'kolom registrationNumber wajib ada',
              messageEn: 'the registrationNumber column is required',
            },
          ];
    },
    async prepare(rows) {
      const codes = new Set(rows.map((r) => r.get('bapasCode').toUpperCase()).filter(Boolean));
      for (const code of codes) {
        if (!facilitiesByCode.has(code))
          facilitiesByCode.set(code, await importRepository.findFacilityByCode(code));
      }
      return rows.map((row) => {
        const registrationNumber = row.get('registrationNumber');
        if (!registrationNumber) {
          return [
            { row: row.line, field: 'registrationNumber', message: 'wajib diisi', messageEn: 'required' },
          ];
        }
        const bapas = facilitiesByCode.get(row.get('bapasCode').toUpperCase()) ?? undefined;
        return { key: registrationNumber, data: { registrationNumber, bapas } };
      });
    },
    duplicate(row, firstLine) {
      return {
        row: row.line,
        field: 'registrationNumber',
        message: `nomor registrasi "${row.get('registrationNumber')}" sudah dipakai di baris ${firstLine}; baris ini dilewati`,
        messageEn: `registration number "${row.get('registrationNumber')}" already used on line ${firstLine}; this row was skipped`,
      };
    },
    load(keys) {
      return importRepository.candidatesByRegistration(facility.id, keys);
    },
    apply(row, data, existing, ctx) {
      return existing ? update(row, data, existing, ctx.requestId) : create(row, data);
    },
    /**
     * New profiles of a chunk go through bulkCreateCandidates: the same checks as createCandidate,
     * one transaction for the chunk (profiles, audit entries, one search-sync job).
     */
    async createMany(items, ctx) {
      const res = await bulkCreateCandidates(
        actor,
        items.map((i) => i.input),
        { now: clock.now(), requestId: ctx.requestId },
        hooks,
        Math.max(1, items.length),
      );
      const out: (RowIssue[] | null)[] = items.map(() => null);
      for (const f of res.failed) {
        const problems = new RowProblems(items[f.index]!.row, RULES);
        problems.error(f.error);
        out[f.index] = problems.issues;
      }
      return out;
    },
    flush: deferred.flush,
  };
}

export interface CandidateImportOptions extends ImportOptions {
  /** Code of the Lapas, Rutan or LPKA the people are held in. */
  facilityCode: string;
}

/**
 * Imports a candidates CSV into one custody facility: new registration numbers are created, known
 * ones updated with what changed, identical ones left alone. Throws ImportSetupError (before
 * reading the file) when the facility code is unknown or not a Lapas/Rutan/LPKA.
 */
export async function importCandidates(
  deps: CandidateImportDeps,
  opts: CandidateImportOptions,
): Promise<ImportSummary> {
  const facility = await importRepository.findFacilityByCode(opts.facilityCode);
  if (!facility) {
    throw new ImportSetupError(
      `Fasilitas dengan kode "${opts.facilityCode}" tidak ditemukan`,
      `No facility with code "${opts.facilityCode}"`,
    );
  }
  if (!CUSTODY_KINDS.includes(facility.kind)) {
    throw new ImportSetupError(
      `"${facility.code}" adalah ${facility.kind}; kandidat diimpor ke Lapas, Rutan atau LPKA`,
      `"${facility.code}" is a ${facility.kind}; candidates are imported into a Lapas, Rutan or LPKA`,
    );
  }
  return runImport(candidateImportAdapter(facility, deps), opts);
}
