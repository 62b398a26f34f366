import { type Locale, translate } from './locale/index.js';

/**
 * Dates and times in words, as a reader of the locale writes them: "4. desember 2026" and
 * "4. desember 2026, kl. 16.56" in Bokmål (Språkrådet: a full stop between hours and minutes),
 * "4 December 2026" and "4 December 2026, 16:56" in English. Month names come from the
 * runtime's Intl data; the patterns around them from the locale files.
 */

/** Where the gatherings are: the reports' times are Norwegian times unless told otherwise. */
export const REPORT_TIME_ZONE = 'Europe/Oslo';

const INTL_LOCALE: Record<Locale, string> = { nb: 'nb-NO', en: 'en-GB' };

/** A YYYY-MM-DD day ("4. desember 2026"); anything else is returned as it is. */
export function formatDay(locale: Locale, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  // Noon UTC, read in UTC: the same calendar day whatever the runtime's zone.
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return dayOf(locale, at, 'UTC');
}

/**
 * A moment ("4. desember 2026, kl. 16.56") in `timeZone` (the runtime's own when left out:
 * a browser shows its reader's time); '' for an unreadable one.
 */
export function formatMoment(
  locale: Locale,
  at: number | string | Date,
  timeZone?: string,
): string {
  const ms = new Date(at).getTime();
  if (!Number.isFinite(ms)) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return translate(locale, 'format.moment', {
    day: dayOf(locale, ms, timeZone),
    hour: part('hour'),
    minute: part('minute'),
  });
}

function dayOf(locale: Locale, ms: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}
