import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { PHONE as PHONE_DEVICE } from '../support/devices.js';
import { createGathering, startPhase } from '../support/gathering.js';
import { CLIENT_DIR, outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const PHONE = {
  ...PHONE_DEVICE,
  // Every byte counted where the page asks for it, none answered by a service worker's cache.
  serviceWorkers: 'block',
} as const;

/**
 * What the participant may download before the board is usable: everything on the wire
 * (headers and the API's answers included) but the fonts, which come after the board's content
 * and are checked on their own (on a fast machine they may already be there by then). Issue 18
 * aims at 250 kB on a phone's network (measured there by `npm run bench:phone`); measured here
 * 2026-12-05: 242–250 KiB (the board's later parts and Inter's style sheet may already be there). This
 * budget keeps it from growing back.
 */
const BUDGET = 260 * 1024;
/** The join page's scripts (about 76 KiB compressed on 2026-12-05): what the QR code costs. */
const JOIN_BUDGET = 90 * 1024;
const FONT_MAX = 40 * 1024;

interface Fetched {
  url: string;
  mimeType: string;
  encoding: string | null;
  bytes: number;
}

/** Every response the page received, with the bytes it took on the wire (CDP). */
async function recordTransfers(page: Page): Promise<{ done: Fetched[]; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const pending = new Map<string, Omit<Fetched, 'bytes'>>();
  const done: Fetched[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    pending.set(e.requestId, {
      url: e.response.url,
      mimeType: e.response.mimeType,
      encoding: headers['content-encoding'] ?? null,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = pending.get(e.requestId);
    if (r) done.push({ ...r, bytes: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  return { done, cdp };
}

interface ManifestEntry {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestEntry>;

function manifest(): Manifest {
  const file = path.join(CLIENT_DIR, 'dist', '.vite', 'manifest.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The files `keys` load: their chunks, what those import statically, and their styles. */
function closure(m: Manifest, keys: string[]): Set<string> {
  const out = new Set<string>();
  const visit = (key: string) => {
    const e = m[key];
    if (!e || out.has(e.file)) return;
    out.add(e.file);
    for (const css of e.css ?? []) out.add(css);
    for (const i of e.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  return out;
}

/** Resolves once the board's font (Inter) has loaded in the page. */
async function interLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    let loaded = false;
    document.fonts.forEach((f) => {
      if (f.family.replace(/["']/g, '') === 'Inter' && f.status === 'loaded') loaded = true;
    });
    return loaded;
  });
}

const isFont = (f: Fetched) => f.mimeType.startsWith('font/') || /\/inter-[^/]*$/.test(f.url);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sum = (list: Fetched[]) => list.reduce((a, f) => a + f.bytes, 0);
const assetPath = (url: string) => new URL(url).pathname.slice(1);

describe('a light first load (issue 18)', () => {
  it('a participant on a phone joins and reaches the board within the budget, without the console, the exports or the template previews', async () => {
    const w = await createGathering(baseUrl, 'Lett lasting');
    await startPhase(baseUrl, w, 'Fremtidsreise', 'future');

    const anne = await crowd().person(null, PHONE);
    const { page } = anne;
    const { done } = await recordTransfers(page);

    // The join page, as the QR code opens it.
    await page.goto(`${baseUrl}/j/${w.joinCode}`);
    await page.getByLabel('Navnet ditt').waitFor();
    await page.waitForLoadState('networkidle');
    const joinPage = [...done];
    await page.screenshot({ path: outputFile('load-join-390.png') });

    await page.getByLabel('Navnet ditt').fill('Anne');
    await page.getByLabel('Gruppe Nord').check();
    await page.getByRole('button', { name: 'Bli med' }).click();
    await page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    // Usable: the canvas is there, connected, and a note can be added (the phone's bottom bar).
    await anne.canvas.waitFor();
    await anne.waitForStatus('connected');
    await page.getByRole('button', { name: 'Ny lapp' }).waitFor();
    const beforeUsable = [...done];
    await interLoaded(page);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: outputFile('load-board-390.png') });
    const all = [...done];

    const m = manifest();
    // The app's entry; a board's link also runs a first script of its own (src/open-early.ts).
    const entry = 'index.html';
    expect(m[entry]?.isEntry).toBe(true);
    // The board's later parts (fetched once it is drawn) are a participant's too.
    const laterParts = Object.keys(m).filter((k) =>
      /src\/board\/(ContextBar|OutlinePanel|Minimap|phone\/NewNoteSheet)\.tsx$|konva\/lib\/shapes\/Transformer\.js$/.test(
        k,
      ),
    );
    expect(laterParts.length).toBeGreaterThanOrEqual(4);
    const participantFiles = closure(m, [
      entry,
      'src/open-early.ts',
      'src/workshop/WorkshopRoute.tsx',
      'src/workshop/WorkshopBoard.tsx',
      ...laterParts,
    ]);
    const forbidden = closure(m, [
      'src/workshop/console/ConsolePage.tsx',
      'src/workshop/console/TemplatePicker.tsx',
      'src/workshop/export/ExportChoices.tsx',
    ]);
    for (const f of participantFiles) forbidden.delete(f);
    expect(forbidden.size).toBeGreaterThan(0);

    const scripts = all.filter((f) => f.mimeType.includes('javascript'));
    const fonts = all.filter(
      (f) => f.mimeType.startsWith('font/') || /\.(woff2?|ttf)$/.test(f.url),
    );
    const report = {
      joinPage: { total: sum(joinPage), files: joinPage.map((f) => [assetPath(f.url), f.bytes]) },
      board: {
        beforeUsable: sum(beforeUsable),
        total: sum(all),
        files: all.slice(joinPage.length).map((f) => [assetPath(f.url), f.bytes]),
      },
      fonts: fonts.map((f) => [assetPath(f.url), f.bytes]),
    };
    fs.writeFileSync(outputFile('load-sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `join page ${kb(report.joinPage.total)}; board usable after ${kb(sum(beforeUsable.filter((f) => !isFont(f))))} without fonts, all ${kb(report.board.total)} (fonts ${kb(sum(fonts))})`,
    );

    // No console, no export choices, no template previews: only the participant's chunks.
    for (const s of scripts) {
      const file = assetPath(s.url);
      expect(forbidden.has(file), `${file} is not a participant's`).toBe(false);
      expect(participantFiles.has(file), `${file} is outside the participant's chunks`).toBe(true);
    }
    // The join page needs none of the board (no Konva, no Yjs): its chunks are the entry's
    // (the entry and the few small modules it shares with a board link's first script).
    const joinScripts = joinPage.filter((f) => f.mimeType.includes('javascript'));
    const entryFiles = closure(m, [entry]);
    expect(joinScripts.map((f) => assetPath(f.url)).sort()).toEqual(
      [...entryFiles].filter((f) => f.endsWith('.js')).sort(),
    );
    expect(sum(joinScripts)).toBeLessThan(JOIN_BUDGET);
    // Compressed: Brotli for every script and style.
    for (const f of all.filter((f) => /\.(js|css)$/.test(f.url)))
      expect(f.encoding, f.url).toBe('br');
    // Fonts: WOFF2 subsets, each small.
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.url).toMatch(/\/assets\/inter-latin-\d+-[\w-]+\.woff2$/);
      expect(f.mimeType).toBe('font/woff2');
      expect(f.bytes).toBeLessThanOrEqual(FONT_MAX);
    }
    expect(sum(beforeUsable.filter((f) => !isFont(f)))).toBeLessThan(BUDGET);
  });

  it("a board's link opened cold on a phone: its code is named in the page, its connection opens first, the font comes after", async () => {
    const w = await createGathering(baseUrl, 'Rett til tavla');
    const phase = await startPhase(baseUrl, w, 'Fremtidsreise', 'future');
    const boardId = phase.boardIds[0] ?? '';

    const kari = await crowd().person(null, PHONE);
    const { page } = kari;
    const { done } = await recordTransfers(page);
    const sockets: string[] = [];
    // What happened, in the order the browser did it: sockets opened, the board's content
    // arriving, the font asked for.
    const events: string[] = [];
    page.on('websocket', (ws) => {
      const path = new URL(ws.url()).pathname;
      sockets.push(path);
      ws.on('framereceived', (f) => {
        if (path === `/sync/b.${boardId}` && f.payload.length > 1000) events.push('board content');
      });
    });
    page.on('request', (r) => {
      if (/\/assets\/inter-/.test(r.url())) events.push('font');
    });

    await page.goto(`${baseUrl}/w/${w.workshopId}/b/${boardId}#t=${encodeURIComponent(w.token)}`);
    await kari.canvas.waitFor();
    await kari.waitForStatus('connected');
    await page.getByRole('button', { name: 'Ny lapp' }).waitFor();
    const beforeUsable = [...done];
    await interLoaded(page);
    await page.screenshot({ path: outputFile('load-board-link-390.png') });
    // The largest thing painted is the name on index.html's splash, from the first frame: the
    // page keeps that element while it loads (a copy painted later would be the phone's
    // largest paint, up to a second later) and hides it once the board shows.
    const largestPaints = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          new PerformanceObserver((list) =>
            resolve(
              list
                .getEntries()
                .map((e) => (e as LargestContentfulPaint).element?.className ?? '(removed)'),
            ),
          ).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    expect(largestPaints).toEqual(['app-splash']);
    expect(await page.locator('.app-splash').isVisible()).toBe(false);

    // The page names the board's chunks, so they download beside the app's own script.
    const m = manifest();
    const preloaded = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')).map((l) =>
        new URL(l.href).pathname.slice(1),
      ),
    );
    for (const key of ['src/workshop/WorkshopRoute.tsx', 'src/workshop/WorkshopBoard.tsx'])
      expect(preloaded, key).toContain(m[key]?.file);
    expect(preloaded.length).toBeGreaterThanOrEqual(4);
    // The page's first script opens the board's own connection first, then the workshop's,
    // before the app's code has arrived; the app takes both over: each opened once.
    const first = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLScriptElement>('script[async]')).map((s) =>
        new URL(s.src).pathname.slice(1),
      ),
    );
    expect(first).toEqual([m['src/open-early.ts']?.file]);
    expect(sockets.slice(0, 2)).toEqual([`/sync/b.${boardId}`, `/sync/w.${w.workshopId}`]);
    for (const doc of [`/sync/b.${boardId}`, `/sync/w.${w.workshopId}`])
      expect(
        sockets.filter((s) => s === doc),
        doc,
      ).toHaveLength(1);
    // The font is asked for only once the board's content has arrived (it is drawn first).
    expect(events.indexOf('board content')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('font')).toBeGreaterThan(events.indexOf('board content'));
    const withoutFonts = sum(beforeUsable.filter((f) => !isFont(f)));
    console.log(`board link: usable after ${kb(withoutFonts)} (fonts not counted)`);
    expect(withoutFonts).toBeLessThan(BUDGET);
  });

  it('an open board\'s link opens its connection before the app\'s code runs, and the page shows no "Laster …" on the way', async () => {
    const boardId = `aapen${Date.now().toString(36)}`;
    const visitor = await crowd().person(null, PHONE);
    const { page } = visitor;
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
    // Every "Laster …" the page ever shows, from its first script on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __loading: string[] }).__loading = seen;
      new MutationObserver(() => {
        for (const el of Array.from(document.querySelectorAll('[role="status"]')))
          if (el.textContent?.includes('Laster')) seen.push(el.textContent);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(`${baseUrl}/b/${boardId}`);
    await visitor.canvas.waitFor();
    await visitor.waitForStatus('connected');
    const m = manifest();
    const first = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLScriptElement>('script[async]')).map((s) =>
        new URL(s.src).pathname.slice(1),
      ),
    );
    expect(first).toEqual([m['src/open-early.ts']?.file]);
    // Opened by that script and taken over by the page: one connection.
    expect(sockets).toEqual([`/sync/b.${boardId}`]);
    // The page's chunk was there before the app rendered: no "Laster …" held it back.
    expect(
      await page.evaluate(() => (window as unknown as { __loading: string[] }).__loading),
    ).toEqual([]);
  });

  it('a board still downloading says "Laster …"; one that fails to download offers a reload', async () => {
    const w = await createGathering(baseUrl, 'Treg forbindelse');
    await startPhase(baseUrl, w, 'Innsikt', 'insights');
    const chunk = manifest()['src/workshop/WorkshopBoard.tsx']?.file ?? 'missing';
    const chunkUrl = `${baseUrl}/${chunk}`;
    const join = async (name: string, page: Page) => {
      await page.goto(`${baseUrl}/j/${w.joinCode}`);
      await page.getByLabel('Navnet ditt').fill(name);
      await page.getByLabel('Gruppe Sør').check();
      await page.getByRole('button', { name: 'Bli med' }).click();
    };

    // Held on the way: the page announces that it is loading, then shows the board.
    const bjorn = await crowd().person(null, {
      viewport: { width: 1440, height: 900 },
      serviceWorkers: 'block',
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await bjorn.page.route(chunkUrl, async (route) => {
      await held;
      await route.continue();
    });
    await join('Bjørn', bjorn.page);
    await bjorn.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await bjorn.page.getByRole('status').filter({ hasText: 'Laster …' }).waitFor();
    expect(await bjorn.canvas.count()).toBe(0);
    // Under the splash's name, which stays until the board shows.
    const splash = bjorn.page.locator('.app-splash');
    expect(await splash.isVisible()).toBe(true);
    await bjorn.page.screenshot({ path: outputFile('load-board-loading-1440.png') });
    release();
    await bjorn.canvas.waitFor();
    expect(await splash.isVisible()).toBe(false);
    await bjorn.waitForStatus('connected');

    // Lost on the way: a message and a reload that brings the board.
    const cecilie = await crowd().person(null, { ...PHONE });
    await cecilie.page.route(chunkUrl, (route) => route.abort('internetdisconnected'));
    await join('Cecilie', cecilie.page);
    const alert = cecilie.page.getByRole('alert');
    await alert.filter({ hasText: 'Denne delen av Torg kunne ikke lastes ned' }).waitFor();
    await cecilie.page.screenshot({ path: outputFile('load-board-failed-390.png') });
    await cecilie.page.unroute(chunkUrl);
    await cecilie.page.getByRole('button', { name: 'Last inn på nytt' }).click();
    await cecilie.canvas.waitFor();
    await cecilie.waitForStatus('connected');
  });

  it("the service worker keeps a participant's chunks for offline reloads, and not the console's", async () => {
    const res = await fetch(`${baseUrl}/sw.js`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const source = await res.text();
    const list = /const PRECACHE = (\[[^\]]*\]);/.exec(source)?.[1] ?? '[]';
    const precached = new Set((JSON.parse(list) as string[]).map((u) => u.slice(1)));
    const m = manifest();
    // The app's entry; a board's link also runs a first script of its own (src/open-early.ts).
    const entry = 'index.html';
    expect(m[entry]?.isEntry).toBe(true);
    const needed = closure(m, [
      entry,
      'src/workshop/WorkshopRoute.tsx',
      'src/workshop/WorkshopBoard.tsx',
      'src/pages/ScratchBoardRoute.tsx',
      '../shared/src/locale/en.ts',
    ]);
    for (const f of needed) expect(precached.has(f), f).toBe(true);
    expect([...precached].some((f) => /^assets\/inter-[\w-]+\.css$/.test(f))).toBe(true);
    const fonts = [...precached].filter((f) => f.endsWith('.woff2'));
    expect(fonts).toHaveLength(2);
    for (const f of fonts) expect(f).toMatch(/^assets\/inter-latin-/);
    for (const key of [
      'src/workshop/console/ConsolePage.tsx',
      'src/workshop/console/TemplatePicker.tsx',
      'src/workshop/export/ExportChoices.tsx',
    ])
      expect(precached.has(m[key]?.file ?? ''), key).toBe(false);
  });

  it('the build has no source maps to serve, and the server says so', async () => {
    const assets = path.join(CLIENT_DIR, 'dist', 'assets');
    const files = fs.readdirSync(assets);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const f of scripts) {
      expect(fs.readFileSync(path.join(assets, f), 'utf8'), f).not.toContain('sourceMappingURL');
      const res = await fetch(`${baseUrl}/assets/${f}.map`);
      expect(res.status, f).toBe(404);
    }
  });
});
