/**
 * Text people typed, made safe for the binary export formats: whatever they type (control
 * characters, a lone half of an emoji, a line separator), a DOCX stays well-formed XML and a
 * PDF renders without throwing.
 */

/** Every kind of line break a person may have typed or pasted. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and controls are exactly what this is about
const LINE_BREAKS = /\r\n|[\r\u000B\u000C\u0085\u2028\u2029]/g;

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) and the C1
 * controls, which are allowed but render as nothing or as garbage.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly these is the point
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/**
 * One text for a DOCX or a PDF: every line break as `\n`, tab as a space, controls and
 * forbidden characters removed, a lone surrogate as U+FFFD (the replacement character).
 */
export function safeText(text: string): string {
  return text
    .replace(LINE_BREAKS, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(LONE_SURROGATE, '\uFFFD');
}

/** `value` with `f` applied to every string in it (plain objects and arrays, deeply). */
export function mapStrings<T>(value: T, f: (text: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out as T;
  }
  return value;
}
