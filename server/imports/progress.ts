import cliProgress from 'cli-progress';

export interface ProgressCounts {
  done: number;
  failed: number;
}

/** Where an import reports how far it got. */
export interface ImportProgress {
  start(total: number): void;
  update(counts: ProgressCounts): void;
  stop(): void;
}

/** For tests and library callers: reports nothing. */
export const silentProgress: ImportProgress = { start() {}, update() {}, stop() {} };

/**
 * A progress bar on a terminal; on anything else (cron, CI, a log file) one plain line every
 * `everyMs` and at the end, so logs stay readable.
 */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr, everyMs = 5000): ImportProgress {
  let total = 0;
  let startedAt = 0;
  const rate = (done: number) => {
    const seconds = (Date.now() - startedAt) / 1000;
    return seconds > 0 ? Math.round(done / seconds) : 0;
  };

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'Impor {bar} {percentage}% | {value}/{total} baris (rows) | {rate} baris/detik (rows/s) | gagal (failed) {failed} | {duration_formatted}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start(t) {
        total = t;
        startedAt = Date.now();
        bar.start(total, 0, { rate: 0, failed: 0 });
      },
      update(c) {
        bar.update(c.done, { rate: rate(c.done), failed: c.failed });
      },
      stop() {
        bar.stop();
      },
    };
  }

  let lastAt = 0;
  let last: ProgressCounts = { done: 0, failed: 0 };
  const line = (c: ProgressCounts) => {
    const pct = total ? Math.floor((c.done / total) * 100) : 100;
    stream.write(
      `[impor] ${c.done}/${total} baris (rows) ${pct}% · ${rate(c.done)} baris/detik (rows/s) · gagal (failed) ${c.failed}\n`,
    );
    lastAt = Date.now();
  };
  return {
    start(t) {
      total = t;
      startedAt = Date.now();
      lastAt = startedAt;
      stream.write(`[impor] ${total} baris data (data rows)\n`);
    },
    update(c) {
      last = c;
      if (Date.now() - lastAt >= everyMs) line(c);
    },
    stop() {
      line(last);
    },
  };
}
