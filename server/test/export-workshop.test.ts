import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExportJobs } from '../src/export/jobs.js';
import { liveSource } from '../src/export/source.js';
import { produceWorkshopExport } from '../src/export/workshop.js';
import { silentLogger } from '../src/logger.js';
import { waitFor } from './helpers.js';
import { buildRichWorkshop, REAL_NAMES, type World } from './rich-workshop.js';
import { sqliteServerPerFile } from './sqlite-server.js';

const t = sqliteServerPerFile();
const { api, clients } = t;

let w: World;

beforeAll(async () => {
  w = await buildRichWorkshop(t.server, clients);
});

const exportOf = (format: 'pdf' | 'zip' | 'csv' | 'docx', anonymise = false) =>
  produceWorkshopExport(liveSource(t.server.registry, t.storage), w.workshopId, {
    format,
    anonymise,
    locale: 'nb',
  });

interface Run {
  str: string;
  /** The size it prints at (points). */
  pt: number;
  /** Where it starts and ends on its line, and the line (points). */
  x: number;
  end: number;
  y: number;
}

/** Each page's text runs. */
async function pdfPages(bytes: Uint8Array): Promise<Run[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: Run[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items.flatMap((item) => {
        if (!('str' in item)) return [];
        const [a, b, , , x, y] = item.transform as number[];
        return [
          {
            str: item.str,
            pt: Math.hypot(a ?? 0, b ?? 0),
            x: x ?? 0,
            end: (x ?? 0) + item.width,
            y: y ?? 0,
          },
        ];
      }),
    );
  }
  await doc.destroy();
  return pages;
}

/**
 * A page's text as a reader sees it: runs that touch on one line are one word (a kerned pair
 * such as "7." splits "kl. 07.07" into two runs, the second pulled 2.75 pt back under the
 * first), others are apart.
 */
const pageText = (page: Run[]) =>
  page
    .map((r, i) => {
      const before = page[i - 1];
      const gap = before ? r.x - before.end : Number.POSITIVE_INFINITY;
      const touches = before && Math.abs(before.y - r.y) < 0.5 && gap < 0.5 && gap > -r.pt / 2;
      return i === 0 || touches ? r.str : ` ${r.str}`;
    })
    .join('');

/** Text as extracted from a PDF: runs of spaces and line breaks become one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the PDF report', () => {
  let runs: Run[][];
  let pages: string[];
  /** The pages of a board's pictures: the whole board, then its sections. */
  let pictures: string[][];
  /** Each board's page of content (the last pages, one per board). */
  let content: string[];
  beforeAll(async () => {
    const file = await exportOf('pdf');
    expect(file.filename).toBe('Fremtidsverksted i Ås.pdf');
    expect(file.mime).toBe('application/pdf');
    runs = await pdfPages(file.bytes);
    pages = runs.map((page) => flat(pageText(page)));
    content = pages.slice(-2);
    const pictured = pages.slice(2, -2);
    pictures = w.boardNames.map((name) => pictured.filter((p) => p.startsWith(name)));
  });

  it("has a cover, the summary, each board and its sections, then each board's content", () => {
    expect(pages[0]).toContain('Fremtidsverksted i Ås');
    expect(pages[1]).toContain('Sammendrag');
    expect(pages[1]).toContain('Godtatte forslag');
    // Dates in words, never ISO.
    expect(pages[0]).toMatch(/Eksportert: \d{1,2}\. \p{L}+ \d{4}, kl\. \d{2}\.\d{2}/u);
    expect(pages.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const name of ['Åsmund Lie', 'Kari Nordmann', 'Bjørn Sæther', 'Ola Hansen'])
      expect(pages[0]).toContain(name);
    w.boardNames.forEach((name, i) => {
      // The whole board, then a page per section with notes in it.
      expect(pictures[i]?.length).toBeGreaterThan(1);
      expect(pictures[i]?.slice(1).every((p) => p.startsWith(`${name}: `))).toBe(true);
      expect(content[i]).toContain(name);
      expect(content[i]).toContain('Innholdet på tavla');
      expect(content[i]).not.toContain('Vedlegg');
    });
    expect(pages).toHaveLength(2 + pictures.flat().length + 2);
    expect(pictures[0]?.some((p) => p.startsWith(`${w.boardNames[0]}: Fremtidsbildet 2035`))).toBe(
      true,
    );
  });

  it('draws each board as text that can be searched, æøå intact', () => {
    for (const s of w.stickies) {
      // Wrapped on the board: every word is on the board's page.
      for (const word of s.text.split(/\s+/)) expect(pictures[s.board]?.[0]).toContain(word);
    }
  });

  it("prints every note's words at 8 pt or more on a page of its section", () => {
    const first = 2;
    for (const s of w.stickies) {
      if (s.section === 'Øvrig') continue;
      const words = s.text.split(/\s+/);
      const sized = runs
        .slice(first, -2)
        .filter((page) => flat(pageText(page)).startsWith(`${w.boardNames[s.board]}: `))
        .flat()
        .filter((r) => r.str.trim() && words.some((word) => r.str.includes(word)));
      expect(sized.length, s.text).toBeGreaterThan(0);
      expect(Math.max(...sized.map((r) => r.pt)), s.text).toBeGreaterThanOrEqual(8);
    }
    // While on the whole board's page the same words print smaller: that is why.
    const whole = runs[first]?.filter((r) => r.str.includes('Velferdsteknologi')) ?? [];
    expect(Math.max(...whole.map((r) => r.pt))).toBeLessThan(8);
  });

  it('has the same pictures in the Word file, each on a page turned as in the PDF', async () => {
    const zip = await JSZip.loadAsync((await exportOf('docx')).bytes);
    const media = Object.keys(zip.files).filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media).toHaveLength(pictures.flat().length);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // A picture's size on the page (EMU, 12,700 to the point) fits inside the page's margins.
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => ({
      w: Number(m[1]) / 12700,
      h: Number(m[2]) / 12700,
    }));
    expect(extents).toHaveLength(media.length);
    for (const e of extents) expect(Math.min(e.w, e.h)).toBeGreaterThan(200);
    for (const e of extents) expect(Math.max(e.w, e.h)).toBeLessThanOrEqual(842 - 96);
    // Landscape pages for the boards, the text's pages portrait.
    expect(xml).toContain('w:orient="landscape"');
    for (const name of w.boardNames) expect(xml).toContain(`descr="${name}"`);
  });

  it('puts the pictures on A3 when asked: larger, no more pages, the text pages on A4', async () => {
    const file = await produceWorkshopExport(
      liveSource(t.server.registry, t.storage),
      w.workshopId,
      {
        format: 'pdf',
        anonymise: false,
        locale: 'nb',
        paper: 'a3',
      },
    );
    const doc = await getDocument({ data: new Uint8Array(file.bytes), useSystemFonts: false })
      .promise;
    const sizes: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const [, , pw, ph] = (await doc.getPage(i)).view;
      sizes.push(
        `${Math.round(Math.min(pw ?? 0, ph ?? 0))}x${Math.round(Math.max(pw ?? 0, ph ?? 0))}`,
      );
    }
    await doc.destroy();
    const a3 = sizes.filter((s) => s === '842x1191').length;
    expect(sizes.slice(0, 2)).toEqual(['595x842', '595x842']);
    expect(sizes.slice(-2)).toEqual(['595x842', '595x842']);
    expect(a3).toBe(sizes.length - 4);
    expect(a3).toBeLessThanOrEqual(pictures.flat().length);
  });

  it('lists every note under its section title, with the feedback and the votes', () => {
    for (const s of w.stickies) {
      expect(content[s.board]).toContain(s.section);
      expect(content[s.board]).toContain(s.text);
    }
    const nord = content[0] ?? '';
    expect(nord).toContain('Ta med pårørende');
    expect(nord).toContain('godtatt');
    expect(nord).toContain('Hva med økonomien?');
    expect(nord).toContain('løst');
    expect(nord).toContain('Godt arbeid, særlig «mestring»!');
    expect(nord).toContain('Takk, vi tar det med oss');
    expect(content[1]).toContain('Husk tidsfristene');
    expect(content[1]).toContain('3 prikker totalt');
  });
});

describe('the ZIP bundle', () => {
  it('holds every format and a picture of each board', async () => {
    const zip = await JSZip.loadAsync((await exportOf('zip')).bytes);
    const names = Object.keys(zip.files).sort();
    for (const ext of ['pdf', 'docx', 'csv', 'md', 'torg.json'])
      expect(names).toContain(`Fremtidsverksted i Ås.${ext}`);
    const pngs = names.filter((n) => n.startsWith('tavler/') && n.endsWith('.png'));
    expect(pngs).toHaveLength(2);
    const png = await zip.file(pngs[0] ?? '')?.async('uint8array');
    expect([...(png ?? []).slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  it('anonymised: no real name in any file, the same pseudonyms everywhere', async () => {
    const zip = await JSZip.loadAsync((await exportOf('zip', true)).bytes);
    const texts = new Map<string, string>();
    for (const [name, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      const bytes = await entry.async('uint8array');
      if (name.endsWith('.docx')) {
        const inner = await JSZip.loadAsync(bytes);
        for (const [n, e] of Object.entries(inner.files))
          if (!e.dir) texts.set(`${name}/${n}`, await e.async('string'));
      } else if (name.endsWith('.pdf')) {
        texts.set(name, (await pdfPages(bytes)).map(pageText).join('\n'));
      } else {
        texts.set(name, Buffer.from(bytes).toString('utf8'));
      }
    }
    for (const [file, text] of texts)
      for (const real of REAL_NAMES) expect(text, `${real} in ${file}`).not.toContain(real);
    // Åsmund is the first member of the first group: "Deltaker 1" in the report and the backup.
    const pdf = texts.get('Fremtidsverksted i Ås.pdf') ?? '';
    expect(flat(pdf)).toContain('Deltaker 1');
    const backup = JSON.parse(texts.get('Fremtidsverksted i Ås.torg.json') ?? '{}');
    expect(JSON.stringify(backup)).not.toContain('Åsmund');
    const csv = texts.get('Fremtidsverksted i Ås.csv') ?? '';
    expect(csv).toContain('Deltaker 1');
  });
});

describe('export jobs over HTTP', () => {
  /** Starts an export as the facilitator, follows it to the end, and downloads the file. */
  const exportOverHttp = async (request: Record<string, unknown>) => {
    const started = await api(
      'POST',
      `/workshops/${w.workshopId}/exports`,
      w.facilitator.token,
      request,
    );
    expect(started.status).toBe(202);
    const jobId = (started.body.job as { id: string }).id;
    const jobUrl = `/workshops/${w.workshopId}/exports/${jobId}`;
    await waitFor(
      async () =>
        ((await api('GET', jobUrl, w.facilitator.token)).body.job as { state: string }).state ===
        'done',
      'the export is done',
    );
    const res = await fetch(`${t.base}/api${jobUrl}/download`, {
      headers: { Authorization: `Bearer ${w.facilitator.token}` },
    });
    expect(res.status).toBe(200);
    return res;
  };

  it('a facilitator starts one, follows it to the end and downloads the file', async () => {
    const res = await exportOverHttp({ format: 'csv' });
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Fremtidsverksted i Ås.csv')}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('Velferdsteknologi i hver kommunedel');
  });

  it('writes the report in the language chosen for the gathering, unless asked for another', async () => {
    const url = `/workshops/${w.workshopId}/locale`;
    expect((await api('PATCH', url, w.asmund.token, { locale: 'nn' })).status).toBe(403);
    expect((await api('PATCH', url, w.facilitator.token, { locale: 'se' })).status).toBe(400);
    expect((await api('PATCH', url, w.facilitator.token, { locale: 'nn' })).status).toBe(200);
    try {
      const nynorsk = await (await exportOverHttp({ format: 'md' })).text();
      expect(nynorsk).toContain('## Samandrag');
      expect(nynorsk).not.toContain('Sammendrag');
      const english = await (await exportOverHttp({ format: 'md', locale: 'en' })).text();
      expect(english).toContain('## Summary');
    } finally {
      await api('PATCH', url, w.facilitator.token, { locale: 'nb' });
    }
  });

  it('participants may not export the workshop; bad formats and unknown jobs are refused', async () => {
    const url = `/workshops/${w.workshopId}/exports`;
    expect((await api('POST', url, w.asmund.token, { format: 'pdf' })).status).toBe(403);
    expect((await api('POST', url, null, { format: 'pdf' })).status).toBe(401);
    const bad = await api('POST', url, w.facilitator.token, { format: 'exe' });
    expect([bad.status, bad.body.error]).toEqual([400, 'invalid_body']);
    expect((await api('GET', `${url}/nosuchjob1`, w.facilitator.token)).status).toBe(404);
  });
});

describe('export jobs', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'torg-jobs-'));
  const waitState = (jobs: ExportJobs, id: string, state: string) =>
    waitFor(() => jobs.get('wksp1', id)?.state === state, `the job is ${state}`);

  it('a cancelled or failed export leaves nothing behind', async () => {
    const dataDir = dir();
    const jobs = new ExportJobs(dataDir, silentLogger);
    // An export that runs until it is cancelled, reporting progress on the way.
    const slow = jobs.start('wksp1', 'zip', (progress, signal) => {
      progress(1, 4);
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    });
    expect(jobs.get('wksp1', slow.id)).toMatchObject({ state: 'running', done: 1, total: 4 });
    jobs.cancel('wksp1', slow.id);
    await waitState(jobs, slow.id, 'cancelled');
    const broken = jobs.start('wksp1', 'pdf', async () => {
      throw new Error('disk on fire');
    });
    await waitState(jobs, broken.id, 'failed');
    expect(jobs.get('wksp1', broken.id)?.error).toBe('disk on fire');
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
    expect(jobs.file('wksp1', broken.id)).toBeNull();

    // A finished one leaves its file until it is dropped; another workshop cannot see it.
    const ok = jobs.start('wksp1', 'csv', async () => ({
      bytes: new TextEncoder().encode('a,b'),
      filename: 'x.csv',
      mime: 'text/csv',
    }));
    await waitState(jobs, ok.id, 'done');
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([ok.id]);
    expect(jobs.get('other', ok.id)).toBeNull();
    jobs.cancel('wksp1', ok.id);
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
    jobs.close();
  });
});

describe('the command line', () => {
  const run = promisify(execFile);
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, INIT_CWD: os.tmpdir() },
    });

  it('exports straight from the data dir', async () => {
    // Everything written so far is on disk once the server has stopped.
    await t.server.close();
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torg-cli-')), 'rapport.md');
    await cli([
      '--workshop',
      w.workshopId,
      '--format',
      'md',
      '--out',
      out,
      '--data',
      t.server.dataDir,
    ]);
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toContain('# Fremtidsverksted i Ås');
    expect(md).toContain('Velferdsteknologi i hver kommunedel');
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  });

  it('says what is wrong with the arguments or the workshop, and writes nothing', async () => {
    const out = path.join(os.tmpdir(), `torg-cli-none-${Date.now()}.pdf`);
    const unknown = cli([
      '--workshop',
      'nosuchwksp',
      '--format',
      'pdf',
      '--out',
      out,
      '--data',
      t.server.dataDir,
    ]);
    await expect(unknown).rejects.toMatchObject({ code: 2 });
    await expect(unknown).rejects.toHaveProperty(
      'stderr',
      expect.stringContaining('no workshop nosuchwksp'),
    );
    const badFormat = cli(['--workshop', w.workshopId, '--format', 'exe', '--out', out]);
    await expect(badFormat).rejects.toHaveProperty(
      'stderr',
      expect.stringContaining('--format must be one of'),
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});
