// The engine shared by every CSV import: header checks, chunked reading, duplicate keys, batched
// look-ups, bounded concurrency, counting, and the error report. What a row means and how it is
// written lives in the per-record adapters (candidates.ts, vacancies.ts).

import { randomBytes } from 'node:crypto';
import { type Actor, SYSTEM_ACTOR } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import type { CellProblem } from './cells.js';
import {
  CsvFileError,
  type CsvRecord,
  type Delimiter,
  headerKey,
  readCsv,
  sniffDelimiter,
  writeCsvFile,
} from './csv.js';
import { type ImportProgress, silentProgress } from './progress.js';

/** One line of the error report. `row` is the physical line in the file (the header is line 1). */
export interface RowIssue {
  row: number;
  /** The CSV column, or '' when the problem concerns the whole row. */
  field: string;
  message: string;
  messageEn: string;
}

/** A data row: its line and its cells by canonical column name (trimmed; '' when empty or absent). */
export interface ImportRow {
  line: number;
  get(column: string): string;
  /** Whether the file has this column at all. */
  has(column: string): boolean;
}

/** A row failed; `issues` says where and why. */
export class RowFailure extends Error {
  constructor(readonly issues: RowIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.messageEn}`).join('; '));
    this.name = 'RowFailure';
  }
}

/**
 * Who imports: the system's admin identity under its own name, so audit entries and profile history
 * show "Impor CSV". Services still apply their object-level rules (facility kinds, skills…).
 */
export const IMPORT_ACTOR: Actor = Object.freeze({ ...SYSTEM_ACTOR, name: 'Impor CSV' });

/** The import cannot start (unknown facility…); nothing was read or written. */
export class ImportSetupError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'ImportSetupError';
  }
}

export type Outcome = 'created' | 'updated' | 'unchanged';

/** What a row is once read: its idempotency key and whatever the adapter needs to write it. */
export interface Prepared<T> {
  key: string;
  data: T;
}

/** What `apply` did with a row, or the checked input of a new record left for `createMany`. */
export type Applied<C> = Outcome | { create: C };

/** What one kind of record contributes to an import. */
export interface ImportAdapter<T, E, C = never> {
  /** Every accepted column, in report order. */
  columns: readonly string[];
  /** Problems with the set of columns present (e.g. a missing key column). */
  checkHeader(present: ReadonlySet<string>): CellProblem[];
  /** Reads a chunk of rows in order (batching any look-ups): a key and data, or the row's issues. */
  prepare(rows: ImportRow[]): Promise<(Prepared<T> | RowIssue[])[]>;
  /** The issue for a row whose key an earlier row already used. */
  duplicate(row: ImportRow, firstLine: number): RowIssue;
  /** The stored records for these keys, in one look-up. */
  load(keys: string[]): Promise<Map<string, E>>;
  /**
   * Updates or leaves an existing record; for a new one, checks the row and returns what to create
   * (or creates it itself). Throws RowFailure for a bad row.
   */
  apply(row: ImportRow, data: T, existing: E | undefined, ctx: ApplyContext): Promise<Applied<C>>;
  /** Creates the chunk's new records together; per item null (created) or the row's issues. */
  createMany?(items: { row: ImportRow; input: C }[], ctx: ApplyContext): Promise<(RowIssue[] | null)[]>;
  /** After each chunk: hands deferred follow-up work on (see deferAfterCommit). */
  flush?(): Promise<void>;
}

/**
 * Collects the outbox ids that writes hand to `afterCommit` and dispatches them per chunk instead of
 * per row: one queue round per chunk rather than three database round trips per row. The jobs are
 * already recorded in each write's transaction, so a crash before `flush` loses nothing (the outbox
 * relay dispatches them).
 */
export function deferAfterCommit(afterCommit: ((ids: string[]) => Promise<void>) | undefined): {
  afterCommit: (ids: string[]) => Promise<void>;
  flush: () => Promise<void>;
} {
  let pending: string[] = [];
  return {
    async afterCommit(ids) {
      pending.push(...ids);
    },
    async flush() {
      const ids = pending;
      pending = [];
      // The outbox dispatches at most 200 given ids per call.
      for (let i = 0; i < ids.length; i += 200) await afterCommit?.(ids.slice(i, i + 200));
    },
  };
}

export interface ApplyContext {
  /** Ties the audit entries of one run together: `import-<run>:<line>` (`import-<run>` for a batch). */
  requestId: string;
}

export interface ImportOptions {
  file: string;
  /** Rows written at the same time (default 8). */
  concurrency?: number;
  /** Rows read, checked for duplicates and looked up together (default 250). */
  chunkSize?: number;
  progress?: ImportProgress;
  /** Stops scheduling new rows (rows in flight finish); the summary says how many were left. */
  signal?: AbortSignal;
  /** After this many unexpected errors in a row (database down…) the import stops (default 10). */
  maxConsecutiveSystemErrors?: number;
}

export interface ImportSummary {
  runId: string;
  file: string;
  reportFile: string;
  /** Data rows in the file. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows with at least one issue. */
  failed: number;
  /** Rows never attempted because the import stopped early. */
  notProcessed: number;
  durationMs: number;
  issues: RowIssue[];
  /** Set when the file could not be imported at all (nothing was written). */
  fatal?: { message: string; messageEn: string };
  /** Set when the import stopped early. */
  stopped?: { message: string; messageEn: string };
}

/** The error report of `file`: next to it, `<file>.errors.csv`. */
export function reportPathFor(file: string): string {
  return `${file}.errors.csv`;
}

const REPORT_HEADER = ['row', 'field', 'message', 'messageEn'];

class RowView implements ImportRow {
  constructor(
    readonly line: number,
    private readonly cells: string[],
    private readonly index: ReadonlyMap<string, number>,
  ) {}
  get(column: string): string {
    const i = this.index.get(column);
    return i === undefined ? '' : (this.cells[i] ?? '').trim();
  }
  has(column: string): boolean {
    return this.index.has(column);
  }
}

/** Maps header cells to canonical columns, or says what is wrong with the header. */
function readHeader(
  cells: string[],
  columns: readonly string[],
): { index: Map<string, number>; problems: CellProblem[] } {
  const canonical = new Map(columns.map((c) => [headerKey(c), c]));
  const index = new Map<string, number>();
  const problems: CellProblem[] = [];
  cells.forEach((raw, i) => {
    const name = raw.trim();
    if (!name) {
      problems.push({
        message: `kolom ke-${i + 1} tidak bernama`,
        messageEn: `column ${i + 1} has no name`,
      });
      return;
    }
    const column = canonical.get(headerKey(name));
    if (!column) {
      problems.push({
        message: `kolom tidak dikenal: "${name}" (lihat docs/import.md)`,
        messageEn: `unknown column: "${name}" (see docs/import.md)`,
      });
    } else if (index.has(column)) {
      problems.push({ message: `kolom ganda: "${name}"`, messageEn: `duplicate column: "${name}"` });
    } else {
      index.set(column, i);
    }
  });
  return { index, problems };
}

/**
 * Imports one CSV file through `adapter`: every row is created, updated or left unchanged, or
 * reported with its line, column and message. Bad rows never stop good ones; re-running the same
 * file writes nothing. The report file is always written (header only when every row was fine).
 */
export async function runImport<T, E, C = never>(
  adapter: ImportAdapter<T, E, C>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const startedAt = Date.now();
  const progress = opts.progress ?? silentProgress;
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const chunkSize = Math.max(1, opts.chunkSize ?? 250);
  const maxSystemErrors = opts.maxConsecutiveSystemErrors ?? 10;
  const runId = randomBytes(4).toString('hex');
  const summary: ImportSummary = {
    runId,
    file: opts.file,
    reportFile: reportPathFor(opts.file),
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    notProcessed: 0,
    durationMs: 0,
    issues: [],
  };
  let delimiter: Delimiter = ',';
  const finish = async (): Promise<ImportSummary> => {
    const order = new Map(adapter.columns.map((c, i) => [c, i]));
    summary.issues.sort(
      (a, b) =>
        a.row - b.row ||
        (order.get(a.field) ?? -1) - (order.get(b.field) ?? -1) ||
        a.message.localeCompare(b.message),
    );
    await writeCsvFile(
      summary.reportFile,
      REPORT_HEADER,
      summary.issues.map((i) => [i.row, i.field, i.message, i.messageEn]),
      delimiter,
    );
    summary.durationMs = Date.now() - startedAt;
    return summary;
  };
  const fatal = (message: string, messageEn: string, row = 1) => {
    summary.fatal = { message, messageEn };
    summary.issues.push({ row, field: '', message, messageEn });
    return finish();
  };

  // Pass 1: the header and the file's structure, before anything is written.
  let header: Map<string, number> | null = null;
  let width = 0;
  try {
    delimiter = await sniffDelimiter(opts.file);
    for await (const rec of readCsv(opts.file, delimiter)) {
      if (!header) {
        const { index, problems } = readHeader(rec.cells, adapter.columns);
        problems.push(...adapter.checkHeader(new Set(index.keys())));
        if (problems.length) {
          summary.issues.push(...problems.map((p) => ({ row: rec.line, field: '', ...p })));
          summary.fatal = {
            message: 'Judul kolom (header) bermasalah; tidak ada data yang ditulis',
            messageEn: 'The header row has problems; nothing was written',
          };
          return finish();
        }
        header = index;
        width = rec.cells.length;
      } else {
        summary.rows++;
      }
    }
  } catch (err) {
    if (err instanceof CsvFileError) return fatal(err.message, err.messageEn, err.line);
    throw err;
  }
  if (!header) return fatal('Berkas kosong: tidak ada baris judul kolom', 'Empty file: no header row');
  const index = header;

  // Pass 2: the rows, chunk by chunk.
  progress.start(summary.rows);
  let done = 0;
  let systemErrorsInARow = 0;
  const keyLines = new Map<string, number>();
  const tick = () => progress.update({ done, failed: summary.failed });
  const fail = (issues: RowIssue[]) => {
    summary.failed++;
    summary.issues.push(...issues);
    done++;
  };

  const stopOnSystemError = (e: Error) => {
    summary.stopped = {
      message: `Impor berhenti karena kesalahan sistem (basis data tidak terjangkau?): ${e.message}`,
      messageEn: `The import stopped on system errors (database unreachable?): ${e.message}`,
    };
  };

  let flushing: Promise<void> | undefined;
  const processChunk = async (records: CsvRecord[]) => {
    const rows: RowView[] = [];
    for (const rec of records) {
      // Spreadsheets often add empty cells after the last column; only a real mismatch is an error.
      const extra = rec.cells.slice(width);
      if (rec.cells.length < width || extra.some((c) => c.trim() !== '')) {
        fail([
          {
            row: rec.line,
            field: '',
            message: `baris ini berisi ${rec.cells.length} kolom, sedangkan judul kolom (header) ${width}`,
            messageEn: `this row has ${rec.cells.length} columns, the header has ${width}`,
          },
        ]);
      } else {
        rows.push(new RowView(rec.line, rec.cells, index));
      }
    }
    const prepared = await adapter.prepare(rows);
    const work: { row: RowView; item: Prepared<T> }[] = [];
    for (const [i, item] of prepared.entries()) {
      const row = rows[i]!;
      const first = Array.isArray(item) ? undefined : keyLines.get(item.key);
      if (Array.isArray(item)) fail(item);
      else if (first !== undefined) fail([adapter.duplicate(row, first)]);
      else {
        keyLines.set(item.key, row.line);
        work.push({ row, item });
      }
    }
    tick();
    const existing = await adapter.load(work.map((w) => w.item.key));
    const creates: { row: ImportRow; input: C }[] = [];
    const systemError = (row: ImportRow, err: unknown) => {
      const e = err as Error;
      const detail = err instanceof AppError ? `${e.message} (${err.messageEn})` : e.message;
      fail([
        {
          row: row.line,
          field: '',
          message: `kesalahan sistem: ${detail}`,
          messageEn: `system error: ${err instanceof AppError ? err.messageEn : e.message}`,
        },
      ]);
      if (!(err instanceof AppError) && ++systemErrorsInARow >= maxSystemErrors) stopOnSystemError(e);
    };
    let next = 0;
    const worker = async () => {
      while (next < work.length && !summary.stopped) {
        if (opts.signal?.aborted) {
          summary.stopped = {
            message: 'Impor dihentikan oleh operator',
            messageEn: 'The import was interrupted by the operator',
          };
          break;
        }
        const { row, item } = work[next++]!;
        try {
          const applied = await adapter.apply(row, item.data, existing.get(item.key), {
            requestId: `import-${runId}:${row.line}`,
          });
          if (typeof applied === 'object') creates.push({ row, input: applied.create });
          else {
            summary[applied]++;
            done++;
          }
          systemErrorsInARow = 0;
        } catch (err) {
          if (err instanceof RowFailure) {
            fail(err.issues);
            systemErrorsInARow = 0;
          } else {
            systemError(row, err);
          }
        }
        tick();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, work.length)) }, worker));
    if (creates.length && adapter.createMany) {
      try {
        const results = await adapter.createMany(creates, { requestId: `import-${runId}` });
        results.forEach((issues) => {
          if (issues) fail(issues);
          else {
            summary.created++;
            done++;
          }
        });
        systemErrorsInARow = 0;
      } catch (err) {
        for (const c of creates) systemError(c.row, err);
      }
      tick();
    }
    // The chunk's follow-up work goes out while the next chunk is written (one flush at a time).
    // A failed flush loses nothing: the entries stay pending in the outbox for the relay.
    await flushing;
    flushing = adapter.flush?.().catch(() => undefined);
  };

  try {
    let chunk: CsvRecord[] = [];
    let seenHeader = false;
    for await (const rec of readCsv(opts.file, delimiter)) {
      if (!seenHeader) {
        seenHeader = true;
        continue;
      }
      chunk.push(rec);
      if (chunk.length >= chunkSize) {
        await processChunk(chunk);
        chunk = [];
        if (summary.stopped || opts.signal?.aborted) break;
      }
    }
    if (chunk.length && !summary.stopped && !opts.signal?.aborted) await processChunk(chunk);
  } catch (err) {
    if (err instanceof CsvFileError) {
      // The file changed between the passes; rows already written stay, the rest is reported.
      summary.stopped = { message: err.message, messageEn: err.messageEn };
      summary.issues.push({ row: err.line ?? 0, field: '', message: err.message, messageEn: err.messageEn });
    } else {
      // A chunk's look-ups failed (database down…): stop, and still write the report and summary.
      stopOnSystemError(err as Error);
    }
  } finally {
    await flushing;
    progress.stop();
  }
  if (opts.signal?.aborted && !summary.stopped) {
    summary.stopped = {
      message: 'Impor dihentikan oleh operator',
      messageEn: 'The import was interrupted by the operator',
    };
  }
  summary.notProcessed =
    summary.rows - summary.created - summary.updated - summary.unchanged - summary.failed;
  return finish();
}

/** A human summary for the terminal, Bahasa Indonesia first. */
export function formatSummary(s: ImportSummary, what: { id: string; en: string }): string {
  const seconds = s.durationMs / 1000;
  const processed = s.created + s.updated + s.unchanged + s.failed;
  const rate = seconds > 0 ? Math.round(processed / seconds) : processed;
  const lines: string[] = [];
  if (s.fatal) {
    lines.push(
      `Impor ${what.id} GAGAL — ${s.fatal.message}`,
      `${what.en} import FAILED — ${s.fatal.messageEn}`,
    );
    for (const i of s.issues) lines.push(`  baris (line) ${i.row}: ${i.message} — ${i.messageEn}`);
  } else {
    lines.push(
      s.stopped
        ? `Impor ${what.id} BERHENTI (${what.en} import stopped): ${s.stopped.message} — ${s.stopped.messageEn}`
        : `Impor ${what.id} selesai (${what.en} import finished)`,
      `  baris data (data rows):       ${s.rows}`,
      `  dibuat (created):             ${s.created}`,
      `  diperbarui (updated):         ${s.updated}`,
      `  tidak berubah (unchanged):    ${s.unchanged}`,
      `  gagal (failed):               ${s.failed}`,
    );
    if (s.notProcessed) lines.push(`  tidak diproses (not processed): ${s.notProcessed}`);
    lines.push(
      `  durasi (duration):            ${seconds.toFixed(1)} s · ${rate} baris/detik (rows/s)`,
      `  kode impor (run id):          ${s.runId}`,
    );
  }
  lines.push(`  laporan galat (error report): ${s.reportFile} (${s.issues.length} baris/lines)`);
  return `${lines.join('\n')}\n`;
}
