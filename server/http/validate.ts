import { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';

const BI_SEPARATOR = ' || ';

/** A custom validation message in Bahasa Indonesia and English. */
export function bi(id: string, en: string): string {
  return `${id}${BI_SEPARATOR}${en}`;
}

const indonesian = z.locales.id();
const english = z.locales.en();

function messageFor(locale: ReturnType<typeof z.locales.en>, issue: z.core.$ZodIssue): string {
  const out = locale.localeError?.(issue as never);
  if (!out) return issue.message;
  return typeof out === 'string' ? out : (out.message ?? issue.message);
}

/** Turns zod issues into details naming each failing path, in Bahasa Indonesia and English. */
export function zodDetails(error: z.ZodError, prefix?: string): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)';
    // Custom messages are written bilingually with bi("…", "…").
    const [customId, customEn] = issue.message.includes(BI_SEPARATOR)
      ? issue.message.split(BI_SEPARATOR)
      : [];
    return {
      path,
      code: issue.code,
      message: customId ?? messageFor(indonesian, issue),
      messageEn: customEn ?? messageFor(english, issue),
    };
  });
}

/** Parses `value` with `schema` or throws a 400 AppError whose details name every failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = zodDetails(result.error, prefix);
  const paths = [...new Set(details.map((d) => d.path))].join(', ');
  throw new AppError({
    code: 'validation_failed',
    status: 400,
    message: `Data tidak valid: ${paths}`,
    messageEn: `Invalid input: ${paths}`,
    details,
  });
}

/** A query-string list: `a,b` or repeated `x=a&x=b`, trimmed, empties dropped. */
export function csvList<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(','));
    return parts.map((s) => s.trim()).filter(Boolean);
  }, z.array(item).optional());
}

/** A query-string boolean: true/false/1/0. */
export const queryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** A 24-hex-character database id. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, bi('id tidak valid', 'invalid id'));
