/**
 * `npm run bench:compare <git-ref>`: the board benchmark (`board-10k.ts`) for another commit
 * and for this working tree, side by side in one run. The commit is checked out into a
 * temporary git worktree (kept under the system's temp folder for the next comparison with
 * it), installed and built there; both servers get the same board, the cold loads alternate
 * between them, and every figure is printed for both with its ratio (this tree ÷ the commit).
 * Absolute figures from different days on a shared machine do not compare; ratios from one
 * run do. Writes bench/results/board-compare.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '@torg/shared';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import {
  buildServer,
  type ServerProcess,
  startServerProcess,
} from '../e2e/support/server-process.js';
import {
  ensureClientBuild,
  guardRun,
  machineInfo,
  REPO_DIR,
  RESULTS_DIR,
  round1,
  runBench,
  sourceState,
} from './bench-common.js';
import { Profiler } from './board/measure.js';
import { buildBoard, seed, TOTAL } from './board/model.js';
import { type Figure, figures, shown } from './board/report.js';
import { measureTargets } from './board/run.js';
import { restartAndTime, type ServerSyncFigures } from './board/server-sync.js';

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const RUN_LIMIT_MS = 900_000;
const PNPM = ['-y', 'pnpm@10.34.9'];

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'inherit'] })
    .toString()
    .trim();

/**
 * The commit's tree, installed and built, in a worktree of its own. Reused when an earlier
 * comparison left it complete (the marker is written last).
 */
function preparedCheckout(commit: string): string {
  const dir = path.join(os.tmpdir(), `torg-compare-${commit.slice(0, 12)}`);
  const ready = path.join(dir, '.bench-ready');
  if (fs.existsSync(ready)) return dir;
  git('worktree', 'prune');
  if (fs.existsSync(dir)) git('worktree', 'remove', '--force', dir);
  git('worktree', 'add', '--detach', dir, commit);
  const run = (cwd: string, cmd: string, args: string[], env: Record<string, string> = {}) =>
    execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`installing ${commit.slice(0, 9)} in ${dir}…`);
  run(dir, 'npx', [...PNPM, 'install', '--frozen-lockfile', '--prefer-offline']);
  console.log('building its client (production)…');
  const clientDir = path.join(dir, 'client');
  run(
    clientDir,
    process.execPath,
    [path.join(clientDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { NODE_ENV: 'production' },
  );
  buildServer(path.join(dir, 'server'));
  fs.writeFileSync(ready, `${commit}\n`);
  return dir;
}

/** "1.23×" for this tree's value over the commit's; for frame rates, of the medians. */
function ratio(base: Figure, mine: Figure): string {
  if (base.value === null || mine.value === null || base.value === 0) return '–';
  return `${(mine.value / base.value).toFixed(2)}×`;
}

async function main(): Promise<number> {
  const ref = process.argv[2];
  if (!ref) {
    console.error('usage: npm run bench:compare <git-ref>   (e.g. HEAD~1, main, a74ea45)');
    return 64;
  }
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const loadAverageAtStart = os.loadavg().map(round1);
  const servers: ServerProcess[] = [];
  let browser: Browser | null = null;
  const cleanup = guardRun(RUN_LIMIT_MS, async () => {
    await browser?.close().catch(() => undefined);
    for (const s of servers) {
      await s.stop().catch(() => undefined);
      fs.rmSync(s.dataDir, { recursive: true, force: true });
    }
  });
  try {
    const checkout = preparedCheckout(commit);
    ensureClientBuild();
    buildServer();
    const serverDirs = [path.join(checkout, 'server'), undefined];
    for (const serverDir of serverDirs)
      servers.push(await startServerProcess(serverDir ? { serverDir } : {}));
    // The same board (same ids) on both; then each restarted, and its first syncs timed.
    const board = buildBoard();
    const boardId = newId();
    const serverSync: ServerSyncFigures[] = [];
    for (const [k, s] of servers.entries()) {
      await seed(s, boardId, board);
      const timed = await restartAndTime(s, boardId, serverDirs[k]);
      servers[k] = timed.server;
      serverSync.push(timed.figures);
    }
    const here = sourceState();
    const labels = [
      commit.slice(0, 9),
      `this tree (${here.commit ?? '?'}${here.uncommittedClientChanges ? ', changed' : ''})`,
    ];
    browser = await launchBrowser();
    const measured = await measureTargets(
      browser,
      servers.map((s, k) => ({ label: labels[k] ?? '', url: `${s.url}/b/${boardId}` })),
      { loads: LOADS, objects: TOTAL, bounds: board.bounds, profiler: new Profiler(false) },
    );
    const [a, b] = measured.map((m, k) => figures(m, serverSync[k] as ServerSyncFigures)) as [
      Figure[],
      Figure[],
    ];
    const rows = a.map((fa, i) => {
      const fb = b[i] as Figure;
      return [fa.label, shown(fa), shown(fb), ratio(fa, fb)];
    });
    const head = ['figure', ...labels, 'ratio'];
    const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((s, c) => (c === 0 ? s.padEnd(widths[c] ?? 0) : s.padStart(widths[c] ?? 0)))
        .join('  ');
    console.log(
      `\nboard-10k side by side, ${LOADS} cold loads each, alternating; ratio = this tree ÷ ${labels[0]}`,
    );
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, 'board-compare.json');
    fs.writeFileSync(
      out,
      `${JSON.stringify(
        {
          benchmark: 'board-10k compare',
          date: new Date().toISOString(),
          machine: machineInfo(),
          loadAverageAtStart,
          loads: LOADS,
          base: { commit, serverSync: serverSync[0], figures: measured[0] },
          tree: { source: here, serverSync: serverSync[1], figures: measured[1] },
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nresults: ${path.relative(REPO_DIR, out)}`);
    return 0;
  } finally {
    await cleanup();
  }
}

runBench(main);
