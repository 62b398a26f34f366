// The production build of the server: TypeScript compiled once at install (`npm start` runs
// dist/main.js) instead of at every start, with @torg/shared bundled in. The packages the server
// has in its own node_modules stay imports, loaded when used: the export stack (PDF, Word,
// images) and the PostgreSQL and Redis clients only by a server that needs them (code
// splitting keeps each dynamic import a chunk of its own). Development keeps `tsx watch`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const own = (name) => fs.existsSync(path.join(here, 'node_modules', name));
/** A bare import's package name (`@scope/name` or `name`). */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

fs.rmSync(path.join(here, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: here,
  // The server, and the workers it starts on threads (render-pool.ts and sqlite-log-writer.ts
  // find them beside).
  entryPoints: ['src/main.ts', 'src/export/render-worker.ts', 'src/storage/sqlite-log-worker.ts'],
  entryNames: '[name]',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // For `node --enable-source-maps` when a stack trace is needed (not by default: 12 MB);
  // the sources are in the checkout, not copied into the maps.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [
    {
      name: 'own-packages-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('node:')) return { external: true };
          const name = packageOf(args.path);
          // Our shared package is TypeScript: bundled. Its own dependencies (not in the
          // server's node_modules) are bundled with it; everything else is the server's.
          if (name === '@torg/shared' || !own(name)) return undefined;
          return { external: true };
        });
      },
    },
  ],
});
