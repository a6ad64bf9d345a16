import { escapeHtml, formatDayEn, formatDayId, formatRupiah } from '../shared/format.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MatchLine {
  title: string;
  employer: string;
  regency: string;
  score: number;
  reason: string;
  reasonEn: string;
}

const MILESTONE_TEXT: Record<string, { id: string; en: string }> = {
  'T-90': { id: '90 hari lagi bebas', en: 'released in 90 days' },
  'T-30': { id: '30 hari lagi bebas', en: 'released in 30 days' },
  'T-7': { id: '7 hari lagi bebas', en: 'released in 7 days' },
  T0: { id: 'bebas hari ini', en: 'released today' },
  'T+14': { id: '14 hari sejak bebas, belum bekerja', en: '14 days since release, not yet placed' },
  'T+30': { id: '30 hari sejak bebas, belum bekerja', en: '30 days since release, not yet placed' },
};

export function milestoneText(m: string): { id: string; en: string } {
  return MILESTONE_TEXT[m] ?? { id: m, en: m };
}

function layout(titleId: string, bodyId: string, bodyEn: string, footerId: string, footerEn: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(titleId)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:640px">${bodyId}<p style="color:#555;font-size:90%">${footerId}</p><hr><div lang="en">${bodyEn}<p style="color:#555;font-size:90%">${footerEn}</p></div></body></html>`;
}

function footers(unsubscribeUrl: string): { text: string; htmlId: string; htmlEn: string } {
  return {
    text: `\n--\nBerhenti menerima email jenis ini: ${unsubscribeUrl}\nStop receiving this kind of email: ${unsubscribeUrl}\n`,
    htmlId: `Anda menerima email ini dari Bekal Kerja. <a href="${escapeHtml(unsubscribeUrl)}">Berhenti menerima email jenis ini</a>.`,
    htmlEn: `You receive this email from Bekal Kerja. <a href="${escapeHtml(unsubscribeUrl)}">Stop receiving this kind of email</a>.`,
  };
}

// ---------------------------------------------------------------- officer digest

export interface DigestClient {
  name: string;
  registrationNumber: string;
  releaseDay: string;
  milestone: string;
  profileUrl: string;
  matches: MatchLine[];
  programmes: { id: string; en: string }[];
}

/** The Bapas officer's digest: clients at a milestone, each with top matches and training advice. */
export function renderOfficerDigest(input: {
  officerName: string;
  clients: DigestClient[];
  appUrl: string;
  unsubscribeUrl: string;
}): RenderedMail {
  const n = input.clients.length;
  const subject = `Bekal Kerja: ${n} klien mendekati/melewati tanggal bebas — ${n} client(s) at a release milestone`;
  const f = footers(input.unsubscribeUrl);
  const textId = input.clients
    .map((c) => {
      const m = milestoneText(c.milestone);
      const matches = c.matches.length
        ? c.matches
            .map(
              (x, i) =>
                `   ${i + 1}. ${x.title} — ${x.employer}, ${x.regency} (skor ${x.score}): ${x.reason}`,
            )
            .join('\n')
        : '   Belum ada lowongan yang cocok.';
      const training = c.programmes.length
        ? `\n   Saran pelatihan BLK: ${c.programmes.map((p) => p.id).join('; ')}`
        : '';
      return `- ${c.name} (${c.registrationNumber}) — ${m.id}, tanggal bebas ${formatDayId(c.releaseDay)}\n${matches}${training}\n   Profil: ${c.profileUrl}`;
    })
    .join('\n\n');
  const textEn = input.clients
    .map((c) => {
      const m = milestoneText(c.milestone);
      const matches = c.matches.length
        ? c.matches
            .map(
              (x, i) =>
                `   ${i + 1}. ${x.title} — ${x.employer}, ${x.regency} (score ${x.score}): ${x.reasonEn}`,
            )
            .join('\n')
        : '   No matching vacancies yet.';
      const training = c.programmes.length
        ? `\n   Suggested BLK training: ${c.programmes.map((p) => p.en).join('; ')}`
        : '';
      return `- ${c.name} (${c.registrationNumber}) — ${m.en}, release date ${formatDayEn(c.releaseDay)}\n${matches}${training}`;
    })
    .join('\n\n');
  const text = `Yth. ${input.officerName},\n\nBerikut klien Anda yang mencapai tahap penting menjelang atau setelah bebas, dengan lowongan yang paling cocok:\n\n${textId}\n\nBuka Bekal Kerja: ${input.appUrl}\n\n— English —\n\nDear ${input.officerName},\n\nThese clients are at a release milestone, with their best matching vacancies:\n\n${textEn}\n${f.text}`;
  const clientHtml = (lang: 'id' | 'en') =>
    input.clients
      .map((c) => {
        const m = milestoneText(c.milestone);
        const items = c.matches.length
          ? `<ol>${c.matches
              .map(
                (x) =>
                  `<li><strong>${escapeHtml(x.title)}</strong> — ${escapeHtml(x.employer)}, ${escapeHtml(x.regency)} (${lang === 'id' ? 'skor' : 'score'} ${x.score}): ${escapeHtml(lang === 'id' ? x.reason : x.reasonEn)}</li>`,
              )
              .join('')}</ol>`
          : `<p>${lang === 'id' ? 'Belum ada lowongan yang cocok.' : 'No matching vacancies yet.'}</p>`;
        const training = c.programmes.length
          ? `<p>${lang === 'id' ? 'Saran pelatihan BLK' : 'Suggested BLK training'}: ${escapeHtml(c.programmes.map((p) => p[lang]).join('; '))}</p>`
          : '';
        return `<h3><a href="${escapeHtml(c.profileUrl)}">${escapeHtml(c.name)}</a> (${escapeHtml(c.registrationNumber)})</h3><p>${escapeHtml(m[lang])} — ${lang === 'id' ? formatDayId(c.releaseDay) : formatDayEn(c.releaseDay)}</p>${items}${training}`;
      })
      .join('');
  const html = layout(
    subject,
    `<p>Yth. ${escapeHtml(input.officerName)},</p><p>Berikut klien Anda yang mencapai tahap penting menjelang atau setelah bebas, dengan lowongan yang paling cocok.</p>${clientHtml('id')}<p><a href="${escapeHtml(input.appUrl)}">Buka Bekal Kerja</a></p>`,
    `<p>Dear ${escapeHtml(input.officerName)},</p><p>These clients are at a release milestone, with their best matching vacancies.</p>${clientHtml('en')}`,
    f.htmlId,
    f.htmlEn,
  );
  return { subject, text, html };
}

// ---------------------------------------------------------------- employer note

export interface EmployerNoteItem {
  /** e.g. "juru las bersertifikat" — skills only, never who the person is. */
  descriptionId: string;
  descriptionEn: string;
  availableFrom: string;
  regency: string;
  profileUrl: string;
  vacancies: { title: string; url: string; score: number }[];
}

/** The anonymised note to an employer with an open matching vacancy. */
export function renderEmployerNote(input: {
  employerName: string;
  items: EmployerNoteItem[];
  unsubscribeUrl: string;
}): RenderedMail {
  const first = input.items[0]!;
  const subject =
    input.items.length === 1
      ? `Kandidat cocok untuk lowongan Anda: ${first.vacancies[0]?.title ?? ''} — A candidate matches your vacancy`
      : `${input.items.length} kandidat cocok untuk lowongan Anda — ${input.items.length} candidates match your vacancies`;
  const f = footers(input.unsubscribeUrl);
  const lineId = (i: EmployerNoteItem) =>
    `Seorang ${i.descriptionId}, bebas mulai ${formatDayId(i.availableFrom)} di ${i.regency}, cocok dengan lowongan Anda ${i.vacancies.map((v) => `"${v.title}" (skor ${v.score})`).join(', ')}.`;
  const lineEn = (i: EmployerNoteItem) =>
    `A ${i.descriptionEn}, free from ${formatDayEn(i.availableFrom)} in ${i.regency}, matches your vacancy ${i.vacancies.map((v) => `"${v.title}" (score ${v.score})`).join(', ')}.`;
  const howId =
    'Identitas kandidat hanya dibuka setelah kandidat setuju dan petugas Bapas menyetujui perkenalan. Minta perkenalan dari profil anonim:';
  const howEn =
    'The candidate’s identity is shared only after they agree and their probation officer approves an introduction. Ask for one from the anonymous profile:';
  const text = `Yth. ${input.employerName},\n\n${input.items.map((i) => `- ${lineId(i)}\n  ${howId} ${i.profileUrl}`).join('\n')}\n\n— English —\n\n${input.items.map((i) => `- ${lineEn(i)}\n  ${howEn} ${i.profileUrl}`).join('\n')}\n${f.text}`;
  const html = layout(
    subject,
    `<p>Yth. ${escapeHtml(input.employerName)},</p><ul>${input.items.map((i) => `<li>${escapeHtml(lineId(i))} <a href="${escapeHtml(i.profileUrl)}">Lihat profil anonim</a></li>`).join('')}</ul><p>${escapeHtml(howId)}</p>`,
    `<ul>${input.items.map((i) => `<li>${escapeHtml(lineEn(i))} <a href="${escapeHtml(i.profileUrl)}">See the anonymous profile</a></li>`).join('')}</ul><p>${escapeHtml(howEn)}</p>`,
    f.htmlId,
    f.htmlEn,
  );
  return { subject, text, html };
}

// ---------------------------------------------------------------- the person

export interface PersonVacancyLine {
  title: string;
  employer: string;
  regency: string;
  startDay: string;
  wage?: { min: number; max: number; period: string };
  reason: string;
  reasonEn: string;
}

const PERIOD: Record<string, { id: string; en: string }> = {
  hour: { id: 'jam', en: 'hour' },
  day: { id: 'hari', en: 'day' },
  week: { id: 'minggu', en: 'week' },
  month: { id: 'bulan', en: 'month' },
};

/** The released person's alert: matching jobs and how to apply through their officer. */
export function renderCandidateAlert(input: {
  name: string;
  milestone: string;
  vacancies: PersonVacancyLine[];
  officer: { name: string; email: string } | null;
  appUrl: string;
  unsubscribeUrl: string;
}): RenderedMail {
  const m = milestoneText(input.milestone);
  const subject = `Lowongan yang cocok untuk Anda — Jobs that match you (${m.id})`;
  const f = footers(input.unsubscribeUrl);
  const wage = (v: PersonVacancyLine, lang: 'id' | 'en') =>
    v.wage
      ? `, ${formatRupiah(v.wage.min)}–${formatRupiah(v.wage.max)}/${PERIOD[v.wage.period]?.[lang] ?? v.wage.period}`
      : '';
  const listId = input.vacancies.length
    ? input.vacancies
        .map(
          (v, i) =>
            `${i + 1}. ${v.title} — ${v.employer}, ${v.regency}, mulai ${formatDayId(v.startDay)}${wage(v, 'id')}. ${v.reason}`,
        )
        .join('\n')
    : 'Saat ini belum ada lowongan yang cocok; petugas Anda akan membantu mencarikan.';
  const listEn = input.vacancies.length
    ? input.vacancies
        .map(
          (v, i) =>
            `${i + 1}. ${v.title} — ${v.employer}, ${v.regency}, starts ${formatDayEn(v.startDay)}${wage(v, 'en')}. ${v.reasonEn}`,
        )
        .join('\n')
    : 'No matching vacancies right now; your officer will help you look.';
  const applyId = input.officer
    ? `Cara melamar: hubungi petugas pembimbing Anda, ${input.officer.name} (${input.officer.email}); petugas akan mengatur perkenalan dengan pemberi kerja.`
    : 'Cara melamar: hubungi Bapas Anda; petugas akan mengatur perkenalan dengan pemberi kerja.';
  const applyEn = input.officer
    ? `How to apply: contact your probation officer, ${input.officer.name} (${input.officer.email}), who arranges the introduction to the employer.`
    : 'How to apply: contact your Bapas; an officer arranges the introduction to the employer.';
  const text = `Halo ${input.name},\n\n${m.id}. Lowongan yang cocok dengan keahlian Anda:\n\n${listId}\n\n${applyId}\nLihat semua lowongan Anda: ${input.appUrl}\n\n— English —\n\nHello ${input.name},\n\n${m.en}. Jobs that match your skills:\n\n${listEn}\n\n${applyEn}\n${f.text}`;
  const htmlList = (lang: 'id' | 'en') =>
    input.vacancies.length
      ? `<ol>${input.vacancies
          .map(
            (v) =>
              `<li><strong>${escapeHtml(v.title)}</strong> — ${escapeHtml(v.employer)}, ${escapeHtml(v.regency)}, ${lang === 'id' ? 'mulai' : 'starts'} ${lang === 'id' ? formatDayId(v.startDay) : formatDayEn(v.startDay)}${escapeHtml(wage(v, lang))}. ${escapeHtml(lang === 'id' ? v.reason : v.reasonEn)}</li>`,
          )
          .join('')}</ol>`
      : `<p>${escapeHtml(lang === 'id' ? listId : listEn)}</p>`;
  const html = layout(
    subject,
    `<p>Halo ${escapeHtml(input.name)},</p><p>${escapeHtml(m.id)}. Lowongan yang cocok dengan keahlian Anda:</p>${htmlList('id')}<p>${escapeHtml(applyId)}</p><p><a href="${escapeHtml(input.appUrl)}">Lihat semua lowongan Anda</a></p>`,
    `<p>Hello ${escapeHtml(input.name)},</p><p>${escapeHtml(m.en)}. Jobs that match your skills:</p>${htmlList('en')}<p>${escapeHtml(applyEn)}</p>`,
    f.htmlId,
    f.htmlEn,
  );
  return { subject, text, html };
}
