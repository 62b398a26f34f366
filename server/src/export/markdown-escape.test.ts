import { describe, expect, it } from 'vitest';
import { escapeMarkdown, inertLines, markdownLines } from './markdown-escape.js';

const HOSTILE = [
  '# heading',
  '  ## indented heading',
  '~~~',
  '```js',
  '> quote',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '---',
  '***',
  '___',
  '===',
  '| a | b |',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![img](http://x/a.png)',
  '[ref]: http://evil.example',
  '<http://x>',
  '&lt;b&gt; &#60;',
  '*em* _em_ **strong** `code` ~~del~~',
  '    indented code',
  '\ttabbed',
  'back\\slash\\',
];

const BREAKS = ['\r\n', '\r', '\n', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C'];

/** What a line can open a block with, once its leading spaces are skipped. */
const BLOCK_START = /^ {0,3}([#>*+=_`~|<[-]|\d+[.)]| {4})/;
/** An inline markup character without a backslash before it. */
const UNESCAPED = /(^|[^\\])(\\\\)*[`*_~[\]<>&|#]/;

/** The text a renderer shows: backslash escapes undone, no-break spaces as spaces. */
const shown = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u00A0/g, ' ');

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('%j stays one line of plain text', (text) => {
    const out = escapeMarkdown(text);
    expect(out).not.toMatch(/[\r\n]/);
    expect(out).not.toMatch(BLOCK_START);
    expect(out).not.toMatch(UNESCAPED);
    expect(shown(out)).toBe(text.trim().replace(/\t/g, ' '));
  });

  it.each(BREAKS)('a %j line break becomes a space, never a new block', (br) => {
    for (const text of HOSTILE) {
      const out = escapeMarkdown(`first${br}${text}`);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and controls are exactly what this is about
      expect(out).not.toMatch(/[\r\n\u2028\u2029\u0085\u000B\u000C]/);
      expect(shown(out)).toBe(`first ${text.trim().replace(/\t/g, ' ')}`);
    }
  });

  it('drops control characters and mends lone surrogates; emoji and Arabic stay', () => {
    expect(escapeMarkdown('a\u0000b\u0001c\u007Fd\u009Be')).toBe('abcde');
    expect(escapeMarkdown('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeMarkdown('🙂 مرحبا')).toBe('🙂 مرحبا');
  });
});

describe('markdownLines', () => {
  it.each(BREAKS)('keeps %j-separated lines as continuation lines of one block', (br) => {
    const text = HOSTILE.join(br);
    const out = markdownLines(text, '  ');
    const lines = out.split('\n');
    expect(lines).toHaveLength(HOSTILE.length);
    lines.forEach((line, i) => {
      // Every continuation starts at the item's content column, and then with plain text.
      const content = i === 0 ? line : line.slice(2);
      if (i > 0) expect(line.startsWith('  ')).toBe(true);
      expect(content).not.toMatch(BLOCK_START);
      expect(content).not.toMatch(UNESCAPED);
      // Hard breaks (two trailing spaces) on all but the last.
      if (i < lines.length - 1) expect(line.endsWith('  ')).toBe(true);
    });
    expect(lines.map((l) => shown(l).trim())).toEqual(
      HOSTILE.map((h) => h.replace(/\t/g, ' ').trim()),
    );
  });

  it('leaves blank lines out (one would end a list item) and keeps indentation visible', () => {
    expect(inertLines('a\n\n\r\n   \nb')).toEqual(['a', 'b']);
    expect(markdownLines('x\n      deep')).toBe('x  \n  \u00A0\u00A0\u00A0\u00A0\u00A0\u00A0deep');
  });

  it('escapes list numbers and setext underlines at a line start only', () => {
    expect(markdownLines('1. a\n10) b\n=== \n- c\nx-y 2. z')).toBe(
      '1\\. a  \n  10\\) b  \n  \\===  \n  \\- c  \n  x-y 2. z',
    );
  });
});
