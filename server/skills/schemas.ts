import { z } from 'zod';
import { bi } from '../http/validate.js';
import { VOCATION_CODES } from './service.js';

const Label = z.object({ id: z.string().describe('Bahasa Indonesia'), en: z.string().describe('English') });

export const SkillView = z.object({
  code: z.string().describe('Stable skill code, e.g. welding.smaw'),
  label: Label,
  synonyms: z.array(z.string()),
  kbji: z.string().describe('KBJI 2014 unit group (4 digits, same as ISCO-08)'),
  vocation: z.string().describe('Vocation (kejuruan) code'),
});

export const VocationView = z.object({
  code: z.string(),
  label: Label,
  synonyms: z.array(z.string()),
  skillCount: z.number().int(),
});

export const ProgrammeView = z.object({
  code: z.string(),
  name: Label,
  vocation: z.string(),
  hours: z.number().int(),
  skills: z.array(z.string()),
  certificationScheme: z.string().optional().describe('BNSP certification scheme, when there is one'),
});

export const ProgrammeMatchView = z.object({
  programme: ProgrammeView,
  covers: z.array(z.string()).describe('Requested skill codes this programme teaches'),
});

export const SkillDetailView = SkillView.extend({
  programmes: z.array(ProgrammeMatchView).describe('BLK programmes that teach this skill'),
});

/** A vocation code in a query or body; 400 names the field when it is unknown. */
export const VocationCode = z.enum(VOCATION_CODES, {
  error: bi('kejuruan tidak dikenal', 'unknown vocation'),
});

/**
 * A skill as clients send it: `{ code }` or `{ name }` (any label or synonym). Resolve with
 * `resolveSkillRefs` to get codes and per-item suggestions.
 */
export const SkillRefInput = z.union([
  z.object({ code: z.string().trim().min(1).max(100) }),
  z.object({ name: z.string().trim().min(1).max(200) }),
]);
