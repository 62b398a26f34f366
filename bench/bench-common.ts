/**
 * What the browser benchmarks (`board-10k.ts`, `phone.ts`) share: the production client build,
 * which code and machine were measured, and the printed table of figures beside targets.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = path.resolve(BENCH_DIR, '..');
export const CLIENT_DIR = path.join(REPO_DIR, 'client');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

export const round1 = (n: number): number => Math.round(n * 10) / 10;

function newestMtime(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Production build unless dist/index.html is newer than every client (and shared) source. */
export function ensureClientBuild(): boolean {
  const index = path.join(CLIENT_DIR, 'dist', 'index.html');
  const built = fs.statSync(index, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(
    newestMtime(path.join(CLIENT_DIR, 'src')),
    newestMtime(path.join(CLIENT_DIR, 'public')),
    newestMtime(path.join(CLIENT_DIR, 'index.html')),
    newestMtime(path.join(CLIENT_DIR, 'vite.config.ts')),
    newestMtime(path.join(REPO_DIR, 'shared', 'src')),
  );
  if (built > sources) return false;
  console.log('building the client (production)…');
  execFileSync(
    process.execPath,
    [
      path.join(CLIENT_DIR, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
    ],
    { cwd: CLIENT_DIR, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
  );
  return true;
}

/** Which code was measured: HEAD and whether client or shared sources differ from it (read-only). */
export function sourceState(): { commit: string | null; uncommittedClientChanges: boolean | null } {
  const git = (...args: string[]) =>
    execFileSync('git', ['--no-optional-locks', ...args], { cwd: REPO_DIR, stdio: 'pipe' })
      .toString()
      .trim();
  let commit: string | null = null;
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    git('diff', '--quiet', 'HEAD', '--', 'client', 'shared');
    return { commit, uncommittedClientChanges: false };
  } catch {
    return { commit, uncommittedClientChanges: commit === null ? null : true };
  }
}

/** The machine the figures came from; they mean little on another one. */
export function machineInfo() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: round1(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** One figure of a printed table; `ok` null when it has no target. */
export interface Row {
  label: string;
  value: string;
  target: string;
  ok: boolean | null;
}

export function printTable(title: string[], rows: Row[]): void {
  const w0 = Math.max(...rows.map((r) => r.label.length));
  const w1 = Math.max(...rows.map((r) => r.value.length));
  const w2 = Math.max(...rows.map((r) => r.target.length));
  const line = '-'.repeat(w0 + w1 + w2 + 14);
  console.log(`\n${title.join('\n')}\n${line}`);
  console.log(`${'figure'.padEnd(w0)}  ${'value'.padStart(w1)}  ${'target'.padEnd(w2)}  result`);
  console.log(line);
  for (const r of rows) {
    const verdict = r.ok === null ? '' : r.ok ? 'ok' : 'MISSED';
    console.log(
      `${r.label.padEnd(w0)}  ${r.value.padStart(w1)}  ${r.target.padEnd(w2)}  ${verdict}`,
    );
  }
  console.log(line);
}

/** Runs a benchmark's `main` and exits with its code (1, with the stack, when it throws). */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}

/**
 * A benchmark run's way out: `cleanUp` runs once — when the run ends (call the returned
 * `finish`), on Ctrl-C, or when the run takes longer than `limitMs` (a hung browser must not
 * leave a server and its temporary data behind).
 */
export function guardRun(limitMs: number, cleanUp: () => Promise<void>): () => Promise<void> {
  let cleaned = false;
  const once = async () => {
    if (cleaned) return;
    cleaned = true;
    await cleanUp();
  };
  const watchdog = setTimeout(() => {
    console.error(`bench: over ${limitMs / 1000} s, giving up`);
    void once().finally(() => process.exit(2));
  }, limitMs);
  const onSignal = () => void once().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    clearTimeout(watchdog);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    return once();
  };
}
