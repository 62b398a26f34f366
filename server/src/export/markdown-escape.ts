/**
 * Text people typed, made inert for Markdown (CommonMark and GitHub's tables): it can never
 * become structure (a heading, list, quote, table, code fence, HTML, link or link reference
 * definition, thematic break, setext underline) nor inline markup (emphasis, code, links,
 * images, autolinks, entities, raw HTML such as `<script>` or `<img onerror>`).
 */

/** Every kind of line break a renderer or editor may honour. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and controls are exactly what this is about
const LINE_BREAK = /\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/;

/**
 * Characters that render nothing and can confuse a reader or a parser: C0 and C1 controls
 * (the line breaks above are split off first, tab becomes a space) and lone surrogates.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly these is the point
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Inline markup anywhere in a line: backslash, emphasis (`*`, `_`, `~`), code spans and
 * fences (`` ` ``, `~`), links, images and link definitions (`[`, `]`), raw HTML and
 * autolinks (`<`, `>`), entities (`&`), table cells (`|`), headings (`#`). CommonMark lets
 * any ASCII punctuation be escaped with a backslash, and the escape renders as the character
 * itself. `!`, `(` and `)` stay as typed (common in notes, and readable in the raw file): an
 * image needs `![`, a link `](`, and the brackets are escaped.
 */
const INLINE = /[\\`*_~[\]<>&|#]/g;

/**
 * What may open a block at the start of a line besides the characters above: a list
 * (`-`, `+`, `1.` or `1)`), a setext heading underline or thematic break (`=`, `-`), a
 * quote (`>`, escaped anyway).
 */
const LINE_START = /^([-+=]|\d+[.)])/;

/** One line of text, made inert; leading spaces kept as no-break spaces (no code block). */
function inertLine(line: string): string {
  const text = line.replace(/\t/g, ' ').replace(INVISIBLE, '').replace(LONE_SURROGATE, '\uFFFD');
  const indent = /^ */.exec(text)?.[0].length ?? 0;
  const body = text
    .slice(indent)
    .replace(INLINE, '\\$&')
    .replace(LINE_START, (m) => (/^\d/.test(m) ? `${m.slice(0, -1)}\\${m.slice(-1)}` : `\\${m}`));
  return '\u00A0'.repeat(indent) + body;
}

/**
 * The lines of a text, each made inert, with blank lines left out (inside a list item a
 * blank line would end it). Join them with `markdownLines`' hard breaks, or use them alone.
 */
export function inertLines(text: string, keepIndent = true): string[] {
  return text
    .trim()
    .split(LINE_BREAK)
    .map((line) => inertLine(keepIndent ? line.trimEnd() : line.trim()))
    .filter((line) => line.trim() !== '');
}

/**
 * A text for one line of Markdown (a heading, a table cell, a name after a label): every line
 * break becomes a space.
 */
export function escapeMarkdown(text: string): string {
  return inertLines(text, false).join(' ');
}

/**
 * A text that may span lines, for a paragraph or a list item: its lines stay lines (hard
 * breaks), each continuation indented by `indent` (the list item's content column), so each
 * is a continuation of the same block and none can open a block of its own.
 */
export function markdownLines(text: string, indent = '  '): string {
  return inertLines(text).join(`  \n${indent}`);
}
