import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { interFonts } from './build/fonts.js';
import { serviceWorker } from './build/service-worker.js';

// In development the Torg server runs on :8787; the dev server forwards API and sync to it.
const backend = process.env.TORG_BACKEND ?? 'http://localhost:8787';
const here = import.meta.dirname;
// The resize handles' chunk (loaded when first needed): kept for offline use too.
const transformer = fs.realpathSync(
  createRequire(import.meta.url).resolve('konva/lib/shapes/Transformer.js'),
);

export default defineConfig({
  plugins: [
    react(),
    interFonts({
      outDir: path.join(here, 'src/fonts'),
      textFiles: [
        'nb.ts',
        'nn.ts',
        'en.ts',
        'console-nb.ts',
        'console-nn.ts',
        'console-en.ts',
        'follow-up-nb.ts',
        'follow-up-nn.ts',
        'follow-up-en.ts',
        'input-nb.ts',
        'input-nn.ts',
        'input-en.ts',
        'themes-nb.ts',
        'themes-nn.ts',
        'themes-en.ts',
      ].map((f) => path.join(here, '../shared/src/locale', f)),
    }),
    serviceWorker({
      source: path.join(here, 'src/sw.js'),
      shellModules: [
        'src/workshop/WorkshopRoute.tsx',
        'src/workshop/WorkshopBoard.tsx',
        'src/pages/ScratchBoardRoute.tsx',
        '../shared/src/locale/en.ts',
        '../shared/src/locale/nn.ts',
        transformer,
      ],
      shellAssets: /^assets\/inter-(latin-.*\.woff2|[\w-]+\.css)$/,
    }),
    // Brotli and gzip copies beside every text file; the server sends the one the browser
    // accepts (server/src/app.ts). Fonts and images are compressed already.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(js|css|html|svg)$/,
      exclude: /^\.vite\//,
      skipIfLargerOrEqual: true,
    }),
  ],
  resolve: {
    // Konva without what the board never draws (filters, sprites, text paths …): see
    // src/board/konva-core.ts for the shapes that are registered.
    alias: [
      { find: /^konva$/, replacement: path.join(here, 'src/board/konva-core.ts') },
      { find: /^react-konva$/, replacement: path.join(here, 'src/board/react-konva-core.ts') },
    ],
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/sync': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    // Terser, twice over: 3 % fewer bytes than Vite's default minifier on a phone's first load
    // (issue 18), for a few seconds more of build.
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    // Source maps only when asked for (`TORG_SOURCEMAPS=1`), never served by default.
    sourcemap: process.env.TORG_SOURCEMAPS === '1',
    // .vite/manifest.json: which chunk holds which module (the load test reads it).
    manifest: true,
    rollupOptions: {
      // The app, and the first script of a board's link (src/open-early.ts; its page names it).
      input: {
        index: path.join(here, 'index.html'),
        'open-early': path.join(here, 'src/open-early.ts'),
      },
      onwarn(warning, warn) {
        // zod ships /* @__PURE__ */ comments in positions Rollup ignores; harmless noise.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
