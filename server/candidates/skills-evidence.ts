import { evidenceRank, type Level, levelRank, maxEvidence, maxLevel } from '../shared/levels.js';
import type { CandidateSkill } from './types.js';

/** Hours from which a passed course counts as a full BLK course (about 160 h). */
export const FULL_COURSE_HOURS = 160;

/**
 * Raises skills from a passed training: evidence at least "training"; level at least basic, or
 * intermediate after a full course. Skills not yet on the profile are added. Nothing is lowered.
 */
export function applyTraining(skills: CandidateSkill[], codes: string[], hours: number): CandidateSkill[] {
  const level: Level = hours >= FULL_COURSE_HOURS ? 'intermediate' : 'basic';
  return raise(skills, codes, level, 'training');
}

/** A certification attests competence: evidence "certification", level at least intermediate. */
export function applyCertification(skills: CandidateSkill[], codes: string[]): CandidateSkill[] {
  return raise(skills, codes, 'intermediate', 'certification');
}

function raise(
  skills: CandidateSkill[],
  codes: string[],
  level: Level,
  evidence: CandidateSkill['evidence'],
): CandidateSkill[] {
  const out = skills.map((s) => ({ ...s }));
  for (const code of new Set(codes)) {
    const existing = out.find((s) => s.code === code);
    if (existing) {
      existing.level = maxLevel(existing.level, level) ?? level;
      existing.evidence = maxEvidence(existing.evidence, evidence);
    } else {
      out.push({ code, level, evidence });
    }
  }
  return out;
}

/** Merges duplicate skill entries, keeping the highest level and strongest evidence. */
export function dedupeSkills(skills: CandidateSkill[]): CandidateSkill[] {
  const byCode = new Map<string, CandidateSkill>();
  for (const s of skills) {
    const prev = byCode.get(s.code);
    if (!prev) byCode.set(s.code, { ...s });
    else {
      if (levelRank(s.level) > levelRank(prev.level)) prev.level = s.level;
      if (evidenceRank(s.evidence) > evidenceRank(prev.evidence)) prev.evidence = s.evidence;
    }
  }
  return [...byCode.values()];
}
