import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { type PageVariant, pagePreloads } from './page-preloads.js';

/** Hashed file names: a file under /assets never changes, so browsers keep it a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const DAY = 'public, max-age=86400';

/** Text the build compresses (client/vite.config.ts), so a `.br` or `.gz` sibling may exist. */
const COMPRESSIBLE = /\.(?:js|css|html|svg)$/;

/**
 * Serves the built client; every other GET gets index.html (client-side routes).
 *
 * The build writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each text file;
 * `serveStatic`'s `precompressed` sends the first of those the browser accepts
 * (`Accept-Encoding`; br before gzip) with `Content-Encoding`, else the file itself. Nothing is
 * compressed per request. `Vary: Accept-Encoding` goes on every compressible file, the plain
 * answer included, so that a shared cache never hands a compressed copy to a browser that did
 * not ask for one.
 */
export function mountClient(app: Hono, staticDir: string): void {
  const root = path.relative(process.cwd(), staticDir) || '.';
  const indexFile = path.join(staticDir, 'index.html');
  const headers =
    (cacheControl: string) =>
    (file: string, c: Context): void => {
      c.header('Cache-Control', cacheControl);
      // A compressed copy (`….br`, `….gz`): serveStatic has said Vary already.
      if (COMPRESSIBLE.test(file)) c.header('Vary', 'Accept-Encoding', { append: true });
    };

  // Build notes (.vite/manifest.json) and other dot-files are not part of the app.
  app.use('*', async (c, next) => {
    if (c.req.path.split('/').some((segment) => segment.startsWith('.'))) return c.notFound();
    await next();
  });
  app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: headers(IMMUTABLE) }));
  // A file that is not there (an old version's chunk, a source map not built) is a 404, never
  // index.html: a script must not get a page.
  app.get('/assets/*', (c) => c.notFound());
  // The tab icon: asked for again at every in-app navigation; a day without asking is plenty.
  app.use('/favicon.svg', serveStatic({ root, precompressed: true, onFound: headers(DAY) }));
  app.use('*', serveStatic({ root, precompressed: true, onFound: headers('no-cache') }));
  const index = serveStatic({
    root,
    path: 'index.html',
    precompressed: true,
    onFound: headers('no-cache'),
  });
  const preloaded = pagePreloads(staticDir);
  app.get('*', async (c, next) => {
    if (!fs.existsSync(indexFile)) {
      return c.text('The client is not built yet: run `npm start` (or `pnpm build`).', 503);
    }
    const page = preloaded(c.req.path);
    if (page) return sendPage(c, page);
    return (await index(c, next)) ?? c.notFound();
  });
}

/** Brotli before gzip, as `serveStatic` prefers them; `identity` when neither is accepted. */
const PREFERRED = ['br', 'gzip'];

/** index.html with the route's preloads, compressed as the browser accepts (like the rest). */
function sendPage(c: Context, page: PageVariant): Response {
  const encoding = accepts(c, {
    header: 'Accept-Encoding',
    supports: PREFERRED,
    default: 'identity',
    match: (list) =>
      PREFERRED.find((e) => list.some((a) => a.type.toLowerCase() === e && a.q > 0)) ?? 'identity',
  });
  c.header('Content-Type', 'text/html; charset=utf-8');
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'Accept-Encoding', { append: true });
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.html;
  return c.body(new Uint8Array(body));
}
