import { attributionDocId, ORIGIN_LOCAL, readAttribution, writeShapes } from '@torg/shared';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildReport } from '../src/export/report.js';
import { summaryText } from '../src/export/report-summary.js';
import { liveSource, readWorkshopData } from '../src/export/source.js';
import { parseCsv } from './csv.js';
import { connectClient, createWorkshop, sticky, waitFor, waitSynced } from './helpers.js';
import { sqliteServerPerFile } from './sqlite-server.js';

const t = sqliteServerPerFile();
const { api, clients } = t;

/**
 * A gathering whose every text is hostile (names, groups, title, phase, notes, comments),
 * exported through the real API: the CSV holds no live formula, the Markdown has only our
 * structure, the DOCX is well-formed XML and the PDF opens with the texts in it.
 */

const LONG_WORD = 'x'.repeat(5000);
/** Texts a spreadsheet would run as formulas. */
const FORMULAS = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(1)', '\t=1', '\r=1', '＝1'];
/** Texts that would become Markdown structure or HTML. */
const MARKUP = [
  'a\rb',
  'x\r# cr heading',
  '# heading',
  '~~~',
  '```',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '\u2028# h',
  '> quote\n<img src=x onerror=alert(1)>\n===',
];
/** Texts that break careless XML and PDF writers. */
const BINARY = [
  '\u0000\u0001\u000b',
  'half \ud800 emoji',
  'non\uFFFEchar\uFFFF',
  LONG_WORD,
  '🙂👍🏽',
  'مرحبا بالعالم',
];
const NOTES = [...FORMULAS, ...MARKUP, ...BINARY];

let workshopId: string;
let facilitator: string;
const files = new Map<string, Uint8Array>();

beforeAll(async () => {
  const ws = await createWorkshop(api, {
    title: '=HYPERLINK("http://x","y")',
    groups: ['+1+1', '# heading'],
  });
  workshopId = ws.workshopId;
  facilitator = ws.facilitator;
  const writer = await ws.join('@SUM(1)', 0);
  await ws.join('<script>alert(1)</script>', 0);
  await ws.join('-2+3', 1);
  await ws.join('＝1 مرحبا 🙂', 1);
  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: '~~~ @phase',
  });
  expect(phase.status).toBe(201);
  const board = (phase.body.boardIds as string[])[0] ?? '';

  // Every hostile text as a note, written over a participant's own connection.
  const client = connectClient(t.server, board, new Y.Doc(), { token: writer.token });
  clients.push(client);
  await waitSynced(client);
  const ids = NOTES.map((_, i) => `hostile${i}`);
  writeShapes(
    client.doc,
    NOTES.map((text, i) => ({ ...sticky(ids[i] ?? '', text), x: i * 230 })),
    ORIGIN_LOCAL,
  );
  await waitFor(async () => {
    const room = await t.server.registry.acquire(attributionDocId(board));
    try {
      const rec = readAttribution(room.doc);
      return ids.every((id) => rec.has(id));
    } finally {
      t.server.registry.release(room);
    }
  }, 'the notes reach the server');

  // And as comments (the facilitator may comment outside market rounds).
  for (const [i, text] of [...FORMULAS, ...MARKUP, ...BINARY.slice(0, 2)].entries()) {
    const r = await api('POST', `/workshops/${workshopId}/boards/${board}/comments`, facilitator, {
      kind: 'comment',
      text,
      pin: { shapeId: ids[i] },
    });
    expect(r.status).toBe(201);
  }

  for (const format of ['csv', 'md', 'docx', 'pdf'] as const)
    files.set(format, await exported(format));
}, 60_000);

/** One export through the real API: started, followed until done, downloaded. */
async function exported(format: string): Promise<Uint8Array> {
  const started = await api('POST', `/workshops/${workshopId}/exports`, facilitator, { format });
  expect(started.status).toBe(202);
  const jobId = (started.body.job as { id: string }).id;
  await waitFor(
    async () => {
      const r = await api('GET', `/workshops/${workshopId}/exports/${jobId}`, facilitator);
      const state = (r.body.job as { state: string }).state;
      if (state === 'failed') throw new Error(`${format} export failed: ${JSON.stringify(r.body)}`);
      return state === 'done';
    },
    `the ${format} export`,
    30_000,
  );
  const res = await fetch(`${t.base}/api/workshops/${workshopId}/exports/${jobId}/download`, {
    headers: { authorization: `Bearer ${facilitator}` },
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** The file as text, a byte-order mark kept (TextDecoder drops it by default). */
const text = (format: string) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.get(format));

/** What Excel would start a formula with (after whitespace; full-width forms fold to ASCII). */
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r＝＋－＠]/;

describe('CSV', () => {
  it('has no cell a spreadsheet would run as a formula; each hostile text is there, as text', () => {
    const csv = text('csv');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    const width = rows[0]?.length ?? 0;
    expect(width).toBe(13);
    for (const row of rows) {
      expect(row).toHaveLength(width);
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(FORMULA_START);
    }
    const cells = rows.flat();
    // Neutralised as OWASP says: a leading apostrophe, the rest exactly as typed.
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
    expect(cells).toContain(`'=HYPERLINK("http://x","y")`); // the title, on every row
    expect(cells).toContain(`'+1+1`); // a group
    expect(cells).toContain(`'@SUM(1)`); // the author
    for (const m of [...MARKUP, LONG_WORD, 'مرحبا بالعالم']) expect(cells).toContain(m);
  });

  it('keeps the numbers we write as numbers', () => {
    const csv = text('csv');
    // Votes and comment counts: bare digits, not quoted (then the template-example mark).
    const lines = csv.split('\r\n').slice(1).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(NOTES.length);
    const counted = lines.filter((l) => /,\d+,\d+,("[^"]*")?$/.test(l));
    expect(counted.length).toBeGreaterThanOrEqual(NOTES.length);
  });
});

describe('Markdown', () => {
  let md: string;
  let lines: string[];
  beforeAll(() => {
    md = text('md');
    // Line endings as CommonMark knows them: a lone CR ends a line too.
    lines = md.split(/\r\n|\r|\n/);
  });

  it('has exactly our headings: no hostile text became one', async () => {
    const data = await readWorkshopData(liveSource(t.server.registry, t.storage), workshopId);
    if (!data) throw new Error('no workshop data');
    const report = buildReport(data, { anonymise: false, locale: 'nb' });
    const summary = summaryText(report).blocks.length;
    const expected =
      3 + // title, summary, groups
      summary +
      (report.phases.length > 0 ? 1 : 0) +
      (report.market ? 1 : 0) +
      report.boards.reduce(
        (n, b) =>
          n +
          3 + // the board, its content, its feedback
          b.sections.length +
          b.feedback.length +
          (b.plusOnes.length > 0 ? 1 : 0),
        0,
      ) +
      1 + // votes
      report.votes.reduce((n, v) => n + 1 + v.boards.length, 0);
    const headings = lines.filter((l) => /^ {0,3}#{1,6}(\s|$)/.test(l));
    expect(headings).toHaveLength(expected);
    expect(headings.filter((h) => h.startsWith('# '))).toEqual([lines[0]]);
  });

  it('no line opens a fence, quote, HTML block, table, link definition or setext heading', () => {
    // The content column of the list item a line may continue (0 outside a list).
    let column = 0;
    for (const line of lines) {
      const item = /^( *)- /.exec(line);
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      if (item) column = (item[1]?.length ?? 0) + 2;
      else if (line.trim() === '') column = 0;
      // Deeper than its item's content would be an indented code block.
      else expect(indent, line).toBeLessThanOrEqual(column);
      const start = line.replace(/^ +/, '');
      expect(start, line).not.toMatch(/^(~~~|```|>|<|\[|\||=|\+ |\* |_)/);
      // Our lists start with "- "; a hostile "-2+3" is escaped.
      if (start.startsWith('-')) expect(start, line).toMatch(/^- (\S|$)/);
    }
  });

  it('shows raw HTML and links as text', () => {
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).not.toMatch(/[^\\]\]\(javascript:/);
    expect(md).toContain('\\[x\\](javascript:alert(1))');
  });

  it('keeps every kind of line break as content, never as a new block', () => {
    // "a\rb": one item, two lines (a hard break), the second indented as a continuation.
    expect(md).toContain('- a  \n  b');
    expect(md).toContain('- \\# h'); // "\u2028# h": the empty first line dropped
    // biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and controls are exactly what this is about
    expect(md).not.toMatch(/[\r\u2028\u2029\u0085\u000B\u000C\u0000\u0001]/);
    expect(md).toContain(LONG_WORD);
  });
});

/** Characters XML 1.0 does not allow, and lone surrogates. */
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding exactly these is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A strict-enough well-formedness check (no XML parser is a dependency): allowed characters,
 * known entities only, every start tag closed in order, one root, nothing outside it.
 */
function checkXml(xml: string): string[] {
  expect(xml).not.toMatch(XML_FORBIDDEN);
  const stack: string[] = [];
  const texts: string[] = [];
  let roots = 0;
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, close, name, , selfClose, chars, stray] = m;
    if (stray) throw new Error(`stray "<" at ${m.index}`);
    if (chars !== undefined) {
      if (stack.length === 0 && chars.trim() !== '') throw new Error('text outside the root');
      for (const ref of chars.matchAll(/&([^;]*);?/g))
        if (
          !/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(ref[1] ?? '') ||
          !ref[0].endsWith(';')
        )
          throw new Error(`bad entity ${ref[0]}`);
      texts.push(chars);
      continue;
    }
    if (!name) continue;
    if (close) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)}>`);
  expect(roots).toBe(1);
  return texts;
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('DOCX', () => {
  it('unzips, every XML part is well-formed, and the hostile texts are text in it', async () => {
    const zip = await JSZip.loadAsync(files.get('docx') ?? new Uint8Array());
    const parts = Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    expect(parts).toContain('word/document.xml');
    let body = '';
    for (const name of parts) {
      const xml = (await zip.file(name)?.async('string')) ?? '';
      const texts = checkXml(xml);
      if (name === 'word/document.xml') body = decodeXml(texts.join(''));
    }
    for (const t of [...FORMULAS.slice(0, 4), '<script>alert(1)</script>', '# heading', LONG_WORD])
      expect(body).toContain(t);
    expect(body).toContain('مرحبا بالعالم');
    expect(body).toContain('🙂👍🏽');
    expect(body).toContain('half \uFFFD emoji');
  });
});

describe('PDF', () => {
  it('opens with pdf.js and holds the texts, whatever they were', async () => {
    const doc = await getDocument({
      data: new Uint8Array(files.get('pdf') ?? []),
      useSystemFonts: false,
    }).promise;
    let all = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      all += `${content.items.map((item) => ('str' in item ? item.str : '')).join('')}\n`;
    }
    await doc.destroy();
    const flat = all.replace(/\s+/g, '');
    for (const t of [
      '=HYPERLINK("http://x","y")',
      '@SUM(1)',
      '<script>alert(1)</script>',
      '#heading',
    ])
      expect(flat).toContain(t);
    // The long word is broken across lines, but all of it is there.
    expect((all.match(/x/g) ?? []).length).toBeGreaterThanOrEqual(LONG_WORD.length);
  });
});
