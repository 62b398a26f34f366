import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportCsv } from '../src/export/csv.js';
import { reportDocx } from '../src/export/docx.js';
import { reportMarkdown } from '../src/export/markdown.js';
import { buildReport, nameMap, type Report } from '../src/export/report.js';
import { reportPdf } from '../src/export/report-pdf.js';
import { liveSource, readWorkshopData, type WorkshopData } from '../src/export/source.js';
import { parseCsv } from './csv.js';
import { buildRichWorkshop, REAL_NAMES, type World } from './rich-workshop.js';
import { sqliteServerPerFile } from './sqlite-server.js';

const t = sqliteServerPerFile();
const { clients } = t;

let w: World;

let data: WorkshopData;
let report: Report;
let anonymous: Report;

beforeAll(async () => {
  w = await buildRichWorkshop(t.server, clients);
  const read = await readWorkshopData(liveSource(t.server.registry, t.storage), w.workshopId);
  if (!read) throw new Error('no workshop');
  data = read;
  report = buildReport(data, { anonymise: false, locale: 'nb' });
  anonymous = buildReport(data, { anonymise: true, locale: 'nb' });
});

/** Each paragraph of a Word document: its style and its text. */
function paragraphs(xml: string): { style: string | null; text: string }[] {
  const out: { style: string | null; text: string }[] = [];
  for (const m of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null;
    const text = [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : (t[1] ?? '')))
      .join('')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    out.push({ style, text });
  }
  return out;
}

async function docxFiles(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const f = zip.file(name);
    if (f) out.set(name, await f.async('string'));
  }
  return out;
}

describe('the workshop report', () => {
  it('has the cover facts, groups with their members in join order, and the phase', () => {
    expect(report).toMatchObject({
      title: 'Fremtidsverksted i Ås',
      date: '2026-11-23',
      anonymised: false,
      facilitators: ['Frida Fasilitatorsen'],
      observers: ['Pål Politikersen'],
      groups: [
        { name: 'Gruppe Nord', members: ['Åsmund Lie', 'Kari Nordmann'] },
        { name: 'Gruppe Sør', members: ['Bjørn Sæther', 'Ola Hansen'] },
      ],
      phases: [{ name: 'Fremtidsreise', template: 'future', boardIds: w.boards }],
    });
    expect(report.market?.rounds).toEqual([
      {
        round: 0,
        label: 'Runde 1',
        visits: [
          { group: 'Gruppe Nord', host: 'Gruppe Sør' },
          { group: 'Gruppe Sør', host: 'Gruppe Nord' },
        ],
      },
    ]);
    expect(report.market?.hosts).toEqual([{ group: 'Gruppe Nord', name: 'Kari Nordmann' }]);
    expect(report.boards.map((b) => [b.name, b.groupName, b.phaseName])).toEqual([
      [w.boardNames[0], 'Gruppe Nord', 'Fremtidsreise'],
      [w.boardNames[1], 'Gruppe Sør', 'Fremtidsreise'],
    ]);
  });

  it('lists each board by template section, the loose note under «Øvrig»', () => {
    const [nord, sor] = report.boards;
    const titles = nord?.sections.map((s) => s.title);
    expect(titles?.slice(0, 5)).toEqual([
      'Store linjer / trender',
      'Fremtidsbildet 2035',
      'Hva betyr det for oss?',
      'Hva må vi gjøre?',
      'Hvem må med?',
    ]);
    const items = (b: typeof nord, title: string) =>
      b?.sections.find((s) => s.title === title)?.items.map((i) => i.text);
    // Only what the group wrote: the template's suggested trends are examples until a person
    // changes one (Sør changed "Digitalisering"; Nord none).
    expect(items(nord, 'Store linjer / trender')).toEqual(['Flere eldre på øyene']);
    expect([...(items(sor, 'Store linjer / trender') ?? [])].sort()).toEqual(
      ['Digitalisering av skolen', 'Færre yrkesaktive, "mange" pendlere'].sort(),
    );
    // They stay in the objects (the CSV), marked.
    const prefilled = (b: typeof nord) =>
      b?.objects.filter((o) => o.prefilled).map((o) => o.text) ?? [];
    expect(prefilled(nord)).toEqual([
      'Befolkningsvekst',
      'Flere eldre',
      'Innsparing og omstilling',
      'Digitalisering',
    ]);
    expect(prefilled(sor)).toEqual(['Befolkningsvekst', 'Flere eldre', 'Innsparing og omstilling']);
    expect(sor?.objects.find((o) => o.text === 'Digitalisering av skolen')?.author).toBe('');
    expect(items(nord, 'Fremtidsbildet 2035')).toEqual(['Trygghet, nærhet og mestring']);
    expect(items(nord, 'Hva må vi gjøre?')).toContain('Velferdsteknologi i hver kommunedel');
    // The accepted suggestion became a sticky on the board.
    expect(nord?.objects.some((o) => o.text.startsWith(w.accepted.text))).toBe(true);
    expect(items(sor, 'Hva må vi gjøre?')).toEqual(['Samarbeid med frivillige, lag og foreninger']);
    const other = sor?.sections.at(-1);
    expect(other?.key).toBeNull();
    expect(other?.title).toBe('Øvrig');
    expect(other?.items.map((i) => i.text)).toContain('Løs lapp: spør ungdomsrådet');
    // The template's column headings and title are furniture: not content (they were listed
    // here under «Øvrig» before they were marked).
    expect(other?.items.map((i) => i.text)).not.toContain('I dag');
    expect(other?.items.map((i) => i.text)).not.toContain('2035');
    expect(sor?.objects.some((o) => o.text === 'I dag' || o.text === 'Hvem må med?')).toBe(false);
  });

  it('gives every object its author, times, +1, dots and feedback count', () => {
    const nord = report.boards[0];
    const row = (id: string) => nord?.objects.find((o) => o.id === id);
    expect(row('nordTrend')).toMatchObject({
      type: 'sticky',
      typeLabel: 'Lapp',
      section: 'Store linjer / trender',
      sectionKey: 'future.trends',
      author: 'Åsmund Lie',
      plusOnes: 1,
      votes: 0,
    });
    expect(row('nordTrend')?.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row('nordVision')).toMatchObject({ author: 'Kari Nordmann', votes: 1, comments: 1 });
    expect(row('nordAct')).toMatchObject({ votes: 2, votesAll: 2, comments: 1 });
    // Template objects: made by the server, no author.
    const trend = nord?.objects.find((o) => o.text === 'Befolkningsvekst');
    expect(trend?.author).toBe('');
    expect(nord?.plusOnes).toEqual([
      { shapeId: 'nordTrend', text: 'Flere eldre på øyene', count: 1 },
    ]);
  });

  it('has the market-square feedback by round and visiting group, with status and replies', () => {
    const [nord, sor] = report.boards;
    expect(nord?.feedback).toHaveLength(1);
    const round = nord?.feedback[0];
    expect(round?.label).toBe('Runde 1');
    expect(round?.groups.map((g) => g.label)).toEqual(['Fra Gruppe Sør']);
    const comments = round?.groups[0]?.comments ?? [];
    expect(comments.map((c) => [c.kindLabel, c.text, c.author, c.status, c.statusLabel])).toEqual([
      ['Forslag', 'Ta med pårørende', 'Bjørn Sæther', 'accepted', 'godtatt'],
      ['Forslag', 'Hva med økonomien?', 'Ola Hansen', 'resolved', 'løst'],
      ['Kommentar', 'Godt arbeid, særlig «mestring»!', 'Bjørn Sæther', 'open', 'åpen'],
    ]);
    expect(comments[0]).toMatchObject({
      proposal: 'Pårørendeskole på nett',
      pinnedTo: { shapeId: 'nordAct', text: 'Velferdsteknologi i hver kommunedel' },
    });
    expect(comments[2]?.replies.map((r) => [r.author, r.text])).toEqual([
      ['Åsmund Lie', 'Takk, vi tar det med oss'],
    ]);
    expect(sor?.feedback.map((r) => [r.round, r.label, r.groups.map((g) => g.label)])).toEqual([
      [null, 'Utenfor torgmøterundene', ['Fra fasilitator']],
    ]);
  });

  it('has the vote results per board, most dots first, with totals', () => {
    expect(report.votes).toHaveLength(1);
    const v = report.votes[0];
    expect(v).toMatchObject({
      current: true,
      label: 'Gjeldende avstemning',
      state: 'closed',
      total: 6,
    });
    expect(v?.dotsPerPerson).toBe(3);
    // The board names already say the group: not twice.
    expect(v?.boards.map((b) => b.title)).toEqual(w.boardNames);
    expect(
      v?.boards.map((b) => [b.groupName, b.total, b.items.map((i) => [i.text, i.dots])]),
    ).toEqual([
      [
        'Gruppe Nord',
        3,
        [
          ['Velferdsteknologi i hver kommunedel', 2],
          ['Trygghet, nærhet og mestring', 1],
        ],
      ],
      ['Gruppe Sør', 3, [['Samarbeid med frivillige, lag og foreninger', 3]]],
    ]);
  });

  it('anonymises every name the same way everywhere, group by group in join order', () => {
    expect(anonymous.groups.map((g) => g.members)).toEqual([
      ['Deltaker 1', 'Deltaker 2'],
      ['Deltaker 3', 'Deltaker 4'],
    ]);
    expect(anonymous.facilitators).toEqual(['Deltaker 5']);
    expect(anonymous.observers).toEqual(['Deltaker 6']);
    expect(anonymous.market?.hosts).toEqual([{ group: 'Gruppe Nord', name: 'Deltaker 2' }]);
    const comments = anonymous.boards[0]?.feedback[0]?.groups[0]?.comments ?? [];
    expect(comments.map((c) => c.author)).toEqual(['Deltaker 3', 'Deltaker 4', 'Deltaker 3']);
    expect(comments[2]?.replies[0]?.author).toBe('Deltaker 1');
    expect(anonymous.boards[0]?.objects.find((o) => o.id === 'nordVision')?.author).toBe(
      'Deltaker 2',
    );
    const names = nameMap(data.state, true, 'en');
    expect([names(w.kari.id), names(w.facilitator.id), names(null)]).toEqual([
      'Participant 2',
      'Participant 5',
      '',
    ]);
    expect(nameMap(data.state, false, 'nb')(w.ola.id)).toBe('Ola Hansen');
    const json = JSON.stringify(anonymous);
    for (const name of REAL_NAMES) expect(json, name).not.toContain(name);
  });

  it('sums the gathering up: who took part, the most dots, accepted suggestions, conclusions', () => {
    const { summary } = report;
    // Four participants in two groups; the observer and the facilitator are not counted.
    expect(summary.participants).toBe(4);
    expect(summary.voteLabel).toBe('Gjeldende avstemning');
    const [nordName, sorName] = w.boardNames;
    expect(summary.topVoted).toEqual([
      { text: 'Samarbeid med frivillige, lag og foreninger', dots: 3, board: sorName },
      { text: 'Velferdsteknologi i hver kommunedel', dots: 2, board: nordName },
      { text: 'Trygghet, nærhet og mestring', dots: 1, board: nordName },
    ]);
    expect(summary.accepted).toEqual([
      {
        from: 'Gruppe Sør',
        author: 'Bjørn Sæther',
        to: 'Gruppe Nord',
        board: nordName,
        text: 'Pårørendeskole på nett',
      },
    ]);
    // The future picture first, then what must be done; board by board.
    const nord = summary.conclusions.find((c) => c.board === nordName);
    expect(nord?.sections.map((s) => s.title)).toEqual(['Fremtidsbildet 2035', 'Hva må vi gjøre?']);
    expect(nord?.sections[0]?.items).toEqual(['Trygghet, nærhet og mestring']);
    expect(nord?.sections[1]?.items).toContain('Velferdsteknologi i hver kommunedel');
    const sor = summary.conclusions.find((c) => c.board === sorName);
    expect(sor?.sections).toEqual([
      { title: 'Hva må vi gjøre?', items: ['Samarbeid med frivillige, lag og foreninger'] },
    ]);
    // In the Markdown, right after the cover facts and before the groups.
    const md = reportMarkdown(report);
    const at = (text: string) => md.indexOf(text);
    expect(at('## Sammendrag')).toBeGreaterThan(0);
    expect(at('## Sammendrag')).toBeLessThan(at('## Grupper'));
    expect(md).toContain('- Deltakere: 4');
    expect(md).toContain(`1. Samarbeid med frivillige, lag og foreninger – 3 prikker (${sorName})`);
    expect(md).toContain(`3. Trygghet, nærhet og mestring – 1 prikk (${nordName})`);
    expect(md).toContain(
      '- Gruppe Sør (Bjørn Sæther) foreslo for Gruppe Nord: «Pårørendeskole på nett»',
    );
    expect(md).toContain(`#### ${nordName}: Fremtidsbildet 2035`);
  });

  it('writes its dates as a reader of its language does, in Norwegian time', () => {
    // 15:56 UTC on 4 December is 16:56 in Norway.
    const at = Date.UTC(2026, 11, 4, 15, 56, 27);
    const nb = reportMarkdown(buildReport(data, { anonymise: false, locale: 'nb', now: at }));
    expect(nb).toContain('- **Dato:** 23. november 2026');
    expect(nb).toContain('- **Eksportert:** 4. desember 2026, kl. 16.56');
    const en = reportMarkdown(buildReport(data, { anonymise: false, locale: 'en', now: at }));
    expect(en).toContain('- **Date:** 23 November 2026');
    expect(en).toContain('- **Exported:** 4 December 2026, 16:56');
    expect(`${nb}${en}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('speaks English when asked', () => {
    const en = buildReport(data, { anonymise: false, locale: 'en' });
    expect(en.boards[0]?.feedback[0]?.label).toBe('Round 1');
    expect(en.boards[1]?.sections.at(-1)?.title).toBe('Other');
    expect(en.votes[0]?.label).toBe('Current vote');
  });
});

describe('CSV', () => {
  it('parses back to one row per object, with a BOM, CRLF and æøå intact', () => {
    const csv = reportCsv(report);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(rows[0]).toEqual([
      'Samling',
      'Gruppe',
      'Tavle',
      'Fase',
      'Seksjon',
      'Type',
      'Tekst',
      'Laget av',
      'Opprettet',
      'Sist endret',
      'Prikker (gjeldende avstemning)',
      'Tilbakemeldinger på objektet',
      'Eksempel fra malen, uendret',
    ]);
    const expected = report.boards.flatMap((b) =>
      b.objects.map((o) => [
        report.title,
        b.groupName,
        b.name,
        b.phaseName,
        o.section,
        o.typeLabel,
        o.text,
        o.author,
        o.created ?? '',
        o.updated ?? '',
        String(o.votes),
        String(o.comments),
        o.prefilled ? 'ja' : '',
      ]),
    );
    expect(rows.slice(1)).toEqual(expected);
    const byText = (text: string) => rows.find((r) => r[6] === text);
    for (const s of w.stickies) {
      const r = byText(s.text);
      expect(r, s.text).toBeDefined();
      expect(r?.[4], s.text).toBe(s.section);
    }
    // Commas and quotes survive the round trip; so do line breaks (the accepted suggestion).
    expect(byText('Færre yrkesaktive, "mange" pendlere')).toMatchObject({
      1: 'Gruppe Sør',
      5: 'Lapp',
      7: 'Bjørn Sæther',
    });
    expect(rows.some((r) => r[6]?.startsWith(`${w.accepted.text}\n`))).toBe(true);
    expect(byText('Velferdsteknologi i hver kommunedel')?.slice(10)).toEqual(['2', '1', '']);
    // The template's examples nobody changed are marked as such.
    expect(byText('Befolkningsvekst')?.[12]).toBe('ja');
  });

  it('says in English what it holds when the report is English', () => {
    const rows = parseCsv(
      reportCsv(buildReport(data, { anonymise: false, locale: 'en' })).slice(1),
    );
    expect(rows[0]?.[10]).toBe('Dots (current vote)');
    expect(rows.find((r) => r[6] === 'Flere eldre på øyene')?.[5]).toBe('Sticky note');
  });
});

describe('Markdown', () => {
  it('has the title, every section title and every sticky text, the feedback and the votes', () => {
    const md = reportMarkdown(report);
    expect(md.startsWith('# Fremtidsverksted i Ås\n')).toBe(true);
    expect(md).toContain('- **Dato:** 23. november 2026');
    for (const name of w.boardNames) expect(md).toContain(`## ${name}`);
    for (const title of [
      'Store linjer / trender',
      'Hva betyr det for oss?',
      'Hva må vi gjøre?',
      'Hvem må med?',
      'Fremtidsbildet 2035',
      'Øvrig',
    ])
      expect(md).toContain(`#### ${title}`);
    for (const s of w.stickies) expect(md).toContain(`- ${s.text}`);
    expect(md).toContain('#### Runde 1');
    expect(md).toContain('**Fra Gruppe Sør**');
    expect(md).toContain('- **Forslag** (godtatt) – Bjørn Sæther: Ta med pårørende');
    expect(md).toContain('- **Forslag** (løst) – Ola Hansen: Hva med økonomien?');
    expect(md).toContain('- **Kommentar** (åpen) – Bjørn Sæther: Godt arbeid, særlig «mestring»!');
    expect(md).toContain('  - Svar – Åsmund Lie: Takk, vi tar det med oss');
    expect(md).toContain('## Prikkavstemning');
    expect(md).toContain('| Velferdsteknologi i hver kommunedel | 2 |');
    expect(md).toContain('6 prikker totalt');
  });
});

describe('Word', () => {
  it('opens as a .docx with real headings, every sticky as a bullet and a vote table', async () => {
    const bytes = await reportDocx(report);
    const files = await docxFiles(bytes);
    const xml = files.get('word/document.xml') ?? '';
    expect(xml).not.toBe('');
    const ps = paragraphs(xml);
    const styled = (style: string) => ps.filter((p) => p.style === style).map((p) => p.text);
    expect(styled('Heading1')).toEqual(['Fremtidsverksted i Ås']);
    expect(styled('Heading2')).toEqual([
      'Sammendrag',
      'Grupper',
      'Faser',
      'Torgmøte',
      ...w.boardNames,
      'Prikkavstemning',
    ]);
    expect(styled('Heading3')).toEqual(
      expect.arrayContaining([
        'Flest prikker (gjeldende avstemning)',
        'Godtatte forslag',
        'Det gruppene kom fram til',
        'Innholdet på tavla',
        'Tilbakemeldinger og forslag',
        'Gjeldende avstemning',
      ]),
    );
    expect(styled('Heading4')).toEqual(
      expect.arrayContaining(['Store linjer / trender', 'Hva må vi gjøre?', 'Øvrig', 'Runde 1']),
    );
    const texts = ps.map((p) => p.text);
    for (const s of w.stickies) expect(texts, s.text).toContain(s.text);
    // Bullets are list paragraphs.
    const bullet = xml.match(/<w:p[ >](?:(?!<\/w:p>)[\s\S])*Flere eldre på øyene/)?.[0] ?? '';
    expect(bullet).toContain('<w:numPr>');
    expect(xml).toContain('<w:tbl>');
    expect(texts).toContain('Velferdsteknologi i hver kommunedel');
    expect(files.get('docProps/core.xml')).toContain('Fremtidsverksted i Ås');
  });
});

describe('anonymised exports', () => {
  it('leave no real name in the CSV, the Markdown or the Word document', async () => {
    const csv = reportCsv(anonymous);
    const md = reportMarkdown(anonymous);
    const files = await docxFiles(await reportDocx(anonymous));
    expect(md).toContain('Deltaker 1');
    expect(csv).toContain('Deltaker 1');
    expect(files.get('word/document.xml')).toContain('Deltaker 1');
    for (const name of REAL_NAMES) {
      expect(csv, name).not.toContain(name);
      expect(md, name).not.toContain(name);
      for (const [file, text] of files) expect(text, `${name} in ${file}`).not.toContain(name);
    }
    // Without anonymising, they are there.
    const plain = reportMarkdown(report);
    for (const name of REAL_NAMES) expect(plain, name).toContain(name);
  });
});

describe("the PDF report's text", () => {
  // What a reader of the report gets, word for word, compared with a file a person has read
  // (`UPDATE_GOLDEN=1` writes it anew; then read the difference before committing it). The
  // board pictures are left out: their text moves with the current year ("I dag").
  for (const locale of ['nb', 'en'] as const) {
    it(`reads as the golden file (${locale})`, async () => {
      const golden = path.join(import.meta.dirname, 'golden', `report-${locale}.txt`);
      const at = Date.UTC(2026, 11, 4, 15, 56);
      const pdf = await reportPdf(buildReport(data, { anonymise: false, locale, now: at }), []);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-golden-'));
      const file = path.join(dir, 'report.pdf');
      fs.writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'])
        .toString()
        .replace(/[ \t]+$/gm, '');
      fs.rmSync(dir, { recursive: true, force: true });
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, text);
      expect(text).toBe(fs.readFileSync(golden, 'utf8'));
    });
  }
});
