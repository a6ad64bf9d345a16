// From API error paths back to CSV columns: `body.release.expectedDate` → `releaseDate`,
// `body.skills.2.name` → `skills` with the item named in the message.

import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../http/errors.js';
import { zodDetails } from '../http/validate.js';
import { type CellProblem, splitList } from './cells.js';
import { type ImportRow, RowFailure, type RowIssue } from './runner.js';

/** An API path (without `body.`) and the column it comes from; `list` columns hold `;` items. */
export interface PathRule {
  path: string;
  column: string;
  list?: boolean;
}

/** Collects a row's problems from every stage, one line per problem. */
export class RowProblems {
  readonly issues: RowIssue[] = [];
  private readonly columnsWithCellProblems = new Set<string>();

  constructor(
    private readonly row: ImportRow,
    private readonly rules: readonly PathRule[],
  ) {}

  /** A cell that could not be converted; later schema errors on the same column are dropped. */
  cell(column: string, p: CellProblem): void {
    this.columnsWithCellProblems.add(column);
    this.issues.push({ row: this.row.line, field: column, message: p.message, messageEn: p.messageEn });
  }

  /** A problem of our own with a column (or '' for the whole row). */
  add(column: string, message: string, messageEn: string): void {
    this.issues.push({ row: this.row.line, field: column, message, messageEn });
  }

  /** Schema problems from a failed zod parse. */
  zod(error: z.ZodError): void {
    this.details(zodDetails(error));
  }

  /** Error details from a service (paths start with `body.`) or from zod. */
  details(details: readonly ErrorDetail[]): void {
    for (const d of details) {
      const { column, item } = this.columnFor(d.path);
      if (column && this.columnsWithCellProblems.has(column)) continue;
      const cell = column ? this.row.get(column) : '';
      let message = d.message;
      let messageEn = d.messageEn ?? d.message;
      if (item !== undefined) {
        const text = splitList(cell)[item] ?? '';
        message = `butir ${item + 1} ("${text}"): ${message}`;
        messageEn = `item ${item + 1} ("${text}"): ${messageEn}`;
      } else if (column && cell === '' && d.code === 'invalid_type') {
        message = 'wajib diisi';
        messageEn = 'required';
      } else if (column && cell !== '' && !message.includes(`"${cell}"`)) {
        const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
        message = `"${shown}": ${message}`;
        messageEn = `"${shown}": ${messageEn}`;
      }
      if (this.issues.some((i) => i.field === column && i.message === message)) continue;
      this.issues.push({ row: this.row.line, field: column, message, messageEn });
    }
  }

  /** Converts what a service threw; anything that is not an AppError is rethrown. */
  error(err: unknown): void {
    if (!(err instanceof AppError)) throw err;
    if (err.details?.length) this.details(err.details);
    else this.add('', err.message, err.messageEn);
  }

  get failed(): boolean {
    return this.issues.length > 0;
  }

  /** Throws RowFailure when anything was recorded. */
  throwIfAny(): void {
    if (this.issues.length) throw new RowFailure(this.issues);
  }

  private columnFor(path: string): { column: string; item?: number } {
    const p = path.replace(/^body\./, '');
    let best: PathRule | undefined;
    for (const r of this.rules) {
      if ((p === r.path || p.startsWith(`${r.path}.`)) && (!best || r.path.length > best.path.length))
        best = r;
    }
    if (!best) return { column: '' };
    if (!best.list) return { column: best.column };
    const rest = p.slice(best.path.length + 1).split('.')[0];
    return rest && /^\d+$/.test(rest) ? { column: best.column, item: Number(rest) } : { column: best.column };
  }
}
