/**
 * Does the server stay responsive while it exports? The big workshop of `export-seed.ts`
 * (8 boards × 500 objects, 4 of them with a 4000 × 4000 px image) on the real server as a
 * process (`server/src/main.ts`), and two probes running all the time:
 *
 * - sync round trip: client A (a y-websocket provider) moves its sticky every 50 ms with a
 *   timestamp; client B on the same board records when it sees the move (A → server → B);
 * - `/healthz`: one request after another (a new one 50 ms after the last answer).
 *
 * Phases: idle, then during a whole-workshop PDF export, then during a ZIP export (each export
 * from its start to its job's `done`), `RUNS` times. Run by hand, not a test:
 *
 *   npm run bench:export-sync     (or `npx -y pnpm@10.34.9 run bench:export-sync`)
 *
 * Target (issue 15): p99 of the sync round trip during an export within 2× of idle.
 * Writes bench/results/export-sync.json and .md (`BENCH_LABEL=before` writes
 * export-sync-before.*, to compare another version of the server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boardDocId, SYNC_PATH, shapesMap, stickyDefaults } from '@torg/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  buildServer,
  type ServerProcess,
  startServerProcess,
} from '../e2e/support/server-process.js';
import { ADMIN_TOKEN, BOARDS, PER_BOARD, seedBigWorkshop } from './export-seed.js';
import { quantile } from './load-common.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IDLE_MS = 6_000;
const PROBE_MS = 50;
const here = path.dirname(fileURLToPath(import.meta.url));
/** The server to measure (another checkout's `server/` to compare versions). */
const serverDir = path.resolve(process.env.BENCH_SERVER_DIR ?? path.join(here, '..', 'server'));
const label = process.env.BENCH_LABEL ?? '';
const now = () => performance.timeOrigin + performance.now();

/** Latency samples of one phase, by probe. */
interface Samples {
  sync: number[];
  health: number[];
  /** /healthz requests that failed (connection reset) or did not answer 200. */
  healthErrors: number;
}

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    n: s.length,
    p50: r(quantile(s, 0.5)),
    p99: r(quantile(s, 0.99)),
    max: r(s.at(-1) ?? NaN),
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-bench-export-sync-'));
let server: ServerProcess | null = null;
const providers: WebsocketProvider[] = [];
try {
  const seeded = await seedBigWorkshop(dataDir, { images: 4 });
  buildServer();
  server = await startServerProcess({
    dataDir,
    serverDir,
    env: { TORG_ADMIN_TOKEN: ADMIN_TOKEN, TORG_LOG_LEVEL: 'warn' },
  });
  const base = `http://127.0.0.1:${server.port}`;
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${base}/api${p}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${seeded.facilitatorToken}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { job: { id: string; state: string; size: number | null } };
  };

  // Two clients on the first board (it has an image; the export reads it too).
  const boardId = seeded.boardIds[0] as string;
  const client = () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `ws://127.0.0.1:${server?.port}${SYNC_PATH}`,
      boardDocId(boardId),
      doc,
      {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: seeded.facilitatorToken },
      },
    );
    providers.push(provider);
    const synced = new Promise<void>((resolve) => {
      if (provider.synced) resolve();
      provider.on('sync', (s: boolean) => s && resolve());
    });
    return { doc, synced };
  };
  const a = client();
  const b = client();
  await Promise.all([a.synced, b.synced]);

  const probe: { current: Samples | null } = { current: null };
  const stickyId = 'benchprobe';
  shapesMap(a.doc).set(
    stickyId,
    new Y.Map(
      Object.entries({
        ...stickyDefaults(),
        id: stickyId,
        x: -400,
        y: -400,
        z: 'Zz',
        text: 'probe',
      }),
    ),
  );
  shapesMap(b.doc).observeDeep((events, tr) => {
    if (tr.local || !probe.current) return;
    const at = now();
    for (const e of events) {
      if (!(e.target instanceof Y.Map) || !(e as Y.YMapEvent<unknown>).keysChanged.has('t'))
        continue;
      const t = e.target.get('t');
      if (typeof t === 'number') probe.current.sync.push(at - t);
    }
  });
  let step = 0;
  const mover = setInterval(() => {
    const sticky = shapesMap(a.doc).get(stickyId);
    if (!(sticky instanceof Y.Map) || !probe.current) return;
    step++;
    a.doc.transact(() => {
      sticky.set('x', -400 + (step % 20));
      sticky.set('t', now());
    });
  }, PROBE_MS);
  let probing = true;
  const healthLoop = (async () => {
    while (probing) {
      const t = now();
      // A connection reset (seen while the server's event loop was blocked for seconds) is
      // counted, and its time until the failure taken as the sample.
      const ok = await fetch(`${base}/healthz`).then(
        async (res) => (await res.arrayBuffer()) && res.ok,
        () => false,
      );
      if (probe.current) probe.current.health.push(now() - t);
      if (probe.current && !ok) probe.current.healthErrors++;
      await new Promise((r) => setTimeout(r, PROBE_MS));
    }
  })();

  const phase = async (fn: () => Promise<void>): Promise<Samples> => {
    const samples: Samples = { sync: [], health: [], healthErrors: 0 };
    probe.current = samples;
    await fn();
    probe.current = null;
    return samples;
  };
  const exportOnce = async (format: 'pdf' | 'zip' | 'csv') => {
    const started = now();
    const { job } = await api('POST', `/workshops/${seeded.workshopId}/exports`, {
      format,
      anonymise: false,
      locale: 'nb',
    });
    let state = job;
    while (state.state === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      state = (await api('GET', `/workshops/${seeded.workshopId}/exports/${job.id}`)).job;
    }
    if (state.state !== 'done') throw new Error(`export ${format}: ${JSON.stringify(state)}`);
    return { ms: Math.round(now() - started), bytes: state.size };
  };

  // Warm-up: one small export loads the export modules (and starts workers where there are).
  await phase(async () => {
    await exportOnce('csv');
    await new Promise((r) => setTimeout(r, 1000));
  });
  const runs: { idle: Samples; pdf: Samples; zip: Samples; pdfMs: number; zipMs: number }[] = [];
  for (let r = 0; r < RUNS; r++) {
    const idle = await phase(() => new Promise((res) => setTimeout(res, IDLE_MS)));
    let pdfMs = 0;
    let zipMs = 0;
    const pdf = await phase(async () => {
      pdfMs = (await exportOnce('pdf')).ms;
    });
    await new Promise((res) => setTimeout(res, 1000));
    const zip = await phase(async () => {
      zipMs = (await exportOnce('zip')).ms;
    });
    await new Promise((res) => setTimeout(res, 1000));
    runs.push({ idle, pdf, zip, pdfMs, zipMs });
    console.log(
      `run ${r + 1}: idle sync ${JSON.stringify(summary(idle.sync))} · PDF (${pdfMs} ms) sync ${JSON.stringify(summary(pdf.sync))} health ${JSON.stringify(summary(pdf.health))} · ZIP (${zipMs} ms) sync ${JSON.stringify(summary(zip.sync))} health ${JSON.stringify(summary(zip.health))}`,
    );
  }
  clearInterval(mover);
  probing = false;
  await healthLoop;

  const pooled = (k: 'idle' | 'pdf' | 'zip', p: 'sync' | 'health') =>
    summary(runs.flatMap((r) => r[k][p]));
  const errors = (k: 'idle' | 'pdf' | 'zip') => runs.reduce((n, r) => n + r[k].healthErrors, 0);
  const result = {
    date: new Date().toISOString(),
    label: label || 'current',
    server: path.relative(path.join(here, '..'), serverDir) || serverDir,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    workshop: { boards: BOARDS, objectsPerBoard: PER_BOARD, images: seeded.images, imagePx: 4000 },
    probeEveryMs: PROBE_MS,
    runs: runs.map((r) => ({
      pdfMs: r.pdfMs,
      zipMs: r.zipMs,
      idle: {
        sync: summary(r.idle.sync),
        health: summary(r.idle.health),
        healthErrors: r.idle.healthErrors,
      },
      pdf: {
        sync: summary(r.pdf.sync),
        health: summary(r.pdf.health),
        healthErrors: r.pdf.healthErrors,
      },
      zip: {
        sync: summary(r.zip.sync),
        health: summary(r.zip.health),
        healthErrors: r.zip.healthErrors,
      },
    })),
    pooled: {
      idle: {
        sync: pooled('idle', 'sync'),
        health: pooled('idle', 'health'),
        healthErrors: errors('idle'),
      },
      pdf: {
        sync: pooled('pdf', 'sync'),
        health: pooled('pdf', 'health'),
        healthErrors: errors('pdf'),
      },
      zip: {
        sync: pooled('zip', 'sync'),
        health: pooled('zip', 'health'),
        healthErrors: errors('zip'),
      },
    },
  };
  const idleP99 = result.pooled.idle.sync.p99;
  const verdict = (p99: number) =>
    `${(p99 / idleP99).toFixed(1)}× idle ${p99 <= 2 * idleP99 ? 'OK' : 'MISSED'}`;
  const row = (name: string, k: 'idle' | 'pdf' | 'zip') => {
    const s = result.pooled[k].sync;
    const h = result.pooled[k].health;
    const e = result.pooled[k].healthErrors;
    return `| ${name} | ${s.p50} | ${s.p99} | ${s.max} | ${h.p50} | ${h.p99} | ${h.max}${e ? ` (${e} reset)` : ''} | ${k === 'idle' ? '' : verdict(s.p99)} |`;
  };
  const md = [
    `# Sync and /healthz during exports (${result.label})`,
    '',
    `${result.date} · ${result.machine} · load average at start ${result.loadAverageAtStart.join(' ')} · ${RUNS} runs, samples pooled · ${BOARDS} boards × ${PER_BOARD} objects, ${seeded.images} images of 4000 × 4000 px`,
    '',
    `Export durations: PDF ${runs.map((r) => r.pdfMs).join(', ')} ms; ZIP ${runs.map((r) => r.zipMs).join(', ')} ms.`,
    '',
    '| phase | sync p50 ms | sync p99 ms | sync max ms | /healthz p50 ms | /healthz p99 ms | /healthz max ms | sync p99 vs idle (target ≤ 2×) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('idle', 'idle'),
    row('during PDF export', 'pdf'),
    row('during ZIP export', 'zip'),
    '',
  ].join('\n');
  console.log(`\n${md}`);
  const out = path.join(here, 'results');
  fs.mkdirSync(out, { recursive: true });
  const stem = `export-sync${label ? `-${label}` : ''}`;
  fs.writeFileSync(path.join(out, `${stem}.json`), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(out, `${stem}.md`), md);
  console.log(`written to bench/results/${stem}.json and .md`);
} finally {
  for (const p of providers) p.destroy();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
// The y-websocket providers leave handles behind even when destroyed: stop here.
process.exit(process.exitCode ?? 0);
