// Recording one person's BLK training or competency certificate. A programme from the taxonomy can
// be picked first (a GET, so it works without JavaScript) to fill in its name, hours and skills.

import type { Actor } from '../../auth/actor.js';
import { TRAINING_RESULTS } from '../../candidates/model.js';
import { CertificationBody, TrainingBody } from '../../candidates/schemas.js';
import { addCertification, addTraining, type CandidateHooks } from '../../candidates/service.js';
import { facilityRepository } from '../../facilities/repository.js';
import { listFacilities } from '../../facilities/service.js';
import { listVocations, skillRefFromText } from '../../skills/service.js';
import { PROGRAMMES, type ProgrammeDef } from '../../skills/taxonomy.data.js';
import { csrfField, errorSummary, type FieldErrors, fieldId, input, select } from '../components.js';
import { page, redirect, type WebBuilder, type WebContext } from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import { loadProfile, personLabel } from './cohort.js';
import {
  all,
  checkboxes,
  checkPeriod,
  codeOptions,
  FORM_KEY,
  formErrors,
  idParam,
  requireFields,
  STAFF_OR_TRAINER,
  skillDatalist,
  skillErrors,
  skillName,
  splitTyped,
  str,
  wholeNumber,
  zodFieldErrors,
} from './common.js';

defineMessages({
  'cohort.tr.title': { id: 'Catat pelatihan: {name}', en: 'Record training: {name}' },
  'cohort.cert.title': { id: 'Catat sertifikat: {name}', en: 'Record certificate: {name}' },
  'cohort.tr.pick': { id: 'Program BLK', en: 'BLK programme' },
  'cohort.tr.pickHint': {
    id: 'Pilih program untuk mengisi nama, jam dan keahliannya. Boleh juga diisi sendiri.',
    en: 'Pick a programme to fill in its name, hours and skills. You may also fill them in yourself.',
  },
  'cohort.tr.noProgramme': { id: '— tanpa program, isi sendiri —', en: '— no programme, fill in yourself —' },
  'cohort.tr.use': { id: 'Pakai program ini', en: 'Use this programme' },
  'cohort.tr.provider': { id: 'Penyelenggara (BLK)', en: 'Provider (BLK)' },
  'cohort.tr.providerFixed': {
    id: 'Dicatat atas nama BLK Anda.',
    en: 'Recorded for your BLK.',
  },
  'cohort.tr.programme': { id: 'Nama program', en: 'Programme name' },
  'cohort.tr.startDate': { id: 'Tanggal mulai', en: 'Start date' },
  'cohort.tr.endDate': { id: 'Tanggal selesai', en: 'End date' },
  'cohort.tr.hours': { id: 'Jumlah jam pelatihan', en: 'Training hours' },
  'cohort.tr.result': { id: 'Hasil', en: 'Result' },
  'cohort.tr.resultHint': {
    id: 'Hanya pelatihan yang lulus menaikkan tingkat keahlian.',
    en: 'Only a passed training raises skill levels.',
  },
  'cohort.tr.skills': { id: 'Keahlian yang dilatih', en: 'Skills taught' },
  'cohort.tr.otherSkills': { id: 'Keahlian lain', en: 'Other skills' },
  'cohort.tr.otherHint': {
    id: 'Nama keahlian, pisahkan dengan koma; misalnya: las listrik, keselamatan kerja las',
    en: 'Skill names separated by commas; for example: SMAW welding, welding safety',
  },
  'cohort.cert.scheme': { id: 'Skema sertifikasi', en: 'Certification scheme' },
  'cohort.cert.number': { id: 'Nomor sertifikat', en: 'Certificate number' },
  'cohort.cert.issuer': { id: 'Penerbit (LSP)', en: 'Issuer (LSP)' },
  'cohort.cert.issuerHint': { id: 'Misalnya: LSP P1 BLK Bone', en: 'For example: LSP P1 BLK Bone' },
  'cohort.cert.issuedAt': { id: 'Tanggal terbit', en: 'Date of issue' },
  'cohort.cert.expiresAt': { id: 'Berlaku sampai (bila ada)', en: 'Valid until (if any)' },
  'cohort.cert.provider': {
    id: 'BLK yang menyiapkan (bila ada)',
    en: 'BLK that prepared the person (if any)',
  },
  'cohort.cert.noProvider': { id: '— tidak ada —', en: '— none —' },
  'cohort.cert.skills': { id: 'Keahlian yang disertifikasi', en: 'Skills certified' },
  'cohort.cert.skillsHint': {
    id: 'Keahlian ini naik menjadi "Sertifikat kompetensi".',
    en: 'These skills become "Competency certificate".',
  },
});

export type Option = { value: string; label: string };

export function findProgramme(code: string): ProgrammeDef | undefined {
  return PROGRAMMES.find((p) => p.code === code);
}

/** A select of every BLK programme, grouped by vocation. */
export function programmeSelect(
  w: WebContext,
  o: {
    name: string;
    label: string;
    value: string;
    hint?: string;
    empty?: string;
    errors?: FieldErrors | null;
  },
): SafeHtml {
  const id = fieldId(o.name);
  const err = o.errors?.[o.name];
  const described = [o.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="${err ? 'field has-error' : 'field'}"><label for="${id}">${o.label}</label>
${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : ''}
${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : ''}
<select id="${id}" name="${o.name}"${when(described, html` aria-describedby="${described}"`)}${when(err, html` aria-invalid="true"`)}>
${o.empty !== undefined ? html`<option value="">${o.empty}</option>` : ''}
${listVocations().map((v) => {
  const list = PROGRAMMES.filter((p) => p.vocation === v.code);
  return list.length
    ? html`<optgroup label="${v.label[w.lang]}">${list.map((p) => html`<option value="${p.code}"${when(p.code === o.value, html` selected`)}>${p.name[w.lang]} (${p.hours} ${w.lang === 'id' ? 'jam' : 'h'})</option>`)}</optgroup>`
    : '';
})}
</select></div>`;
}

/** BLKs a Lapas works with: those of its province (all BLKs when none is registered there). */
export async function blkOptions(actor: Actor): Promise<Option[]> {
  const own = actor.facilityId ? await facilityRepository.findById(actor.facilityId) : null;
  const list = await listFacilities({ kind: 'blk' });
  const near = own ? list.filter((f) => f.province === own.province) : [];
  return (near.length ? near : list).map((f) => ({ value: f.id, label: `${f.name} (${f.regency})` }));
}

/** The trainer's own BLK name, shown where staff get a provider select. */
export async function ownBlkName(actor: Actor): Promise<string> {
  const f = actor.facilityId ? await facilityRepository.findById(actor.facilityId) : null;
  return f?.name ?? '—';
}

type Kind = 'training' | 'certification';

interface RecordFormState {
  kind: Kind;
  person: { id: string; fullName: string; registrationNumber: string };
  programme: ProgrammeDef | undefined;
  values: Record<string, unknown>;
  errors: FieldErrors | null;
  providers: Option[] | null;
  blkName: string;
}

function recordTitle(w: WebContext, s: Pick<RecordFormState, 'kind' | 'person'>): string {
  return w.t(s.kind === 'training' ? 'cohort.tr.title' : 'cohort.cert.title', {
    name: personLabel(s.person),
  });
}

function recordForm(w: WebContext, s: RecordFormState): SafeHtml {
  const { values, errors } = s;
  const v = (n: string) => str(values, n);
  const base = `/app/cohort/${s.person.id}/${s.kind === 'training' ? 'trainings' : 'certifications'}/new`;
  const field = (name: string, key: string, extra: Partial<Parameters<typeof input>[1]> = {}) =>
    input(w, { name, label: w.t(key), value: v(name), errors, ...extra });
  const provider =
    s.providers === null
      ? html`<p><strong>${w.t('cohort.tr.provider')}:</strong> ${s.blkName} <span class="hint">${w.t('cohort.tr.providerFixed')}</span></p>`
      : select(w, {
          name: 'provider',
          label: w.t(s.kind === 'training' ? 'cohort.tr.provider' : 'cohort.cert.provider'),
          value: v('provider'),
          empty: s.kind === 'training' ? '—' : w.t('cohort.cert.noProvider'),
          options: s.providers,
          errors,
        });
  const skillBoxes = s.programme
    ? checkboxes({
        name: 'skills',
        legend: w.t(s.kind === 'training' ? 'cohort.tr.skills' : 'cohort.cert.skills'),
        hint: s.kind === 'certification' ? w.t('cohort.cert.skillsHint') : undefined,
        options: s.programme.skills.map((code) => ({ value: code, label: skillName(w, code) })),
        values: all(values, 'skills'),
        errors,
      })
    : '';
  const labels: Record<string, string> = {
    provider: w.t('cohort.tr.provider'),
    programme: w.t('cohort.tr.programme'),
    startDate: w.t('cohort.tr.startDate'),
    endDate: w.t('cohort.tr.endDate'),
    hours: w.t('cohort.tr.hours'),
    result: w.t('cohort.tr.result'),
    skills: w.t(s.kind === 'training' ? 'cohort.tr.skills' : 'cohort.cert.skills'),
    otherSkills: w.t('cohort.tr.otherSkills'),
    scheme: w.t('cohort.cert.scheme'),
    number: w.t('cohort.cert.number'),
    issuer: w.t('cohort.cert.issuer'),
    issuedAt: w.t('cohort.cert.issuedAt'),
    expiresAt: w.t('cohort.cert.expiresAt'),
  };
  const specific =
    s.kind === 'training'
      ? html`${field('programme', 'cohort.tr.programme', { required: true })}
${field('startDate', 'cohort.tr.startDate', { required: true, type: 'date' })}
${field('endDate', 'cohort.tr.endDate', { required: true, type: 'date' })}
${field('hours', 'cohort.tr.hours', { required: true, type: 'number', attrs: html` min="1" max="2000" inputmode="numeric"` })}
${select(w, { name: 'result', label: w.t('cohort.tr.result'), value: v('result'), empty: '—', hint: w.t('cohort.tr.resultHint'), options: codeOptions(w, 'cohort.result', TRAINING_RESULTS), errors })}`
      : html`${field('scheme', 'cohort.cert.scheme', { required: true })}
${field('number', 'cohort.cert.number', { required: true })}
${field('issuer', 'cohort.cert.issuer', { required: true, hint: w.t('cohort.cert.issuerHint') })}
${field('issuedAt', 'cohort.cert.issuedAt', { required: true, type: 'date' })}
${field('expiresAt', 'cohort.cert.expiresAt', { type: 'date' })}`;
  return html`<p><a href="/app/cohort/${s.person.id}">← ${w.t('form.back')}</a></p>
<h1>${recordTitle(w, s)}</h1>
<form method="get" action="${base}" class="filters">
${programmeSelect(w, { name: 'programmeCode', label: w.t('cohort.tr.pick'), hint: w.t('cohort.tr.pickHint'), value: s.programme?.code ?? '', empty: w.t('cohort.tr.noProgramme') })}
<button type="submit" class="secondary">${w.t('cohort.tr.use')}</button>
</form>
${errorSummary(w, errors, labels)}
<form method="post" action="${base}" id="f-${FORM_KEY}" tabindex="-1" novalidate>${csrfField(w)}
<input type="hidden" name="programmeCode" value="${s.programme?.code ?? ''}">
${provider}
${specific}
${skillBoxes}
${field('otherSkills', 'cohort.tr.otherSkills', { hint: w.t('cohort.tr.otherHint'), attrs: html` list="skill-labels" autocomplete="off"` })}
<button type="submit">${w.t('form.save')}</button> <a href="/app/cohort/${s.person.id}">${w.t('form.cancel')}</a>
</form>
${skillDatalist(w)}`;
}

function defaults(kind: Kind, p: ProgrammeDef | undefined): Record<string, unknown> {
  if (!p) return {};
  return kind === 'training'
    ? { programme: p.name.id, hours: String(p.hours), skills: [...p.skills] }
    : { scheme: p.certificationScheme ?? '', skills: [...p.skills] };
}

/** Checks and saves the posted record; field errors on failure. */
async function saveRecord(
  w: WebContext,
  s: RecordFormState,
  hooks: CandidateHooks,
): Promise<FieldErrors | null> {
  const b = s.values;
  const trainer = s.providers === null;
  const codes = all(b, 'skills');
  const skills = [...codes, ...splitTyped(str(b, 'otherSkills'))];
  const skillsField = s.programme ? 'skills' : 'otherSkills';
  const mapPath = (p: string): string => {
    const m = /^skills\.(\d+)/.exec(p);
    if (m) return Number(m[1]) < codes.length ? 'skills' : 'otherSkills';
    if (p === 'skills') return skillsField;
    if (p.startsWith('provider')) return trainer ? FORM_KEY : 'provider';
    return p;
  };
  const errors: FieldErrors = {};
  skillErrors(skills.map(skillRefFromText), w.lang, mapPath, errors);
  const opt = (n: string) => str(b, n) || undefined;
  const provider = trainer ? w.actor!.facilityId : opt('provider');
  if (s.kind === 'training') {
    requireFields(w, b, ['programme', 'startDate', 'endDate', 'hours', 'result'], errors);
    if (!trainer) requireFields(w, b, ['provider'], errors);
    const hours = wholeNumber(str(b, 'hours'));
    if (str(b, 'hours') && hours === null) errors.hours ??= w.t('cohort.notNumber');
    if (!skills.length) errors[skillsField] ??= w.t('cohort.required');
    checkPeriod(w, str(b, 'startDate'), str(b, 'endDate'), errors);
    const parsed = TrainingBody.safeParse({
      provider,
      programme: opt('programme'),
      startDate: opt('startDate'),
      endDate: opt('endDate'),
      hours: hours ?? undefined,
      result: opt('result'),
      skills,
    });
    if (!parsed.success) zodFieldErrors(parsed.error, w.lang, mapPath, errors);
    if (Object.keys(errors).length || !parsed.success) return errors;
    try {
      await addTraining(w.actor!, s.person.id, parsed.data, w.ctx, hooks);
      return null;
    } catch (err) {
      return formErrors(err, w.lang, mapPath);
    }
  }
  requireFields(w, b, ['scheme', 'number', 'issuer', 'issuedAt'], errors);
  if (!skills.length) errors[skillsField] ??= w.t('cohort.required');
  const issued = str(b, 'issuedAt');
  const expires = str(b, 'expiresAt');
  if (/^\d{4}-\d{2}-\d{2}$/.test(issued) && /^\d{4}-\d{2}-\d{2}$/.test(expires) && expires <= issued)
    errors.expiresAt ??= w.t('cohort.expiryNotAfterIssue');
  const parsed = CertificationBody.safeParse({
    scheme: opt('scheme'),
    number: opt('number'),
    issuer: opt('issuer'),
    issuedAt: opt('issuedAt'),
    expiresAt: opt('expiresAt'),
    skills,
    provider,
  });
  if (!parsed.success) zodFieldErrors(parsed.error, w.lang, mapPath, errors);
  if (Object.keys(errors).length || !parsed.success) return errors;
  try {
    await addCertification(w.actor!, s.person.id, parsed.data, w.ctx, hooks);
    return null;
  } catch (err) {
    return formErrors(err, w.lang, mapPath);
  }
}

/** Training and certificate forms for one person (staff: any BLK; trainers: their own BLK). */
export function registerRecordScreens(web: WebBuilder, hooks: CandidateHooks): void {
  for (const kind of ['training', 'certification'] as const) {
    const path = `/app/cohort/:id/${kind === 'training' ? 'trainings' : 'certifications'}/new`;
    const state = async (w: WebContext, programmeCode: string): Promise<RecordFormState> => {
      const c = await loadProfile(w, idParam(w));
      const trainer = w.actor!.role === 'trainer';
      return {
        kind,
        person: { id: c.id, fullName: c.fullName, registrationNumber: c.registrationNumber },
        programme: findProgramme(programmeCode),
        values: {},
        errors: null,
        providers: trainer ? null : await blkOptions(w.actor!),
        blkName: trainer ? await ownBlkName(w.actor!) : '',
      };
    };
    web.get(path, { roles: STAFF_OR_TRAINER }, async (w) => {
      const s = await state(w, typeof w.query.programmeCode === 'string' ? w.query.programmeCode : '');
      s.values = defaults(kind, s.programme);
      return page(recordTitle(w, s), recordForm(w, s));
    });
    web.post(path, { roles: STAFF_OR_TRAINER }, async (w) => {
      const s = await state(w, str(w.body, 'programmeCode'));
      s.values = w.body;
      const errors = await saveRecord(w, s, hooks);
      if (!errors) return redirect(`/app/cohort/${s.person.id}?saved=${kind}`);
      s.errors = errors;
      return page(recordTitle(w, s), recordForm(w, s), 400);
    });
  }
}
