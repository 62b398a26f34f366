/**
 * `npm run bench:themes`: how long finding themes takes ("Mye er sammenfallende"), for the
 * five insight boards of the test fixture (150 notes) and for 1,000 and 1,500 notes (the
 * most a phase's themes hold) written from the fixture's words, 8 groups. Each size is run
 * `RUNS` times after one warm-up; the first call of all (the stemmer built) is shown apart.
 * The target: 1,000 notes in at most 1 s. Writes bench/results/themes.json and .md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findThemes, type ThemeNote } from '@torg/shared/themes';
import { INSIGHT_BOARDS } from '../shared/src/themes/insight-boards.fixture.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = 7;
const GROUPS = 8;

const fixture: ThemeNote[] = INSIGHT_BOARDS.flatMap((b, g) =>
  b.notes.map((n, i) => ({ id: `f${g}-${i}`, text: n.text, groupId: `g${g}` })),
);

/** Seeded, so every run measures the same notes. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** `count` notes: fixture notes with some of their words swapped for words of other notes. */
function notesOf(count: number): ThemeNote[] {
  const next = random(count);
  const words = fixture.flatMap((n) => n.text.split(/\s+/));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const own = pick(fixture).text.split(/\s+/);
    for (let k = Math.floor(next() * 3); k > 0; k--)
      own.splice(Math.floor(next() * own.length), 1, pick(words));
    return { id: `n${i}`, text: own.join(' '), groupId: `g${i % GROUPS}` };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const firstStart = performance.now();
findThemes(fixture, 'nb');
const firstCallMs = performance.now() - firstStart;

const rows = [
  { label: 'fixture (5 boards)', notes: fixture },
  { label: '1,000 notes', notes: notesOf(1000) },
  { label: '1,500 notes (the most)', notes: notesOf(1500) },
].map(({ label, notes }) => {
  findThemes(notes, 'nb');
  const times: number[] = [];
  let result = findThemes(notes, 'nb');
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    result = findThemes(notes, 'nb');
    times.push(performance.now() - start);
  }
  return {
    label,
    notes: notes.length,
    medianMs: Math.round(median(times) * 10) / 10,
    maxMs: Math.round(Math.max(...times) * 10) / 10,
    themes: result.themes.length,
    sharedByTwoOrMore: result.themes.filter((t) => t.groupIds.length >= 2).length,
    loose: result.loose.length,
  };
});

const thousand = rows.find((r) => r.notes === 1000);
const verdict = thousand && thousand.maxMs <= 1000 ? 'OK' : 'MISSED';
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`;
const lines = [
  '# Themes: finding what the groups share',
  '',
  `${new Date().toISOString()} · ${machine} · median and slowest of ${RUNS} runs after a warm-up`,
  '',
  '| notes | median ms | slowest ms | themes | in 2+ groups | loose notes |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.medianMs} | ${r.maxMs} | ${r.themes} | ${r.sharedByTwoOrMore} | ${r.loose} |`,
  ),
  '',
  `First call of the process (the stemmer built, fixture): ${firstCallMs.toFixed(1)} ms.`,
  `Target 1,000 notes ≤ 1 s (slowest run): ${verdict}.`,
];
const out = path.join(here, 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(
  path.join(out, 'themes.json'),
  `${JSON.stringify({ machine, firstCallMs, rows, verdict }, null, 2)}\n`,
);
fs.writeFileSync(path.join(out, 'themes.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
