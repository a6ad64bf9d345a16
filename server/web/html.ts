import { escapeHtml } from '../shared/format.js';

/** HTML that is already safe to emit. Everything else is escaped when interpolated. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/**
 * Tagged template for HTML: every interpolated value is escaped unless it is SafeHtml (another html``
 * result). Arrays are joined; null, undefined and false render nothing. This is the only way the web
 * screens build markup, so text from records (names, skills, highlights) can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Trusted markup that was produced elsewhere and escaped there (e.g. search highlights). */
export function trusted(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** `attr` with value only when truthy, e.g. ${when(checked, 'checked')}. */
export function when(cond: unknown, markup: SafeHtml | string): SafeHtml {
  return cond ? (markup instanceof SafeHtml ? markup : html`${markup}`) : new SafeHtml('');
}
