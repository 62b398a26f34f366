import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

export interface ServiceWorkerBuild {
  /** The service worker's source, with the `/* precache *\/ []` and `/* version *\/ 'dev'` marks. */
  source: string;
  /**
   * The modules (paths relative to the client's root) whose chunks a participant's reload
   * needs offline; their static imports and styles come along.
   */
  shellModules: string[];
  /** Assets (fonts) to precache too, by file name. */
  shellAssets: RegExp;
}

const PRECACHE_MARK = '/* precache */ []';
const VERSION_MARK = "/* version */ 'dev'";

/**
 * Writes `sw.js` into the build with the list of files to precache: the entry chunk and the
 * chunks of `shellModules` with everything they import statically, their CSS, and the assets
 * `shellAssets` matches. The list names hashed files, so every new version changes `sw.js`.
 */
export function serviceWorker(build: ServiceWorkerBuild): Plugin {
  let root = '';
  return {
    name: 'torg-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const files = shellFiles(bundle, build, root);
      const source = fs.readFileSync(build.source, 'utf8');
      if (!source.includes(PRECACHE_MARK) || !source.includes(VERSION_MARK))
        this.error(`${build.source} lacks the marks ${PRECACHE_MARK} and ${VERSION_MARK}`);
      const urls = files.map((f) => `/${f}`);
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: source
          .replace(PRECACHE_MARK, JSON.stringify(urls))
          .replace(VERSION_MARK, JSON.stringify(version)),
      });
    },
  };
}

/** The bundle's files a participant's pages need, sorted. */
export function shellFiles(
  bundle: OutputBundle,
  build: ServiceWorkerBuild,
  root: string,
): string[] {
  const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const wanted = new Set(build.shellModules.map((m) => path.resolve(root, m)));
  // The entries (the app, a board link's first script) and the chunks of the shell modules.
  const entries = chunks.filter((c) => c.isEntry);
  const start = chunks.filter(
    (c) => c.isEntry || (c.facadeModuleId !== null && wanted.has(c.facadeModuleId)),
  );
  if (start.length !== build.shellModules.length + entries.length)
    throw new Error(`service worker: not every shell module is a chunk (${build.shellModules})`);
  const out = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (out.has(chunk.fileName)) return;
    out.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) out.add(css);
    for (const dep of chunk.imports) {
      const next = byFile.get(dep);
      if (next) visit(next);
    }
  };
  for (const c of start) visit(c);
  for (const name of Object.keys(bundle)) if (build.shellAssets.test(name)) out.add(name);
  return [...out].sort();
}
