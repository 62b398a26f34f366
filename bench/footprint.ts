/**
 * `npm run bench:footprint`: what the server costs an operations team before anyone works on
 * it, side by side with the reference y-websocket server, same machine, same run: the time from
 * starting the process until it answers HTTP, and its resident memory once idle. Torg runs as
 * `npm start` runs it (the production build, `server/dist/main.js`; built first), and again with its metrics
 * on; the reference server in memory. Writes bench/results/footprint.json and .md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, freePort } from '../e2e/support/server-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../server');
const RUNS = 5;
const IDLE_MS = 3000;

interface Sample {
  readyMs: number;
  idleRssMb: number;
}

function rssMb(child: ChildProcess): number {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function measure(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  url: (port: number) => string,
): Promise<Sample> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  let readyMs = -1;
  while (readyMs < 0) {
    try {
      const res = await fetch(url(port));
      await res.arrayBuffer();
      readyMs = performance.now() - start;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idleRssMb = rssMb(child);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, idleRssMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

buildServer();
/** What is started, each `RUNS` times, alternating: Torg as `npm start` runs it, Torg with its
 * metrics on (prom-client loaded, Node's own metrics collected), the reference server. */
const CANDIDATES = [
  { label: 'Torg', metrics: false },
  { label: 'Torg, metrics on', metrics: true },
] as const;
const samples: Sample[][] = [[], [], []];
for (let i = 0; i < RUNS; i++) {
  for (const [k, candidate] of CANDIDATES.entries()) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-footprint-'));
    const env: Record<string, string> = { TORG_DATA_DIR: dataDir };
    if (candidate.metrics) env.TORG_METRICS_TOKEN = 'footprint-metrics-token-0123456789abcdef';
    samples[k]?.push(
      await measure(['dist/main.js'], serverDir, env, (p) => `http://127.0.0.1:${p}/healthz`),
    );
  }
  samples[2]?.push(
    await measure(['peers/y-websocket-server.mjs'], here, {}, (p) => `http://127.0.0.1:${p}/`),
  );
}
const medianOf = (runs: Sample[] = []) => ({
  readyMs: median(runs.map((s) => s.readyMs)),
  idleRssMb: median(runs.map((s) => s.idleRssMb)),
});
const [torg, torgMetrics, reference] = samples.map(medianOf) as [
  ReturnType<typeof medianOf>,
  ReturnType<typeof medianOf>,
  ReturnType<typeof medianOf>,
];
const summary = {
  when: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  runs: RUNS,
  torg,
  torgMetricsOn: torgMetrics,
  reference,
};
const ratio = torg.idleRssMb / reference.idleRssMb;
const row = (label: string, f: (m: typeof torg) => string) =>
  `| ${label} | ${f(torg)} | ${f(torgMetrics)} | ${f(reference)} |`;
const md = [
  `# Footprint: Torg (production build) beside the reference y-websocket server`,
  '',
  `${summary.when}, ${summary.machine}; medians of ${RUNS} starts each, alternating.`,
  '',
  `| | ${CANDIDATES.map((c) => c.label).join(' | ')} | reference server |`,
  '|---|---|---|---|',
  row('start until it answers HTTP', (m) => `${m.readyMs.toFixed(0)} ms`),
  row(`memory (RSS), idle ${IDLE_MS / 1000} s after start`, (m) => `${m.idleRssMb.toFixed(0)} MB`),
  '',
  `Idle memory: ${ratio.toFixed(2)} × the reference's (metrics off, the default).`,
  '',
].join('\n');
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(
  path.join(here, 'results/footprint.json'),
  `${JSON.stringify(summary, null, 2)}\n`,
);
fs.writeFileSync(path.join(here, 'results/footprint.md'), md);
process.stdout.write(md);
