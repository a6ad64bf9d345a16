import { FACILITY_KINDS } from '../../facilities/model.js';
import type { FacilityKind } from '../../facilities/repository.js';
import { CreateFacilityBody } from '../../facilities/schemas.js';
import { createFacility, listFacilities } from '../../facilities/service.js';
import { parseOrThrow } from '../../http/validate.js';
import { INDONESIAN_TIMEZONES } from '../../shared/schemas.js';
import { csrfField, errorSummary, input, pager, q1, select } from '../components.js';
import { page, redirect, type WebBuilder, type WebContext, type WebResult } from '../framework.js';
import { html } from '../html.js';
import { defineMessages } from '../i18n.js';
import {
  type FormProblem,
  filterInput,
  filterSelect,
  formProblem,
  pageNumber,
  problemNotice,
  text,
} from './shared.js';

defineMessages({
  'admin.fac.title': { id: 'Fasilitas', en: 'Facilities' },
  'admin.fac.count': { id: '{n} fasilitas', en: '{n} facilities' },
  'admin.fac.none': { id: 'Tidak ada fasilitas dengan filter ini.', en: 'No facilities with these filters.' },
  'admin.fac.code': { id: 'Kode', en: 'Code' },
  'admin.fac.codeHint': {
    id: 'Huruf dan angka, unik, misalnya LAPAS-WATAMPONE',
    en: 'Letters and digits, unique, e.g. LAPAS-WATAMPONE',
  },
  'admin.fac.name': { id: 'Nama', en: 'Name' },
  'admin.fac.kind': { id: 'Jenis', en: 'Kind' },
  'admin.fac.province': { id: 'Provinsi', en: 'Province' },
  'admin.fac.regency': { id: 'Kabupaten/kota', en: 'Regency' },
  'admin.fac.place': { id: 'Wilayah', en: 'Region' },
  'admin.fac.lat': { id: 'Lintang (latitude)', en: 'Latitude' },
  'admin.fac.lng': { id: 'Bujur (longitude)', en: 'Longitude' },
  'admin.fac.coordHint': { id: 'Desimal, misalnya -4.5386', en: 'Decimal, e.g. -4.5386' },
  'admin.fac.timezone': { id: 'Zona waktu', en: 'Time zone' },
  'admin.fac.sort.name': { id: 'Nama', en: 'Name' },
  'admin.fac.sort.code': { id: 'Kode', en: 'Code' },
  'admin.fac.sort.regency': { id: 'Kabupaten/kota', en: 'Regency' },
  'admin.fac.create': { id: 'Tambah fasilitas', en: 'Add a facility' },
  'admin.fac.created': { id: 'Fasilitas {code} ditambahkan.', en: 'Facility {code} added.' },
});

const PAGE_SIZE = 25;
const SORTS = ['name', 'code', 'regency'] as const;
type Sort = (typeof SORTS)[number];

interface FacilityForm {
  code: string;
  name: string;
  kind: string;
  province: string;
  regency: string;
  lat: string;
  lng: string;
  timezone: string;
}

const EMPTY: FacilityForm = {
  code: '',
  name: '',
  kind: '',
  province: '',
  regency: '',
  lat: '',
  lng: '',
  timezone: 'Asia/Makassar',
};

function coordinate(s: string): number | undefined {
  if (!s) return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
}

async function facilitiesPage(
  w: WebContext,
  form: FacilityForm = EMPTY,
  problem: FormProblem | null = null,
): Promise<WebResult> {
  const kindParam = q1(w, 'kind');
  const kind = (FACILITY_KINDS as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as FacilityKind)
    : undefined;
  const regency = q1(w, 'regency')?.trim().slice(0, 80) || undefined;
  const sortParam = q1(w, 'sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'name';
  const pageNo = pageNumber(q1(w, 'page'));
  const list = (await listFacilities({ kind, regency })).sort((a, b) =>
    sort === 'code'
      ? a.code.localeCompare(b.code)
      : sort === 'regency'
        ? a.regency.localeCompare(b.regency) || a.name.localeCompare(b.name)
        : a.name.localeCompare(b.name),
  );
  const shown = list.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
  const created = q1(w, 'created');
  const errs = problem?.fields ?? null;
  const labels = {
    code: w.t('admin.fac.code'),
    name: w.t('admin.fac.name'),
    kind: w.t('admin.fac.kind'),
    province: w.t('admin.fac.province'),
    regency: w.t('admin.fac.regency'),
    'location.lat': w.t('admin.fac.lat'),
    'location.lng': w.t('admin.fac.lng'),
    timezone: w.t('admin.fac.timezone'),
  };
  const kindOptions = FACILITY_KINDS.map((k) => ({ value: k, label: w.t(`admin.kind.${k}`) }));
  return page(
    w.t('admin.fac.title'),
    html`<h1>${w.t('admin.fac.title')}</h1>
${created && !problem ? html`<p class="notice" role="status">${w.t('admin.fac.created', { code: created })}</p>` : ''}
<form method="get" action="/app/admin/facilities" class="filters">
${filterSelect(w, 'kind', w.t('admin.fac.kind'), kindOptions, kind)}
${filterInput('regency', w.t('admin.fac.regency'), regency)}
${filterSelect(
  w,
  'sort',
  w.t('list.sort'),
  SORTS.map((s) => ({ value: s, label: w.t(`admin.fac.sort.${s}`) })),
  sortParam ? sort : undefined,
)}
<div><button type="submit">${w.t('form.apply')}</button> <a href="/app/admin/facilities">${w.t('form.clear')}</a></div>
</form>
<p><strong>${w.t('admin.fac.count', { n: w.i18n.number(list.length) })}</strong></p>
${
  shown.length
    ? html`<table><thead><tr><th scope="col">${w.t('admin.fac.code')}</th><th scope="col">${w.t('admin.fac.name')}</th><th scope="col">${w.t('admin.fac.kind')}</th><th scope="col">${w.t('admin.fac.place')}</th><th scope="col">${w.t('admin.fac.timezone')}</th></tr></thead><tbody>
${shown.map((f) => html`<tr><td>${f.code}</td><th scope="row">${f.name}</th><td>${w.t(`admin.kind.${f.kind}`)}</td><td>${f.regency}, ${f.province}</td><td>${w.t(`admin.tz.${f.timezone}`)}</td></tr>`)}
</tbody></table>`
    : html`<p>${w.t('admin.fac.none')}</p>`
}
${pager(w, pageNo, PAGE_SIZE, list.length)}
<h2 id="create">${w.t('admin.fac.create')}</h2>
${problemNotice(problem)}
<form method="post" action="/app/admin/facilities" novalidate>${csrfField(w)}
${errorSummary(w, errs, labels)}
${input(w, { name: 'code', label: labels.code, value: form.code, hint: w.t('admin.fac.codeHint'), errors: errs, required: true })}
${input(w, { name: 'name', label: labels.name, value: form.name, errors: errs, required: true })}
${select(w, { name: 'kind', label: labels.kind, value: form.kind, options: kindOptions, empty: '—', errors: errs })}
${input(w, { name: 'province', label: labels.province, value: form.province, errors: errs, required: true })}
${input(w, { name: 'regency', label: labels.regency, value: form.regency, errors: errs, required: true })}
${input(w, { name: 'location.lat', label: labels['location.lat'], value: form.lat, hint: w.t('admin.fac.coordHint'), errors: errs, required: true, attrs: html` inputmode="decimal"` })}
${input(w, { name: 'location.lng', label: labels['location.lng'], value: form.lng, hint: w.t('admin.fac.coordHint'), errors: errs, required: true, attrs: html` inputmode="decimal"` })}
${select(w, {
  name: 'timezone',
  label: labels.timezone,
  value: form.timezone,
  options: INDONESIAN_TIMEZONES.map((tz) => ({ value: tz, label: w.t(`admin.tz.${tz}`) })),
  errors: errs,
})}
<button type="submit">${w.t('admin.fac.create')}</button></form>`,
    problem?.status ?? 200,
  );
}

/** Admins: the facility list (filter by kind and regency) and a form to add one. */
export function registerFacilityAdmin(web: WebBuilder): void {
  web.get('/app/admin/facilities', { roles: ['admin'] }, (w) => facilitiesPage(w));

  web.post('/app/admin/facilities', { roles: ['admin'] }, async (w) => {
    const form: FacilityForm = {
      code: text(w.body, 'code'),
      name: text(w.body, 'name'),
      kind: text(w.body, 'kind'),
      province: text(w.body, 'province'),
      regency: text(w.body, 'regency'),
      lat: text(w.body, 'location.lat'),
      lng: text(w.body, 'location.lng'),
      timezone: text(w.body, 'timezone'),
    };
    let code: string;
    try {
      const body = parseOrThrow(
        CreateFacilityBody,
        {
          code: form.code,
          name: form.name,
          kind: form.kind || undefined,
          province: form.province,
          regency: form.regency,
          location: { lat: coordinate(form.lat), lng: coordinate(form.lng) },
          timezone: form.timezone || undefined,
        },
        'body',
      );
      code = (await createFacility(w.actor!, body)).code;
    } catch (err) {
      const problem = formProblem(err, w.lang);
      if (!problem) throw err;
      return facilitiesPage(w, form, problem);
    }
    return redirect(`/app/admin/facilities?created=${encodeURIComponent(code)}`);
  });
}
