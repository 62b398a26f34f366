import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { startTestServer, tempDataDir } from './helpers.js';

const SCRIPT = `export const torg = ${JSON.stringify('lapp '.repeat(400))};\n`;
const PAGE = `<!doctype html><title>Torg</title><script type="module" src="/assets/index-abc.js"></script>${' '.repeat(200)}`;

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
  fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), '{}');
  return dir;
}

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer({ staticDir: builtClient() });
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
    for (const pathname of ['/', '/j/ABCD2345', '/w/some-workshop/b/some-board']) {
      const res = await get(pathname, { 'accept-encoding': 'br' });
      expect(res.status, pathname).toBe(200);
      expect(res.headers['content-encoding'], pathname).toBe('br');
      expect(res.headers.vary, pathname).toBe('Accept-Encoding');
      expect(res.headers['content-type'], pathname).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], pathname).toBe('no-cache');
      expect(decoded(res), pathname).toBe(PAGE);
    }
    const plain = await get('/j/ABCD2345');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(PAGE);
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
