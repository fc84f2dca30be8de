/** Reading typed values out of query text. Each reader returns undefined when the text does not fit. */

/** A span of time `[start, end)`, as ISO 8601 strings with microseconds in UTC (what PostgreSQL keeps). */
export interface Period {
  start: string;
  end: string;
}

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/i;

/**
 * `2024` is that year, `2024-05` that month, `2024-05-01` that day, `2024-05-01T10:00` that minute, and
 * so on down to microseconds; without an offset the time is UTC. Returns undefined for text that is not
 * such a date, or names a day that does not exist (`2024-02-30`).
 */
export function readPeriod(text: string): Period | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const parts = [Number(year), Number(month ?? 1), Number(day ?? 1), Number(hour ?? 0), Number(minute ?? 0)];
  const [y, mo, d, h, mi] = parts as [number, number, number, number, number];
  const s = Number(second ?? 0);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return undefined;
  const dayStart = Date.UTC(y, mo - 1, d);
  if (new Date(dayStart).getUTCDate() !== d || y < 1000) return undefined;
  const offsetMinutes = zone ? readOffset(zone) : 0;
  if (offsetMinutes === undefined) return undefined;
  const fractionMicros = fraction ? Number(fraction.padEnd(6, '0')) : 0;
  const start = addMicros({ ms: Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000, micros: 0 }, fractionMicros);
  const local = (year: number, monthIndex: number, date: number): Instant => ({
    ms: Date.UTC(year, monthIndex, date) - offsetMinutes * 60_000,
    micros: 0,
  });
  let end: Instant;
  if (fraction) end = addMicros(start, 10 ** (6 - fraction.length));
  else if (second) end = addMicros(start, 1_000_000);
  else if (minute) end = addMicros(start, 60_000_000);
  else if (day) end = local(y, mo - 1, d + 1);
  else if (month) end = local(y, mo, 1);
  else end = local(y + 1, 0, 1);
  return { start: formatInstant(start), end: formatInstant(end) };
}

/** Milliseconds since the epoch and the microseconds within that millisecond. */
interface Instant {
  ms: number;
  micros: number;
}

function addMicros(instant: Instant, micros: number): Instant {
  const total = instant.micros + micros;
  return { ms: instant.ms + Math.floor(total / 1000), micros: total % 1000 };
}

function readOffset(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`; past year 9999 PostgreSQL's `infinity`. */
function formatInstant(instant: Instant): string {
  const iso = new Date(instant.ms).toISOString();
  if (iso.startsWith('+')) return 'infinity';
  return `${iso.slice(0, -1)}${String(instant.micros).padStart(3, '0')}Z`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readUuid(text: string): string | undefined {
  return UUID.test(text) ? text.toLowerCase() : undefined;
}

/** The lowest and highest UUID that start with these hex digits (dashes optional): an index range. */
export function readUuidPrefix(text: string): { low: string; high: string } | undefined {
  const hex = text.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{1,32}$/.test(hex)) return undefined;
  const format = (digits: string): string =>
    `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
  return { low: format(hex.padEnd(32, '0')), high: format(hex.padEnd(32, 'f')) };
}

export function readBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A decimal number, kept as text so that PostgreSQL's numeric reads it without rounding. */
export function readNumber(text: string): string | undefined {
  return NUMBER.test(text) ? text : undefined;
}

/** The enum values a word means: the one equal to it (any case), or with `prefix`, all that start with it. */
export function readEnumValues(values: readonly string[], text: string, prefix: boolean): string[] {
  const lower = text.toLowerCase();
  return values.filter((value) => (prefix ? value.toLowerCase().startsWith(lower) : value.toLowerCase() === lower));
}

/** A LIKE pattern that matches `text` literally (PostgreSQL's default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
