/**
 * A subset of Java's `SimpleDateFormat` (en_US, the process time zone), enough for
 * `get-property('SYSTEM_DATE', 'yyyy-MM-dd')`. A pattern is compiled once into a list of parts.
 */

/** Formats a date. */
export type DateFormatter = (d: Date) => string;

/**
 * `new SimpleDateFormat()` with no pattern uses the locale's SHORT date and time style. On the
 * JDKs MI 4.4 runs on (11/17, CLDR data) that is this pattern for en_US.
 */
export const DEFAULT_SYSTEM_DATE_PATTERN = 'M/d/yy, h:mm a';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Built once: Intl formatters are costly to create and only `z` needs one.
const zoneNames = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((d.getTime() - start.getTime()) / 86_400_000) + 1;
}

/** The UTC offset in minutes, east positive (JS's getTimezoneOffset is west positive). */
function offsetMinutes(d: Date): number {
  return -d.getTimezoneOffset();
}

function rfc822Zone(d: Date, colon: boolean): string {
  const off = offsetMinutes(d);
  const abs = Math.abs(off);
  return `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function isoZone(d: Date, count: number): string {
  const off = offsetMinutes(d);
  if (off === 0) return 'Z';
  if (count === 1) return `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60), 2)}`;
  return rfc822Zone(d, count >= 3);
}

function shortZone(d: Date): string {
  return zoneNames.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? rfc822Zone(d, true);
}

/** The formatter for a run of `count` copies of pattern letter `letter`. */
function field(letter: string, count: number): DateFormatter {
  switch (letter) {
    case 'G':
      return (d) => (d.getFullYear() > 0 ? 'AD' : 'BC');
    case 'y':
    case 'Y': // week year: equal to the year except around New Year; close enough here
      return count === 2 ? (d) => pad(d.getFullYear() % 100, 2) : (d) => pad(d.getFullYear(), count);
    case 'M':
    case 'L':
      if (count >= 4) return (d) => MONTHS[d.getMonth()] ?? '';
      if (count === 3) return (d) => (MONTHS[d.getMonth()] ?? '').slice(0, 3);
      return (d) => pad(d.getMonth() + 1, count);
    case 'd':
      return (d) => pad(d.getDate(), count);
    case 'D':
      return (d) => pad(dayOfYear(d), count);
    case 'E':
      return count >= 4 ? (d) => DAYS[d.getDay()] ?? '' : (d) => (DAYS[d.getDay()] ?? '').slice(0, 3);
    case 'u':
      return (d) => pad(d.getDay() === 0 ? 7 : d.getDay(), count);
    case 'a':
      return (d) => (d.getHours() < 12 ? 'AM' : 'PM');
    case 'H':
      return (d) => pad(d.getHours(), count);
    case 'k':
      return (d) => pad(d.getHours() === 0 ? 24 : d.getHours(), count);
    case 'K':
      return (d) => pad(d.getHours() % 12, count);
    case 'h':
      return (d) => pad(d.getHours() % 12 === 0 ? 12 : d.getHours() % 12, count);
    case 'm':
      return (d) => pad(d.getMinutes(), count);
    case 's':
      return (d) => pad(d.getSeconds(), count);
    case 'S': // Java prints the milliseconds as a number, not as a fraction of a second
      return (d) => pad(d.getMilliseconds(), count);
    case 'z':
      return shortZone;
    case 'Z':
      return (d) => rfc822Zone(d, false);
    case 'X':
      return (d) => isoZone(d, count);
    default:
      throw new Error(
        'wWF'.includes(letter)
          ? `pattern letter '${letter}' is not supported by Mediate`
          : `Illegal pattern character '${letter}'`,
      );
  }
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/**
 * Compiles a `SimpleDateFormat` pattern. Throws, as Java does, on a letter it does not know;
 * text in single quotes is literal and `''` is a quote.
 */
export function compileDateFormat(pattern: string): DateFormatter {
  const parts: (string | DateFormatter)[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      if (pattern.charAt(i + 1) === "'") {
        parts.push("'");
        i += 2;
        continue;
      }
      let text = '';
      i++;
      while (i < pattern.length) {
        if (pattern.charAt(i) === "'") {
          if (pattern.charAt(i + 1) !== "'") break;
          text += "'";
          i += 2;
        } else text += pattern.charAt(i++);
      }
      if (i >= pattern.length) throw new Error(`Unterminated quote in date pattern '${pattern}'`);
      parts.push(text);
      i++;
    } else if (isLetter(c)) {
      let count = 1;
      while (pattern.charAt(i + count) === c) count++;
      parts.push(field(c, count));
      i += count;
    } else {
      parts.push(c);
      i++;
    }
  }
  return (d) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p(d);
    return out;
  };
}
