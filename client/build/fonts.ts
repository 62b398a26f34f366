import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';
import type { Plugin } from 'vite';
import { charsOf, extWithout, latinWith, type Range, unicodeRange } from './font-ranges.js';

/** The TTFs the server's exports embed; the browser gets WOFF2 subsets of the same files. */
const WEIGHTS = [
  { weight: 400, ttf: 'Inter-Regular.ttf' },
  { weight: 700, ttf: 'Inter-Bold.ttf' },
] as const;

/**
 * The OpenType features browsers apply by default to Latin text (kerning, ligatures, marks).
 * Inter's optional ones (tabular figures, stylistic sets …) are never asked for by the canvas
 * or the CSS, and would double the files.
 */
const FEATURES = ['kern', 'liga', 'clig', 'calt', 'ccmp', 'locl', 'mark', 'mkmk', 'rlig', 'rvrn'];

/** Bump to regenerate the fonts when this file's output changes in a way the inputs do not show. */
const FORMAT = 1;

export interface FontBuild {
  /** Where the faces and `inter.css` are written (imported by `src/board/text-fit.ts` once a board is drawn). */
  outDir: string;
  /** Files whose every character must be in the latin face (the locale files). */
  textFiles: string[];
}

/**
 * Makes Inter's WOFF2 subsets and their `@font-face` rules (`inter.css`) before Vite reads the
 * CSS: at the start of a build and of the dev server. Skipped when the TTFs, the locale texts
 * and this code's format are what the files were made from.
 */
export function interFonts(build: FontBuild): Plugin {
  return {
    name: 'torg-inter-fonts',
    async buildStart() {
      await writeInterFonts(build);
    },
  };
}

export async function writeInterFonts({ outDir, textFiles }: FontBuild): Promise<void> {
  const require = createRequire(import.meta.url);
  const ttfs = WEIGHTS.map((w) => ({
    ...w,
    bytes: fs.readFileSync(require.resolve(`@torg/shared/assets/fonts/${w.ttf}`)),
  }));
  const texts = textFiles.map((f) => fs.readFileSync(f, 'utf8'));
  const latin = latinWith(texts);
  const ext = extWithout(latin);

  const hash = createHash('sha256').update(`${FORMAT}\n${unicodeRange(latin)}\n${FEATURES}`);
  for (const t of ttfs) hash.update(t.bytes);
  const stamp = hash.digest('hex');
  const stampFile = path.join(outDir, 'stamp.txt');
  const files = ttfs.flatMap((t) => [
    `inter-latin-${t.weight}.woff2`,
    `inter-ext-${t.weight}.woff2`,
  ]);
  const present = [...files, 'inter.css'].every((f) => fs.existsSync(path.join(outDir, f)));
  if (present && readOr(stampFile) === stamp) return;

  fs.mkdirSync(outDir, { recursive: true });
  const faces: string[] = [];
  for (const t of ttfs) {
    for (const [subset, ranges] of [
      ['latin', latin],
      ['ext', ext],
    ] as const) {
      const file = `inter-${subset}-${t.weight}.woff2`;
      const woff2 = await subsetFont(t.bytes, charsOf(ranges), {
        targetFormat: 'woff2',
        keepFeatures: FEATURES,
      });
      fs.writeFileSync(path.join(outDir, file), woff2);
      faces.push(fontFace(t.weight, file, ranges));
    }
  }
  fs.writeFileSync(
    path.join(outDir, 'inter.css'),
    `/* Made by client/build/fonts.ts from @torg/shared/assets/fonts (OFL) at build time. */\n${faces.join('\n')}`,
  );
  fs.writeFileSync(stampFile, stamp);
}

function fontFace(weight: number, file: string, ranges: readonly Range[]): string {
  return `@font-face {
  font-family: "Inter";
  font-style: normal;
  font-weight: ${weight};
  font-display: swap;
  src: url("./${file}") format("woff2");
  unicode-range: ${unicodeRange(ranges)};
}
`;
}

function readOr(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
