import { z } from 'zod';
import { getEmployer } from '../../employers/service.js';
import { createWriteHooks } from '../../hooks.js';
import { AppError, errors } from '../../http/errors.js';
import { bi, parseOrThrow, zodDetails } from '../../http/validate.js';
import { LEVELS } from '../../shared/levels.js';
import { SECTOR_CODES, SECTORS } from '../../shared/sectors.js';
import {
  getSkillView,
  isSkillCode,
  isVocationCode,
  listSkills,
  listVocations,
  skillRefFromText,
} from '../../skills/service.js';
import { WAGE_PERIODS } from '../../vacancies/model.js';
import { CreateVacancyBody, PatchVacancyBody, type VacancyView } from '../../vacancies/schemas.js';
import { createVacancy, getVacancy, resolveVacancySkills, updateVacancy } from '../../vacancies/service.js';
import {
  csrfField,
  errorSummary,
  type FieldErrors,
  fieldId,
  input,
  q1,
  select,
  textarea,
} from '../components.js';
import { fieldErrors, page, redirect, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages, type Lang } from '../i18n.js';
import type { ScreenModule } from '../index.js';
import { dayText, paragraphs, sectorLabel, skillName, wageText } from './vacancy-text.js';

defineMessages({
  'wiz.create': { id: 'Pasang lowongan', en: 'Post a vacancy' },
  'wiz.edit': { id: 'Ubah lowongan', en: 'Edit the vacancy' },
  'wiz.stepOf': { id: 'Langkah {n} dari {total}', en: 'Step {n} of {total}' },
  'wiz.step1': { id: 'Pekerjaan', en: 'The job' },
  'wiz.step2': { id: 'Keahlian', en: 'Skills' },
  'wiz.step3': { id: 'Lokasi & syarat', en: 'Location and terms' },
  'wiz.check': { id: 'Periksa jawaban Anda', en: 'Check your answers' },
  'wiz.checkIntro': {
    id: 'Periksa sekali lagi sebelum lowongan diterbitkan. Kandidat yang cocok akan dicari setelah terbit.',
    en: 'Check once more before the vacancy is published. Matching candidates are looked for once it is live.',
  },
  'wiz.titleHint': { id: 'Misalnya: Juru las SMAW', en: 'For example: SMAW welder' },
  'wiz.descriptionHint': {
    id: 'Tugas sehari-hari, jam kerja, lingkungan kerja, fasilitas.',
    en: 'Daily tasks, working hours, workplace, benefits.',
  },
  'wiz.kbji': { id: 'Kode KBJI (opsional)', en: 'KBJI code (optional)' },
  'wiz.kbjiHint': {
    id: 'Kode jabatan KBJI 2014, 4 digit. Misalnya 7212 untuk juru las.',
    en: 'KBJI 2014 occupation code, 4 digits. For example 7212 for welders.',
  },
  'wiz.choose': { id: 'Pilih…', en: 'Choose…' },
  'wiz.vocation': { id: 'Kejuruan', en: 'Vocation' },
  'wiz.vocationHint': {
    id: 'Pilih kejuruan lalu tekan "Tampilkan keahlian" untuk memilih dari daftar.',
    en: 'Choose a vocation, then press "Show skills" to pick from the list.',
  },
  'wiz.showSkills': { id: 'Tampilkan keahlian', en: 'Show skills' },
  'wiz.skills': { id: 'Keahlian yang dicari', en: 'Skills wanted' },
  'wiz.col.skill': { id: 'Keahlian', en: 'Skill' },
  'wiz.col.required': { id: 'Wajib', en: 'Required' },
  'wiz.col.optional': { id: 'Opsional', en: 'Optional' },
  'wiz.col.level': { id: 'Tingkat minimal', en: 'Minimum level' },
  'wiz.col.cert': { id: 'Wajib bersertifikat', en: 'Certificate required' },
  'wiz.anyLevel': { id: 'Tidak ditentukan', en: 'Any' },
  'wiz.noRows': {
    id: 'Belum ada keahlian di daftar. Pilih kejuruan di atas, atau ketik nama keahlian di bawah.',
    en: 'No skills listed yet. Choose a vocation above, or type skill names below.',
  },
  'wiz.requiredNames': { id: 'Keahlian wajib lain (ketik nama)', en: 'Other required skills (type names)' },
  'wiz.optionalNames': {
    id: 'Keahlian opsional lain (ketik nama)',
    en: 'Other optional skills (type names)',
  },
  'wiz.namesHint': {
    id: 'Pisahkan dengan koma. Misalnya: las listrik, servis AC',
    en: 'Separate with commas. For example: stick welding, AC service',
  },
  'wiz.province': { id: 'Provinsi', en: 'Province' },
  'wiz.regency': { id: 'Kabupaten/kota', en: 'Regency or city' },
  'wiz.coords': { id: 'Koordinat lokasi kerja (opsional)', en: 'Workplace coordinates (optional)' },
  'wiz.coordsHint': {
    id: 'Untuk menghitung jarak ke tempat tinggal kandidat. Contoh: -4,54 dan 120,33.',
    en: "Used to measure the distance to candidates' homes. For example: -4.54 and 120.33.",
  },
  'wiz.latitude': { id: 'Lintang (latitude)', en: 'Latitude' },
  'wiz.longitude': { id: 'Bujur (longitude)', en: 'Longitude' },
  'wiz.radius': { id: 'Jarak tempuh maksimal (km)', en: 'Maximum distance (km)' },
  'wiz.radiusHint': {
    id: 'Kosongkan untuk 50 km. Kandidat yang tinggal lebih jauh tetap cocok bila bersedia pindah.',
    en: 'Leave empty for 50 km. Candidates living further away still match if willing to move.',
  },
  'wiz.wage': { id: 'Upah (opsional)', en: 'Wage (optional)' },
  'wiz.wageMin': { id: 'Upah terendah (Rp)', en: 'Lowest wage (Rp)' },
  'wiz.wageMax': { id: 'Upah tertinggi (Rp)', en: 'Highest wage (Rp)' },
  'wiz.wageHint': { id: 'Contoh: 3.500.000', en: 'For example: 3,500,000' },
  'wiz.wagePeriod': { id: 'Dibayar per', en: 'Paid per' },
  'wiz.startHint': { id: 'Contoh: 2027-03-05', en: 'For example: 2027-03-05' },
  'wiz.closesAt': { id: 'Tanggal tutup lowongan (opsional)', en: 'Closing date (optional)' },
  'wiz.closesHint': {
    id: 'Lowongan tetap terbuka sampai akhir hari itu. Contoh: 2027-03-31',
    en: 'The vacancy stays open to the end of that day. For example: 2027-03-31',
  },
  'wiz.nightShift': { id: 'Pekerjaan ini ada shift malam', en: 'This job includes night shifts' },
  'wiz.change': { id: 'Ubah', en: 'Change' },
  'wiz.changeSection': { id: 'Ubah {section}', en: 'Change {section}' },
  'wiz.publish': { id: 'Terbitkan', en: 'Publish' },
  'wiz.publishChanges': { id: 'Terbitkan perubahan', en: 'Publish the changes' },
  'wiz.copyPrefix': { id: 'Salinan: ', en: 'Copy: ' },
  'wiz.conflict': {
    id: 'Lowongan diubah orang lain sementara Anda mengisi. Periksa lagi lalu terbitkan.',
    en: 'Someone else changed the vacancy meanwhile. Check again, then publish.',
  },
});

// ---------------------------------------------------------------- answers

/** Every answer of the wizard as typed (strings), carried between steps in hidden fields. */
export interface Answers {
  title: string;
  sector: string;
  description: string;
  kbji: string;
  required: string[];
  optional: string[];
  levels: Record<string, string>;
  cert: string[];
  vocation: string;
  requiredNames: string;
  optionalNames: string;
  province: string;
  regency: string;
  latitude: string;
  longitude: string;
  radiusKm: string;
  openings: string;
  wageMin: string;
  wageMax: string;
  wagePeriod: string;
  startDate: string;
  closesAt: string;
  nightShift: boolean;
}

type Step = 1 | 2 | 3;
const STEP_COUNT = 3;
const STEP_FIELDS: Record<Step, readonly string[]> = {
  1: ['title', 'sector', 'description', 'kbji'],
  2: ['required', 'optional', 'levels', 'cert', 'vocation', 'requiredNames', 'optionalNames'],
  3: [
    'province',
    'regency',
    'latitude',
    'longitude',
    'radiusKm',
    'openings',
    'wageMin',
    'wageMax',
    'wagePeriod',
    'startDate',
    'closesAt',
    'nightShift',
  ],
};
const TEXT_FIELDS = [
  'title',
  'sector',
  'description',
  'kbji',
  'vocation',
  'requiredNames',
  'optionalNames',
  'province',
  'regency',
  'latitude',
  'longitude',
  'radiusKm',
  'openings',
  'wageMin',
  'wageMax',
  'wagePeriod',
  'startDate',
  'closesAt',
] as const;

/** Closing dates are inclusive: the vacancy closes at the end of that day in WIB (the latest zone). */
const CLOSE_TIME = 'T23:59:59+07:00';
/** The service's limits on skills, repeated so the step can say so before publishing. */
const MAX_SKILLS = 30;
const MAX_CERTS = 10;

function blankAnswers(): Answers {
  return {
    title: '',
    sector: '',
    description: '',
    kbji: '',
    required: [],
    optional: [],
    levels: {},
    cert: [],
    vocation: '',
    requiredNames: '',
    optionalNames: '',
    province: '',
    regency: '',
    latitude: '',
    longitude: '',
    radiusKm: '',
    openings: '',
    wageMin: '',
    wageMax: '',
    wagePeriod: 'month',
    startDate: '',
    closesAt: '',
    nightShift: false,
  };
}

function one(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

function many(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return [...new Set(list.filter((s): s is string => typeof s === 'string').map((s) => s.trim()))].filter(
    Boolean,
  );
}

/** Reads the answers from a posted form; unknown skill codes (only possible by tampering) are dropped. */
export function readAnswers(body: Record<string, unknown>): Answers {
  const a = blankAnswers();
  for (const f of TEXT_FIELDS) a[f] = one(body[f]);
  a.required = many(body.required).filter(isSkillCode);
  a.optional = many(body.optional).filter(isSkillCode);
  a.cert = many(body.cert).filter(isSkillCode);
  for (const code of [...a.required, ...a.optional]) {
    const level = one(body[`level.${code}`]);
    if ((LEVELS as readonly string[]).includes(level)) a.levels[code] = level;
  }
  a.nightShift = one(body.nightShift) === 'true';
  if (!isVocationCode(a.vocation)) a.vocation = '';
  return a;
}

/** The answers of a stored vacancy (edit and duplicate). */
export function answersFromVacancy(v: VacancyView, titlePrefix = ''): Answers {
  const levels: Record<string, string> = {};
  for (const s of v.skills) if (s.minLevel) levels[s.code] = s.minLevel;
  return {
    ...blankAnswers(),
    title: `${titlePrefix}${v.title}`.slice(0, 160),
    sector: v.sector,
    description: v.description,
    kbji: v.kbji ?? '',
    required: v.skills.filter((s) => s.required).map((s) => s.code),
    optional: v.skills.filter((s) => !s.required).map((s) => s.code),
    levels,
    cert: [...v.certificationsRequired],
    province: v.location.province,
    regency: v.location.regency,
    latitude: v.location.lat === undefined ? '' : String(v.location.lat),
    longitude: v.location.lng === undefined ? '' : String(v.location.lng),
    radiusKm: String(v.radiusKm),
    openings: String(v.openings),
    wageMin: v.wage ? String(v.wage.min) : '',
    wageMax: v.wage ? String(v.wage.max) : '',
    wagePeriod: v.wage?.period ?? 'month',
    startDate: v.startDate,
    closesAt: v.closesAt ? v.closesAt.slice(0, 10) : '',
    nightShift: v.nightShift,
  };
}

/** Hidden inputs carrying every answer except those of the step on screen. */
function hiddenAnswers(a: Answers, except: Step | null): SafeHtml {
  const skip = new Set(except ? STEP_FIELDS[except] : []);
  const out: SafeHtml[] = [];
  const put = (name: string, value: string) => {
    if (value !== '') out.push(html`<input type="hidden" name="${name}" value="${value}">`);
  };
  for (const f of TEXT_FIELDS) if (!skip.has(f)) put(f, a[f]);
  if (!skip.has('required')) for (const c of a.required) put('required', c);
  if (!skip.has('optional')) for (const c of a.optional) put('optional', c);
  if (!skip.has('cert')) for (const c of a.cert) put('cert', c);
  if (!skip.has('levels')) for (const [c, l] of Object.entries(a.levels)) put(`level.${c}`, l);
  if (!skip.has('nightShift') && a.nightShift) put('nightShift', 'true');
  return html`${out}`;
}

// ---------------------------------------------------------------- validation

type Issues = Record<string, string>;

interface WizardCtx {
  mode: 'create' | 'edit';
  /** The form's action (the wizard's own URL). */
  action: string;
  /** Where "cancel" goes. */
  cancel: string;
  vacancy?: VacancyView;
  now: Date;
}

const REQUIRED = bi('wajib diisi', 'required');
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A decimal typed the Indonesian way ("-4,54") or the English way ("-4.54"). */
const decimal = z.preprocess(
  (v) => {
    const s = blank(v);
    return typeof s === 'string' ? Number(s.trim().replace(',', '.')) : s;
  },
  z.number({ error: (iss) => (iss.input === undefined ? REQUIRED : bi('isi angka', 'enter a number')) }),
);

/** Whole rupiah or counts: "3.500.000", "Rp 3 500 000" and "3500000" are the same. */
const whole = z.preprocess(
  (v) => {
    const s = blank(v);
    if (typeof s !== 'string') return s;
    const digits = s
      .trim()
      .replace(/^rp\.?\s*/i, '')
      .replace(/[\s.]/g, '');
    return /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  },
  z
    .number({
      error: (iss) => (iss.input === undefined ? REQUIRED : bi('isi bilangan bulat', 'enter a whole number')),
    })
    .int(bi('isi bilangan bulat', 'enter a whole number')),
);

const isoDay = z.preprocess(
  blank,
  z.iso.date({
    error: (iss) =>
      iss.input === undefined
        ? REQUIRED
        : bi('tanggal tidak valid; contoh 2027-03-05', 'not a valid date; for example 2027-03-05'),
  }),
);

const Step1 = z.object({
  title: z
    .string()
    .trim()
    .min(1, REQUIRED)
    .min(3, bi('minimal 3 huruf', 'at least 3 characters'))
    .max(160, bi('maksimal 160 huruf', 'at most 160 characters')),
  sector: z.enum(SECTOR_CODES, { error: bi('pilih salah satu', 'choose one') }),
  description: z
    .string()
    .trim()
    .min(1, REQUIRED)
    .min(10, bi('minimal 10 huruf', 'at least 10 characters'))
    .max(5000, bi('maksimal 5000 huruf', 'at most 5000 characters')),
  kbji: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{4}$/.test(s), bi('kode KBJI 4 digit', 'a 4-digit KBJI code')),
});

function step3Schema(c: WizardCtx) {
  const today = c.now.toISOString().slice(0, 10);
  const storedClose = c.vacancy?.closesAt?.slice(0, 10) ?? '';
  return z
    .object({
      province: z
        .string()
        .trim()
        .min(1, REQUIRED)
        .min(2, bi('minimal 2 huruf', 'at least 2 characters'))
        .max(80),
      regency: z
        .string()
        .trim()
        .min(1, REQUIRED)
        .min(2, bi('minimal 2 huruf', 'at least 2 characters'))
        .max(80),
      latitude: decimal.pipe(z.number().min(-90).max(90)).optional(),
      longitude: decimal.pipe(z.number().min(-180).max(180)).optional(),
      radiusKm: decimal.pipe(z.number().min(1).max(500)).optional(),
      openings: whole.pipe(
        z
          .number()
          .min(c.mode === 'edit' ? 0 : 1, bi('minimal 1', 'at least 1'))
          .max(10_000),
      ),
      wageMin: whole.pipe(z.number().min(0)).optional(),
      wageMax: whole.pipe(z.number().min(0)).optional(),
      wagePeriod: z.enum(WAGE_PERIODS, { error: bi('pilih salah satu', 'choose one') }),
      startDate: isoDay,
      closesAt: isoDay.optional(),
      nightShift: z.boolean(),
    })
    .superRefine((s, ctx) => {
      if ((s.latitude === undefined) !== (s.longitude === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [s.latitude === undefined ? 'latitude' : 'longitude'],
          message: bi('isi lintang dan bujur bersama-sama', 'give latitude and longitude together'),
        });
      }
      if ((s.wageMin === undefined) !== (s.wageMax === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [s.wageMin === undefined ? 'wageMin' : 'wageMax'],
          message: bi('isi upah terendah dan tertinggi', 'give the lowest and the highest wage'),
        });
      } else if (s.wageMin !== undefined && s.wageMax !== undefined && s.wageMax < s.wageMin) {
        ctx.addIssue({
          code: 'custom',
          path: ['wageMax'],
          message: bi('tidak boleh lebih kecil dari upah terendah', 'must not be below the lowest wage'),
        });
      }
      // A closing date in the past would publish a closed vacancy; an unchanged old one may stay.
      if (s.closesAt && s.closesAt < today && s.closesAt !== storedClose) {
        ctx.addIssue({
          code: 'custom',
          path: ['closesAt'],
          message: bi('tidak boleh sebelum hari ini', 'must not be before today'),
        });
      }
      // The service keeps a stored KBJI code or wage when the field is left out; say so instead.
      if (c.vacancy?.wage && s.wageMin === undefined && s.wageMax === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['wageMin'],
          message: bi('upah yang sudah diisi tidak bisa dikosongkan', 'a wage once given cannot be removed'),
        });
      }
    });
}

type Step1Out = z.output<typeof Step1>;
type Step3Out = z.output<ReturnType<typeof step3Schema>>;

function issuesOf(err: z.ZodError, lang: Lang): Issues {
  return fieldErrors(errors.validation(zodDetails(err)), lang) ?? {};
}

function splitNames(s: string): string[] {
  return s
    .split(/[,;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Names typed into a field, resolved to skill codes with the taxonomy's own normalisation. */
function resolveNames(text: string, field: string, lang: Lang, issues: Issues): string[] {
  const names = splitNames(text);
  if (!names.length) return [];
  try {
    return resolveVacancySkills(
      names.map((n) => ({ ...skillRefFromText(n), required: true })),
      field,
    ).map((s) => s.code);
  } catch (err) {
    if (!(err instanceof AppError) || !err.details) throw err;
    const messages = err.details
      .filter((d) => d.code !== 'no_required_skill')
      .map((d) => (lang === 'id' ? d.message : (d.messageEn ?? d.message)));
    if (messages.length) issues[field] = messages.join(' ');
    return [];
  }
}

function validateStep1(a: Answers, c: WizardCtx, lang: Lang): { issues: Issues; value?: Step1Out } {
  const r = Step1.safeParse({ title: a.title, sector: a.sector, description: a.description, kbji: a.kbji });
  if (!r.success) return { issues: issuesOf(r.error, lang) };
  // The service keeps a stored KBJI code when the field is left out; say so instead of ignoring it.
  if (c.vacancy?.kbji && !r.data.kbji) {
    return {
      issues: {
        kbji:
          lang === 'id'
            ? 'kode KBJI yang sudah diisi tidak bisa dikosongkan'
            : 'a KBJI code once given cannot be removed',
      },
    };
  }
  return { issues: {}, value: r.data };
}

/** Step 2: typed names join the ticked skills (and are cleared); the list is checked as the service does. */
function validateStep2(a: Answers, lang: Lang): { issues: Issues; answers: Answers } {
  const issues: Issues = {};
  const typedRequired = resolveNames(a.requiredNames, 'requiredNames', lang, issues);
  const typedOptional = resolveNames(a.optionalNames, 'optionalNames', lang, issues);
  const required = [...new Set([...a.required, ...typedRequired])];
  const optional = [...new Set([...a.optional, ...typedOptional])];
  const say = (id: string, en: string) => (lang === 'id' ? id : en);
  const both = required.filter((c) => optional.includes(c));
  if (both.length) {
    issues.skills = say(
      `pilih wajib atau opsional, tidak keduanya: ${both.map((c) => skillNameIn(lang, c)).join(', ')}`,
      `choose required or optional, not both: ${both.map((c) => skillNameIn(lang, c)).join(', ')}`,
    );
  } else if (!required.length && !issues.requiredNames) {
    issues.skills = say('pilih minimal satu keahlian wajib', 'choose at least one required skill');
  } else if (required.length + optional.length > MAX_SKILLS) {
    issues.skills = say(`maksimal ${MAX_SKILLS} keahlian`, `at most ${MAX_SKILLS} skills`);
  } else if (a.cert.length > MAX_CERTS) {
    issues.skills = say(
      `maksimal ${MAX_CERTS} sertifikat wajib`,
      `at most ${MAX_CERTS} required certificates`,
    );
  }
  if (Object.keys(issues).length) return { issues, answers: a };
  const levels: Record<string, string> = {};
  for (const c of [...required, ...optional]) if (a.levels[c]) levels[c] = a.levels[c];
  return {
    issues,
    answers: { ...a, required, optional, levels, requiredNames: '', optionalNames: '' },
  };
}

function skillNameIn(lang: Lang, code: string): string {
  return getSkillView(code)?.label[lang] ?? code;
}

function validateStep3(a: Answers, c: WizardCtx, lang: Lang): { issues: Issues; value?: Step3Out } {
  const r = step3Schema(c).safeParse({
    province: a.province,
    regency: a.regency,
    latitude: blank(a.latitude),
    longitude: blank(a.longitude),
    radiusKm: blank(a.radiusKm),
    openings: a.openings,
    wageMin: blank(a.wageMin),
    wageMax: blank(a.wageMax),
    wagePeriod: a.wagePeriod,
    startDate: a.startDate,
    closesAt: blank(a.closesAt),
    nightShift: a.nightShift,
  });
  return r.success ? { issues: {}, value: r.data } : { issues: issuesOf(r.error, lang) };
}

/** Which wizard field and step own a path of the vacancy API (service 400s land on their step). */
function wizardField(path: string): { step: Step; field: string } | null {
  const p = path.replace(/^(body|query|params)\./, '');
  const direct: Record<string, { step: Step; field: string }> = {
    title: { step: 1, field: 'title' },
    sector: { step: 1, field: 'sector' },
    description: { step: 1, field: 'description' },
    kbji: { step: 1, field: 'kbji' },
    location: { step: 3, field: 'province' },
    'location.province': { step: 3, field: 'province' },
    'location.regency': { step: 3, field: 'regency' },
    'location.lat': { step: 3, field: 'latitude' },
    'location.lng': { step: 3, field: 'longitude' },
    radiusKm: { step: 3, field: 'radiusKm' },
    openings: { step: 3, field: 'openings' },
    wage: { step: 3, field: 'wageMin' },
    'wage.min': { step: 3, field: 'wageMin' },
    'wage.max': { step: 3, field: 'wageMax' },
    'wage.period': { step: 3, field: 'wagePeriod' },
    startDate: { step: 3, field: 'startDate' },
    closesAt: { step: 3, field: 'closesAt' },
    nightShift: { step: 3, field: 'nightShift' },
  };
  if (direct[p]) return direct[p];
  if (p.startsWith('skills') || p.startsWith('certificationsRequired')) return { step: 2, field: 'skills' };
  return null;
}

/** Service or schema errors grouped onto the first step that owns one; null if none maps. */
function errorsByStep(err: unknown, lang: Lang): { step: Step; issues: Issues } | null {
  const fields = fieldErrors(err, lang);
  if (!fields) return null;
  let first: Step | null = null;
  const byStep: Record<Step, Issues> = { 1: {}, 2: {}, 3: {} };
  for (const [path, msg] of Object.entries(fields)) {
    const owner = wizardField(path);
    if (!owner) return null;
    byStep[owner.step][owner.field] ??= msg;
    if (first === null || owner.step < first) first = owner.step;
  }
  return first === null ? null : { step: first, issues: byStep[first] };
}

/** The API body the answers stand for: dates as strings, so the API's own schema checks them. */
function apiBody(s1: Step1Out, a: Answers, s3: Step3Out, mode: WizardCtx['mode']) {
  return {
    title: s1.title,
    sector: s1.sector,
    description: s1.description,
    ...(s1.kbji ? { kbji: s1.kbji } : {}),
    skills: [
      ...a.required.map((code) => ({ code, required: true, minLevel: a.levels[code] })),
      ...a.optional.map((code) => ({ code, required: false, minLevel: a.levels[code] })),
    ],
    certificationsRequired: a.cert,
    location: {
      province: s3.province,
      regency: s3.regency,
      ...(s3.latitude !== undefined && s3.longitude !== undefined
        ? { lat: s3.latitude, lng: s3.longitude }
        : {}),
    },
    ...(s3.radiusKm !== undefined ? { radiusKm: s3.radiusKm } : {}),
    openings: s3.openings,
    ...(s3.wageMin !== undefined && s3.wageMax !== undefined
      ? { wage: { min: s3.wageMin, max: s3.wageMax, period: s3.wagePeriod } }
      : {}),
    startDate: s3.startDate,
    closesAt: s3.closesAt ? `${s3.closesAt}${CLOSE_TIME}` : mode === 'edit' ? null : undefined,
    nightShift: s3.nightShift,
  };
}

type Checked =
  | { ok: true; answers: Answers; body: ReturnType<typeof apiBody> }
  | { ok: false; step: Step; issues: Issues; answers: Answers };

/** Re-checks every step (hidden fields are never trusted); the first failing step wins. */
function checkAll(a: Answers, c: WizardCtx, lang: Lang): Checked {
  const s1 = validateStep1(a, c, lang);
  if (!s1.value) return { ok: false, step: 1, issues: s1.issues, answers: a };
  const s2 = validateStep2(a, lang);
  if (Object.keys(s2.issues).length) return { ok: false, step: 2, issues: s2.issues, answers: a };
  const s3 = validateStep3(s2.answers, c, lang);
  if (!s3.value) return { ok: false, step: 3, issues: s3.issues, answers: s2.answers };
  return { ok: true, answers: s2.answers, body: apiBody(s1.value, s2.answers, s3.value, c.mode) };
}

// ---------------------------------------------------------------- rendering

const LABELS = (w: WebContext): Record<string, string> => ({
  title: w.t('vac.field.title'),
  sector: w.t('vac.field.sector'),
  description: w.t('vac.field.description'),
  kbji: w.t('vac.field.kbji'),
  skills: w.t('wiz.skills'),
  requiredNames: w.t('wiz.requiredNames'),
  optionalNames: w.t('wiz.optionalNames'),
  province: w.t('wiz.province'),
  regency: w.t('wiz.regency'),
  latitude: w.t('wiz.latitude'),
  longitude: w.t('wiz.longitude'),
  radiusKm: w.t('wiz.radius'),
  openings: w.t('vac.field.openings'),
  wageMin: w.t('wiz.wageMin'),
  wageMax: w.t('wiz.wageMax'),
  wagePeriod: w.t('wiz.wagePeriod'),
  startDate: w.t('vac.field.start'),
  closesAt: w.t('wiz.closesAt'),
  nightShift: w.t('wiz.nightShift'),
});

function caption(w: WebContext, c: WizardCtx): string {
  return c.mode === 'edit' ? `${w.t('wiz.edit')}: ${c.vacancy?.title ?? ''}` : w.t('wiz.create');
}

function formStart(w: WebContext, c: WizardCtx, a: Answers, step: Step | 'check', review: boolean): SafeHtml {
  return html`<form method="post" action="${c.action}" novalidate>${csrfField(w)}
<input type="hidden" name="step" value="${String(step)}">${review ? html`<input type="hidden" name="review" value="1">` : ''}
${hiddenAnswers(a, step === 'check' ? null : step)}`;
}

function navButtons(w: WebContext, c: WizardCtx, step: Step): SafeHtml {
  // "Lanjut" comes first so Enter in a text field continues rather than goes back.
  return html`<div class="actions"><button type="submit" name="_action" value="next">${w.t('form.continue')}</button>
${step > 1 ? html`<button type="submit" name="_action" value="back" class="secondary">${w.t('form.back')}</button>` : ''}
<a href="${c.cancel}">${w.t('form.cancel')}</a></div>`;
}

function stepPage(
  w: WebContext,
  c: WizardCtx,
  step: Step,
  a: Answers,
  issues: Issues,
  review: boolean,
  status?: number,
): WebResult {
  const title = w.t(`wiz.step${step}`);
  const errs = Object.keys(issues).length ? issues : null;
  let fields: SafeHtml;
  if (step === 1) fields = step1Fields(w, a, errs);
  else if (step === 2) fields = step2Fields(w, a, errs);
  else fields = step3Fields(w, a, errs);
  return page(
    `${errs ? `${w.t('form.errors')}: ` : ''}${title} — ${caption(w, c)}`,
    html`<p class="muted">${caption(w, c)} · ${w.t('wiz.stepOf', { n: step, total: STEP_COUNT })}</p>
<h1>${title}</h1>
${errorSummary(w, errs, LABELS(w))}
${formStart(w, c, a, step, review)}
${fields}
${navButtons(w, c, step)}
</form>`,
    status,
  );
}

function step1Fields(w: WebContext, a: Answers, errs: FieldErrors | null): SafeHtml {
  return html`${input(w, { name: 'title', label: w.t('vac.field.title'), hint: w.t('wiz.titleHint'), value: a.title, errors: errs, required: true })}
${select(w, {
  name: 'sector',
  label: w.t('vac.field.sector'),
  value: a.sector,
  errors: errs,
  empty: w.t('wiz.choose'),
  options: SECTOR_CODES.map((s) => ({ value: s, label: SECTORS[s][w.lang] })),
})}
${textarea(w, { name: 'description', label: w.t('vac.field.description'), hint: w.t('wiz.descriptionHint'), value: a.description, errors: errs, required: true, rows: 8 })}
${input(w, { name: 'kbji', label: w.t('wiz.kbji'), hint: w.t('wiz.kbjiHint'), value: a.kbji, errors: errs, attrs: html` inputmode="numeric" maxlength="4"` })}`;
}

function levelOptions(w: WebContext, current: string | undefined): SafeHtml {
  return html`<option value="">${w.t('wiz.anyLevel')}</option>${LEVELS.map((l) => html`<option value="${l}"${when(current === l, html` selected`)}>${w.t(`vac.level.${l}`)}</option>`)}`;
}

function step2Fields(w: WebContext, a: Answers, errs: FieldErrors | null): SafeHtml {
  const chosen = [...new Set([...a.required, ...a.optional, ...a.cert])];
  const catalogue = a.vocation
    ? listSkills({ vocation: a.vocation })
        .map((s) => s.code)
        .filter((code) => !chosen.includes(code))
    : [];
  const rows = [...chosen, ...catalogue];
  const err = errs?.skills;
  const rowId = (code: string) => `sk-${code.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  const box = (name: string, code: string, checked: boolean, col: string) =>
    html`<input type="checkbox" id="${fieldId(`${name}.${code}`)}" name="${name}" value="${code}" aria-labelledby="${col} ${rowId(code)}"${when(checked, html` checked`)}>`;
  return html`<div class="filters">
${select(w, {
  name: 'vocation',
  label: w.t('wiz.vocation'),
  hint: w.t('wiz.vocationHint'),
  value: a.vocation,
  empty: w.t('wiz.choose'),
  options: listVocations().map((v) => ({ value: v.code, label: v.label[w.lang] })),
})}
<button type="submit" name="_action" value="vocation" class="secondary">${w.t('wiz.showSkills')}</button>
</div>
<fieldset id="f-skills" tabindex="-1"${when(err, html` aria-describedby="f-skills-error"`)} class="${err ? 'has-error' : ''}">
<legend>${w.t('wiz.skills')}</legend>
${err ? html`<span class="field-error" id="f-skills-error">${err}</span>` : ''}
${
  rows.length
    ? html`<table>
<thead><tr><th scope="col" id="col-skill">${w.t('wiz.col.skill')}</th><th scope="col" id="col-required">${w.t('wiz.col.required')}</th><th scope="col" id="col-optional">${w.t('wiz.col.optional')}</th><th scope="col" id="col-level">${w.t('wiz.col.level')}</th><th scope="col" id="col-cert">${w.t('wiz.col.cert')}</th></tr></thead>
<tbody>${rows.map(
        (code) => html`<tr><th scope="row" id="${rowId(code)}">${skillName(w, code)}</th>
<td>${box('required', code, a.required.includes(code), 'col-required')}</td>
<td>${box('optional', code, a.optional.includes(code), 'col-optional')}</td>
<td><select id="${fieldId(`level.${code}`)}" name="level.${code}" aria-labelledby="col-level ${rowId(code)}">${levelOptions(w, a.levels[code])}</select></td>
<td>${box('cert', code, a.cert.includes(code), 'col-cert')}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="hint">${w.t('wiz.noRows')}</p>`
}
</fieldset>
${input(w, { name: 'requiredNames', label: w.t('wiz.requiredNames'), hint: w.t('wiz.namesHint'), value: a.requiredNames, errors: errs })}
${input(w, { name: 'optionalNames', label: w.t('wiz.optionalNames'), hint: w.t('wiz.namesHint'), value: a.optionalNames, errors: errs })}`;
}

function step3Fields(w: WebContext, a: Answers, errs: FieldErrors | null): SafeHtml {
  const numeric = html` inputmode="numeric"`;
  const decimalMode = html` inputmode="decimal"`;
  return html`${input(w, { name: 'province', label: w.t('wiz.province'), value: a.province, errors: errs, required: true })}
${input(w, { name: 'regency', label: w.t('wiz.regency'), value: a.regency, errors: errs, required: true })}
<fieldset><legend>${w.t('wiz.coords')}</legend><p class="hint">${w.t('wiz.coordsHint')}</p>
${input(w, { name: 'latitude', label: w.t('wiz.latitude'), value: a.latitude, errors: errs, attrs: decimalMode })}
${input(w, { name: 'longitude', label: w.t('wiz.longitude'), value: a.longitude, errors: errs, attrs: decimalMode })}
</fieldset>
${input(w, { name: 'radiusKm', label: w.t('wiz.radius'), hint: w.t('wiz.radiusHint'), value: a.radiusKm, errors: errs, attrs: decimalMode })}
${input(w, { name: 'openings', label: w.t('vac.field.openings'), value: a.openings, errors: errs, required: true, attrs: numeric })}
<fieldset><legend>${w.t('wiz.wage')}</legend>
${input(w, { name: 'wageMin', label: w.t('wiz.wageMin'), hint: w.t('wiz.wageHint'), value: a.wageMin, errors: errs, attrs: numeric })}
${input(w, { name: 'wageMax', label: w.t('wiz.wageMax'), hint: w.t('wiz.wageHint'), value: a.wageMax, errors: errs, attrs: numeric })}
${select(w, {
  name: 'wagePeriod',
  label: w.t('wiz.wagePeriod'),
  value: a.wagePeriod,
  errors: errs,
  options: WAGE_PERIODS.map((p) => ({ value: p, label: w.t(`vac.period.${p}`) })),
})}
</fieldset>
${input(w, { name: 'startDate', label: w.t('vac.field.start'), hint: w.t('wiz.startHint'), type: 'date', value: a.startDate, errors: errs, required: true })}
${input(w, { name: 'closesAt', label: w.t('wiz.closesAt'), hint: w.t('wiz.closesHint'), type: 'date', value: a.closesAt, errors: errs })}
<div class="${errs?.nightShift ? 'checks has-error' : 'checks'}"><label for="f-nightShift"><input type="checkbox" id="f-nightShift" name="nightShift" value="true"${when(a.nightShift, html` checked`)}> ${w.t('wiz.nightShift')}</label></div>`;
}

function skillList(w: WebContext, a: Answers, codes: string[]): SafeHtml {
  if (!codes.length) return html`—`;
  return html`<ul>${codes.map((c) => html`<li>${skillName(w, c)}${a.levels[c] ? ` — ${w.t('vac.level.min', { level: w.t(`vac.level.${a.levels[c]}`) })}` : ''}</li>`)}</ul>`;
}

type ApiBody = ReturnType<typeof apiBody>;

function checkPage(
  w: WebContext,
  c: WizardCtx,
  a: Answers,
  body: ApiBody,
  problem?: string,
  status?: number,
): WebResult {
  const section = (step: Step, rows: [string, SafeHtml | string][]) => {
    const name = w.t(`wiz.step${step}`);
    return html`<h2>${name}</h2>
<button type="submit" name="_action" value="step-${step}" class="secondary" aria-label="${w.t('wiz.changeSection', { section: name })}">${w.t('wiz.change')}</button>
<dl class="summary">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v === '' ? '—' : v}</dd>`)}</dl>`;
  };
  const title = w.t('wiz.check');
  return page(
    `${title} — ${caption(w, c)}`,
    html`<p class="muted">${caption(w, c)}</p>
<h1>${title}</h1>
${problem ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${problem}</p></div>` : ''}
<p>${w.t('wiz.checkIntro')}</p>
${formStart(w, c, a, 'check', false)}
${section(1, [
  [w.t('vac.field.title'), body.title],
  [w.t('vac.field.sector'), sectorLabel(w, body.sector)],
  [w.t('vac.field.description'), paragraphs(body.description)],
  [w.t('vac.field.kbji'), body.kbji ?? ''],
])}
${section(2, [
  [w.t('vac.field.required'), skillList(w, a, a.required)],
  [w.t('vac.field.optional'), skillList(w, a, a.optional)],
  [w.t('vac.field.certs'), a.cert.map((x) => skillName(w, x)).join(', ')],
])}
${section(3, [
  [w.t('vac.field.location'), `${body.location.regency}, ${body.location.province}`],
  [w.t('vac.field.coords'), 'lat' in body.location ? `${body.location.lat}, ${body.location.lng}` : ''],
  [w.t('vac.field.radius'), w.t('vac.km', { n: w.i18n.number(body.radiusKm ?? 50) })],
  [w.t('vac.field.openings'), w.i18n.number(body.openings)],
  [w.t('vac.field.wage'), wageText(w, body.wage)],
  [w.t('vac.field.start'), dayText(w, body.startDate)],
  [w.t('vac.field.closes'), a.closesAt ? dayText(w, a.closesAt) : w.t('vac.noClosing')],
  [w.t('vac.field.nightShift'), w.t(body.nightShift ? 'vac.yes' : 'vac.no')],
])}
<div class="actions"><button type="submit" name="_action" value="publish">${w.t(c.mode === 'edit' ? 'wiz.publishChanges' : 'wiz.publish')}</button>
<a href="${c.cancel}">${w.t('form.cancel')}</a></div>
</form>`,
    status,
  );
}

// ---------------------------------------------------------------- flow

function stepOf(v: unknown): Step | 'check' {
  const s = one(v);
  return s === '2' ? 2 : s === '3' ? 3 : s === 'check' ? 'check' : 1;
}

/** One POST of the wizard: move between steps, re-check, or publish. */
async function handlePost(
  w: WebContext,
  c: WizardCtx,
  publish: (body: ReturnType<typeof apiBody>) => Promise<string>,
): Promise<WebResult> {
  const a = readAnswers(w.body);
  const from = stepOf(w.body.step);
  const action = one(w.body._action) || 'next';
  const review = one(w.body.review) === '1';

  const jump = /^step-([123])$/.exec(action);
  if (jump) return stepPage(w, c, Number(jump[1]) as Step, a, {}, true);
  if (from === 'check' && action !== 'publish') {
    const all = checkAll(a, c, w.lang);
    if (!all.ok) return stepPage(w, c, all.step, all.answers, all.issues, true, 400);
    return checkPage(w, c, all.answers, all.body);
  }
  if (action === 'back' && from !== 'check')
    return stepPage(w, c, Math.max(1, from - 1) as Step, a, {}, review);
  if (action === 'vocation' && from === 2) return stepPage(w, c, 2, a, {}, review);

  if (action === 'publish') {
    const all = checkAll(a, c, w.lang);
    if (!all.ok) return stepPage(w, c, all.step, all.answers, all.issues, true, 400);
    try {
      return redirect(await publish(all.body));
    } catch (err) {
      const mapped = errorsByStep(err, w.lang);
      if (mapped) return stepPage(w, c, mapped.step, all.answers, mapped.issues, true, 400);
      if (err instanceof AppError && err.status === 409)
        return checkPage(w, c, all.answers, all.body, w.t('wiz.conflict'), 409);
      throw err;
    }
  }

  // "Lanjut": check this step only, then go on (straight back to the check page when reviewing).
  const step = from as Step;
  let next = a;
  let issues: Issues = {};
  if (step === 1) issues = validateStep1(a, c, w.lang).issues;
  else if (step === 2) ({ issues, answers: next } = validateStep2(a, w.lang));
  else issues = validateStep3(a, c, w.lang).issues;
  if (Object.keys(issues).length) return stepPage(w, c, step, a, issues, review, 400);
  if (step === 3 || review) {
    const all = checkAll(next, c, w.lang);
    if (!all.ok) return stepPage(w, c, all.step, all.answers, all.issues, review, 400);
    return checkPage(w, c, all.answers, all.body);
  }
  return stepPage(w, c, (step + 1) as Step, next, {}, false);
}

/** Defaults for a new vacancy: the employer's own sector and place. */
async function employerDefaults(w: WebContext): Promise<Answers> {
  const a = blankAnswers();
  if (!w.actor?.employerId) return a;
  const e = await getEmployer(w.actor, w.actor.employerId).catch(() => null);
  if (!e) return a;
  return {
    ...a,
    sector: e.sector,
    province: e.province,
    regency: e.regency,
    latitude: e.location ? String(e.location.lat) : '',
    longitude: e.location ? String(e.location.lng) : '',
  };
}

/**
 * The vacancy wizard: post, edit and duplicate in three short steps plus a check page. Answers travel
 * in hidden fields (no JavaScript, no server-side draft); every POST re-checks with zod and publishing
 * re-checks everything before calling the vacancy service with the search-sync hooks.
 */
export const vacancyWizardScreens: ScreenModule = (web, deps) => {
  const hooks = createWriteHooks(deps).vacancies;
  const createCtx = (w: WebContext): WizardCtx => ({
    mode: 'create',
    action: '/app/vacancies/new',
    cancel: '/app/vacancies',
    now: w.ctx.now,
  });
  const editCtx = async (w: WebContext): Promise<WizardCtx> => {
    const vacancy = await getVacancy(w.actor!, String(w.params.id), w.ctx.now);
    return {
      mode: 'edit',
      action: `/app/vacancies/${vacancy.id}/edit`,
      cancel: `/app/vacancies/${vacancy.id}`,
      vacancy,
      now: w.ctx.now,
    };
  };

  web.get('/app/vacancies/new', { roles: ['employer'] }, async (w) => {
    const from = q1(w, 'from');
    const a = from
      ? answersFromVacancy(await getVacancy(w.actor!, from, w.ctx.now), w.t('wiz.copyPrefix'))
      : await employerDefaults(w);
    return stepPage(w, createCtx(w), 1, a, {}, false);
  });

  web.post('/app/vacancies/new', { roles: ['employer'] }, (w) =>
    handlePost(w, createCtx(w), async (body) => {
      const v = await createVacancy(w.actor!, parseOrThrow(CreateVacancyBody, body), w.ctx, hooks);
      return `/app/vacancies/${v.id}?notice=published`;
    }),
  );

  web.get('/app/vacancies/:id/edit', { roles: ['employer'] }, async (w) => {
    const c = await editCtx(w);
    return stepPage(w, c, 1, answersFromVacancy(c.vacancy!), {}, false);
  });

  web.post('/app/vacancies/:id/edit', { roles: ['employer'] }, async (w) => {
    const c = await editCtx(w);
    return handlePost(w, c, async (body) => {
      const v = await updateVacancy(
        w.actor!,
        c.vacancy!.id,
        parseOrThrow(PatchVacancyBody, body),
        w.ctx,
        hooks,
      );
      return `/app/vacancies/${v.id}?notice=updated`;
    });
  });
};
