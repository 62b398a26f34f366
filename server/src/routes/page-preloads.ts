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
const ROUTE_MODULES: { pattern: RegExp; modules: string[]; first?: string }[] = [
  {
    pattern: /^\/w\/[^/]+\/b\/[^/]+\/?$/,
    modules: ['src/workshop/WorkshopRoute.tsx', 'src/workshop/WorkshopBoard.tsx'],
    // A script of its own, run as soon as it has arrived: it opens the board's and the
    // workshop's documents while the rest of the code is still downloading.
    first: 'src/open-early.ts',
  },
  { pattern: /^\/w\/[^/]+(?:\/.*)?$/, modules: ['src/workshop/WorkshopRoute.tsx'] },
  // An open board's link: its document is opened early too.
  {
    pattern: /^\/b\/[^/]+\/?$/,
    modules: ['src/pages/ScratchBoardRoute.tsx'],
    first: 'src/open-early.ts',
  },
  // An input round's public pages: a stakeholder opens the link on a phone, once.
  { pattern: /^\/innspill\/[^/]+\/[^/]+(?:\/svar)?\/?$/, modules: ['src/input/InputPage.tsx'] },
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

interface PageFiles {
  /** A script to run as soon as it arrives (an entry of its own), if any. */
  first: string | null;
  scripts: string[];
  styles: string[];
}

/**
 * The files a route's `modules` import statically, the app's entry excepted (the page loads
 * it anyway), and its `first` script with what that imports.
 */
function filesFor(manifest: Manifest, route: (typeof ROUTE_MODULES)[number]): PageFiles {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const first = route.first ? manifest[route.first] : undefined;
  // Its imports first: they are what it waits for.
  for (const imported of first?.imports ?? []) visit(imported);
  for (const m of route.modules) visit(m);
  return { first: first?.file ?? null, scripts: [...scripts], styles: [...styles] };
}

/** `index.html` with the `first` script and `<link>`s for the others added to its head. */
function withPreloads(index: string, files: PageFiles): string {
  const tags = [
    ...(files.first
      ? [`<script type="module" async crossorigin src="/${files.first}"></script>`]
      : []),
    ...files.scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
    ...files.styles.map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
  ].join('');
  return index.replace('</head>', `${tags}</head>`);
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
    const routeModules = ROUTE_MODULES[route];
    if (!routeModules) return null;
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
    const files = filesFor(manifest, routeModules);
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
