/**
 * The baseline a team would otherwise build: one MongoDB text index over the words of each profile
 * (skill labels and synonyms, training programmes, certificate schemes, home regency) and a `$text`
 * query made of the vacancy's title and skill labels, best `textScore` first.
 *
 * It applies none of the hard rules — that is the point of comparing with it — except the two a
 * naive team would add as plain equality filters: consent to sharing, and an active status (in
 * custody or released). It lives in its own collection of the evaluation database, so production
 * collections never get the extra index.
 */
import mongoose from 'mongoose';
import type { CandidateRecord } from '../../../server/candidates/types.js';
import { getSkill } from '../../../server/skills/service.js';
import type { VacancyRecord } from '../../../server/vacancies/repository.js';

export const BASELINE_COLLECTION = 'baseline_candidates';

interface BaselineDoc {
  _id: mongoose.Types.ObjectId;
  publicId: string;
  consent: boolean;
  status: string;
  text: string;
}

function collection() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected to MongoDB');
  return db.collection<BaselineDoc>(BASELINE_COLLECTION);
}

/** The searchable words of one profile. */
export function baselineText(c: CandidateRecord): string {
  const words: string[] = [];
  for (const s of c.skills) {
    const def = getSkill(s.code);
    if (def) words.push(def.label.id, def.label.en, ...def.synonyms);
  }
  for (const t of c.trainings) words.push(t.programme);
  for (const cert of c.certifications) words.push(cert.scheme);
  words.push(c.domicile.regency);
  return words.join(' | ');
}

/** Builds the baseline collection and its text index from the stored profiles. */
export async function buildBaseline(candidates: CandidateRecord[]): Promise<void> {
  const col = collection();
  await col.deleteMany({});
  await col.insertMany(
    candidates.map((c) => ({
      _id: new mongoose.Types.ObjectId(c.id),
      publicId: c.publicId,
      consent: c.consent.shareWithEmployers,
      status: c.status,
      text: baselineText(c),
    })),
  );
  // No stemming or stop words: the text is Indonesian, which MongoDB has no language for.
  await col.createIndex({ text: 'text' }, { name: 'baseline_text', default_language: 'none' });
}

/** The query a team would send: title plus the Indonesian labels of the vacancy's skills. */
export function baselineQuery(v: VacancyRecord): string {
  const labels = v.skills.map((s) => getSkill(s.code)?.label.id ?? s.code);
  // Punctuation would read as phrase or negation operators; plain words only.
  return [v.title, ...labels]
    .join(' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The baseline's top `limit` public ids for a vacancy (ties broken by creation order). */
export async function searchBaseline(v: VacancyRecord, limit: number): Promise<string[]> {
  const docs = await collection()
    .find(
      { $text: { $search: baselineQuery(v) }, consent: true, status: { $in: ['in_custody', 'released'] } },
      { projection: { publicId: 1, score: { $meta: 'textScore' } } },
    )
    .sort({ score: { $meta: 'textScore' }, _id: 1 })
    .limit(limit)
    .toArray();
  return docs.map((d) => d.publicId);
}
