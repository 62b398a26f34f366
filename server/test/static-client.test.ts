import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { startTestServer, tempDataDir } from './helpers.js';

const SCRIPT = `export const torg = ${JSON.stringify('lapp '.repeat(400))};\n`;
const PAGE = `<!doctype html><html><head><title>Torg</title><script type="module" crossorigin src="/assets/index-abc.js"></script></head><body>${' '.repeat(200)}</body></html>`;

/** The build's notes on which chunk each route's modules are in (what Vite writes). */
const MANIFEST = {
  'index.html': { file: 'assets/index-abc.js', isEntry: true, css: ['assets/index-abc.css'] },
  'src/workshop/WorkshopRoute.tsx': {
    file: 'assets/WorkshopRoute-abc.js',
    imports: ['index.html', '_sync-abc.js'],
  },
  'src/workshop/WorkshopBoard.tsx': {
    file: 'assets/WorkshopBoard-abc.js',
    imports: ['index.html', '_BoardPage-abc.js', '_sync-abc.js'],
  },
  'src/pages/ScratchBoardRoute.tsx': {
    file: 'assets/ScratchBoardRoute-abc.js',
    imports: ['index.html', '_BoardPage-abc.js'],
  },
  '_BoardPage-abc.js': { file: 'assets/BoardPage-abc.js', css: ['assets/BoardPage-abc.css'] },
  '_sync-abc.js': { file: 'assets/sync-abc.js', imports: ['_tokens-abc.js'] },
  '_tokens-abc.js': { file: 'assets/tokens-abc.js' },
  // A board link's first script: an entry of its own, sharing the documents' code.
  'src/open-early.ts': {
    file: 'assets/open-early-abc.js',
    isEntry: true,
    imports: ['_sync-abc.js', '_tokens-abc.js'],
  },
};

/**
 * A built client as the build leaves it: each text file with its Brotli and gzip copy beside
 * it (made here with zlib, as vite-plugin-compression2 makes them), a font without copies,
 * and a build note under .vite/. No source maps: they are only built when asked for.
 */
function builtClient(): string {
  const dir = tempDataDir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, '.vite'));
  const write = (file: string, text: string) => {
    fs.writeFileSync(path.join(dir, file), text);
    fs.writeFileSync(path.join(dir, `${file}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(dir, `${file}.gz`), zlib.gzipSync(text));
  };
  write('index.html', PAGE);
  write('assets/index-abc.js', SCRIPT);
  write('sw.js', 'self.addEventListener("fetch", () => {});\n'.repeat(20));
  write('favicon.svg', `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(50)}</svg>`);
  fs.writeFileSync(path.join(dir, 'assets', 'inter-latin-400-abc.woff2'), Buffer.alloc(64, 1));
  fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  return dir;
}

let server: RunningServer;
let staticDir: string;

beforeAll(async () => {
  staticDir = builtClient();
  server = await startTestServer({ staticDir });
});
afterAll(async () => {
  await server.close();
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add and undo an Accept-Encoding of its own). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: server.port, path: pathname, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
  });
}

function decoded(res: Raw): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(res.body).toString('utf8');
  return res.body.toString('utf8');
}

describe('the built client, compressed at build time', () => {
  it('answers a script with Brotli when the browser accepts it', async () => {
    const res = await get('/assets/index-abc.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(decoded(res)).toBe(SCRIPT);
  });

  it('answers with gzip when only gzip is accepted', async () => {
    const res = await get('/assets/index-abc.js', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(decoded(res)).toBe(SCRIPT);
  });

  it('answers with the file itself when nothing is accepted, still saying Vary', async () => {
    const asks: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'zstd' },
    ];
    for (const headers of asks) {
      const res = await get('/assets/index-abc.js', headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.body.toString('utf8')).toBe(SCRIPT);
    }
  });

  it('compresses index.html for every client route, and keeps it uncached', async () => {
    for (const pathname of [
      '/',
      '/j/ABCD2345',
      '/invite/secret',
      '/w/some-workshop/b/some-board',
    ]) {
      const res = await get(pathname, { 'accept-encoding': 'br' });
      expect(res.status, pathname).toBe(200);
      expect(res.headers['content-encoding'], pathname).toBe('br');
      expect(res.headers.vary, pathname).toBe('Accept-Encoding');
      expect(res.headers['content-type'], pathname).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], pathname).toBe('no-cache');
      // A workshop's pages add their chunks' preloads (below); the rest get the page as built.
      if (!pathname.startsWith('/w/')) expect(decoded(res), pathname).toBe(PAGE);
    }
    const plain = await get('/j/ABCD2345');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(PAGE);
  });

  it("names a board's chunks in the page of a board's link, so they download beside the app's", async () => {
    const preloads = (html: string) =>
      [...html.matchAll(/<link rel="(modulepreload|preload)"[^>]* href="([^"]+)">/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
    const firstScripts = (html: string) =>
      [...html.matchAll(/<script type="module" async crossorigin src="([^"]+)"><\/script>/g)].map(
        (m) => m[1],
      );
    const board = await get('/w/some-workshop/b/some-board', { 'accept-encoding': 'br' });
    expect(preloads(decoded(board)).sort()).toEqual([
      'modulepreload /assets/BoardPage-abc.js',
      'modulepreload /assets/WorkshopBoard-abc.js',
      'modulepreload /assets/WorkshopRoute-abc.js',
      'modulepreload /assets/sync-abc.js',
      'modulepreload /assets/tokens-abc.js',
      'preload /assets/BoardPage-abc.css',
    ]);
    // It runs the script that opens the board's documents as soon as that has arrived.
    expect(firstScripts(decoded(board))).toEqual(['/assets/open-early-abc.js']);
    // The same page in every encoding, and nothing else of the page changed.
    const gzip = await get('/w/some-workshop/b/some-board', { 'accept-encoding': 'gzip' });
    const plain = await get('/w/some-workshop/b/some-board', { 'accept-encoding': 'br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(decoded(gzip)).toBe(decoded(board));
    expect(decoded(plain)).toBe(decoded(board));
    expect(
      decoded(board)
        .replace(/<link rel="(module)?preload"[^>]*>/g, '')
        .replace(/<script type="module" async[^>]*><\/script>/, ''),
    ).toBe(PAGE);

    const home = await get('/w/some-workshop', { 'accept-encoding': 'br' });
    expect(preloads(decoded(home)).sort()).toEqual([
      'modulepreload /assets/WorkshopRoute-abc.js',
      'modulepreload /assets/sync-abc.js',
      'modulepreload /assets/tokens-abc.js',
    ]);
    // Only a board's link opens documents before the app runs: a workshop's board or an
    // open one.
    expect(firstScripts(decoded(home))).toEqual([]);
    const scratch = await get('/b/some-board', { 'accept-encoding': 'br' });
    expect(preloads(decoded(scratch)).sort()).toEqual([
      'modulepreload /assets/BoardPage-abc.js',
      'modulepreload /assets/ScratchBoardRoute-abc.js',
      'modulepreload /assets/sync-abc.js',
      'modulepreload /assets/tokens-abc.js',
      'preload /assets/BoardPage-abc.css',
    ]);
    expect(firstScripts(decoded(scratch))).toEqual(['/assets/open-early-abc.js']);
  });

  it('a new build under the running server: the page names the new chunks', async () => {
    const index = path.join(staticDir, 'index.html');
    const manifestFile = path.join(staticDir, '.vite', 'manifest.json');
    const before = fs.readFileSync(manifestFile, 'utf8');
    const later = { ...MANIFEST, '_sync-abc.js': { file: 'assets/sync-def.js' } };
    fs.writeFileSync(manifestFile, JSON.stringify(later));
    const stat = fs.statSync(index);
    fs.utimesSync(index, stat.atime, new Date(stat.mtimeMs + 5000));
    try {
      const home = decoded(await get('/w/another-workshop', { 'accept-encoding': 'br' }));
      expect(home).toContain('href="/assets/sync-def.js"');
      expect(home).not.toContain('sync-abc.js');
    } finally {
      fs.writeFileSync(manifestFile, before);
      fs.utimesSync(index, stat.atime, new Date(stat.mtimeMs + 10000));
    }
  });

  it('serves the service worker compressed and uncached', async () => {
    const res = await get('/sw.js', { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('lets the browser keep the tab icon for a day, compressed', async () => {
    const res = await get('/favicon.svg', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('sends a font as it is: WOFF2 is compressed already', async () => {
    const res = await get('/assets/inter-latin-400-abc.woff2', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('font/woff2');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves no source map, and never a page for a missing asset', async () => {
    for (const pathname of ['/assets/index-abc.js.map', '/assets/index-old.js', '/assets/x.css']) {
      const res = await get(pathname, { 'accept-encoding': 'br' });
      expect(res.status, pathname).toBe(404);
      expect(res.body.toString('utf8'), pathname).not.toContain('<!doctype html>');
    }
  });

  it('serves no build notes or hidden files', async () => {
    expect((await get('/.vite/manifest.json')).status).toBe(404);
    expect((await get('/assets/.hidden')).status).toBe(404);
  });
});
