import { LOCALE_NAMES, type Locale } from './locale/messages.js';

/**
 * Dates and times in words, as a reader of the locale writes them: "4. desember 2026" and
 * "4. desember 2026, kl. 16.56" in Bokmål and Nynorsk (Språkrådet: a full stop between hours and
 * minutes),
 * "4 December 2026" and "4 December 2026, 16:56" in English. Month names come from the
 * runtime's Intl data; the pattern around a moment's parts is the locale files' `format.moment`
 * (filled by the caller's own translator: this module holds no language, so a browser's first
 * load does not get them all).
 */

/** Where the gatherings are: the reports' times are Norwegian times unless told otherwise. */
export const REPORT_TIME_ZONE = 'Europe/Oslo';

/** A YYYY-MM-DD day ("4. desember 2026"); anything else is returned as it is. */
export function formatDay(locale: Locale, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  // Noon UTC, read in UTC: the same calendar day whatever the runtime's zone.
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return dayOf(locale, at, 'UTC');
}

/**
 * A moment's parts for the `format.moment` message ("{day}, kl. {hour}.{minute}"): the day in
 * words and the hour and minute as two digits, in `timeZone` (the runtime's own when left out:
 * a browser shows its reader's time); null for an unreadable moment.
 */
export function momentParts(
  locale: Locale,
  at: number | string | Date,
  timeZone?: string,
): { day: string; hour: string; minute: string } | null {
  const ms = new Date(at).getTime();
  if (!Number.isFinite(ms)) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: dayOf(locale, ms, timeZone), hour: part('hour'), minute: part('minute') };
}

function dayOf(locale: Locale, ms: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(LOCALE_NAMES[locale].tag, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

/** The calendar day (YYYY-MM-DD) of a moment in `timeZone`. */
export function isoDay(at: number, timeZone: string): string {
  // en-CA writes a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).format(at);
}
