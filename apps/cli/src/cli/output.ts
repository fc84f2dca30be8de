/** Writes a line to standard output (what a script reads) or standard error (progress). */
export const out = (line = '') => void process.stdout.write(`${line}\n`);
export const note = (line: string) => void process.stderr.write(`${line}\n`);

/** Columns padded to their widest cell. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `2026-05-01T10:00:00.000Z` as `2026-05-01 10:00:00`. */
export const shortTime = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 19) : '-');

/** Shows the seconds a long request has been running, on standard error, until `stop` is called. */
export function progress(label: string): { stop(): void } {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    if (tty) process.stderr.write(`\r${label} ${seconds}s`);
    else if (seconds % 10 === 0) note(`${label} ${seconds}s`);
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}
