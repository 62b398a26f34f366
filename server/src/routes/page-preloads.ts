import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * The app's page (index.html) with the chunks its route will need named in its head, so that
 * a phone opening a board's link downloads the board's code beside the app's own instead of
 * after it (one round trip and the app's script sooner, about half a second on a venue's
 * wifi; issue 18).
 *
 * The client is one page whose routes load their code as chunks (client/src/App.tsx). Which
 * chunks a route's modules import is in the build's manifest (client/dist/.vite/manifest.json);
 * each route below names its modules as the client's source names them.
 */
const ROUTE_MODULES: { pattern: RegExp; modules: string[] }[] = [
  {
    pattern: /^\/w\/[^/]+\/b\/[^/]+\/?$/,
    modules: ['src/workshop/WorkshopRoute.tsx', 'src/workshop/WorkshopBoard.tsx'],
  },
  { pattern: /^\/w\/[^/]+(?:\/.*)?$/, modules: ['src/workshop/WorkshopRoute.tsx'] },
  { pattern: /^\/b\/[^/]+\/?$/, modules: ['src/pages/ScratchBoardRoute.tsx'] },
];

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** One page as sent: the text and its Brotli and gzip copies (made once, at the first ask). */
export interface PageVariant {
  html: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** The files `modules` import statically, the entry's excepted (the page loads it anyway). */
function filesFor(manifest: Manifest, modules: string[]): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const m of modules) visit(m);
  return { scripts: [...scripts], styles: [...styles] };
}

/** `index.html` with `<link>`s for `scripts` and `styles` added at the end of its head. */
function withPreloads(index: string, files: { scripts: string[]; styles: string[] }): string {
  const links = [
    ...files.scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
    ...files.styles.map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
  ].join('');
  return index.replace('</head>', `${links}</head>`);
}

/**
 * Returns the page for a path: a variant with preloads for the routes above, `null` for any
 * other path (and when the client is not built, or was built without a manifest), where the
 * plain index.html is served as it is.
 */
export function pagePreloads(staticDir: string): (pathname: string) => PageVariant | null {
  // Made again when index.html changes (a new build under a running server).
  const variants = new Map<number, { builtAt: number; page: PageVariant | null }>();
  const make = (route: number): PageVariant | null => {
    const modules = ROUTE_MODULES[route]?.modules ?? [];
    let index: string;
    let manifest: Manifest;
    try {
      index = fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8');
      manifest = JSON.parse(
        fs.readFileSync(path.join(staticDir, '.vite', 'manifest.json'), 'utf8'),
      ) as Manifest;
    } catch {
      return null;
    }
    const files = filesFor(manifest, modules);
    if (files.scripts.length === 0) return null;
    const html = Buffer.from(withPreloads(index, files));
    return {
      html,
      br: zlib.brotliCompressSync(html, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY },
      }),
      gzip: zlib.gzipSync(html, { level: 9 }),
    };
  };
  return (pathname) => {
    const route = ROUTE_MODULES.findIndex((r) => r.pattern.test(pathname));
    if (route < 0) return null;
    const builtAt = fs.statSync(path.join(staticDir, 'index.html'), {
      throwIfNoEntry: false,
    })?.mtimeMs;
    if (builtAt === undefined) return null;
    let known = variants.get(route);
    if (known?.builtAt !== builtAt) {
      known = { builtAt, page: make(route) };
      variants.set(route, known);
    }
    return known.page;
  };
}
