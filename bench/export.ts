/**
 * Export of a big workshop: 8 group boards × 500 objects (stickies, shapes, texts, arrows),
 * with comments, suggestions and a dot vote, exported to the PDF report and to the ZIP
 * bundle from the data dir (as the CLI does). Run by hand, not a test:
 *
 *   npm run bench:export        (or `npx -y pnpm@10.34.9 run bench:export`)
 *
 * Targets (issue 7, this machine): PDF ≤ 5 s, ZIP ≤ 10 s, peak RSS ≤ 500 MB. Each export runs
 * three times in a fresh process (`export-run.ts`); the median time and the highest peak are
 * reported and written to bench/results/export.json.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  boardDocId,
  type Connector,
  connectorDefaults,
  GEO_KINDS,
  geoDefaults,
  ORIGIN_SERVER,
  type Shape,
  STICKY_COLORS,
  stickyDefaults,
  textDefaults,
  writeShapes,
  zAbove,
} from '@torg/shared';
import { defaultConfig } from '../server/src/config.js';
import { silentLogger } from '../server/src/logger.js';
import { startServer } from '../server/src/server.js';

const BOARDS = 8;
const PER_BOARD = 500;
const RUNS = 3;
const TARGETS = { pdfMs: 5_000, zipMs: 10_000, rssMb: 500 } as const;
const here = path.dirname(fileURLToPath(import.meta.url));

const WORDS =
  'trygghet mestring nærhet velferdsteknologi pårørende frivillige økonomi kompetanse rekruttering hjemmetjenester sykehjem digitalisering samarbeid innbyggere ungdomsråd folkehelse'.split(
    ' ',
  );
const sentence = (i: number, n: number) =>
  Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');

/** 500 objects on a grid: 300 stickies, 100 shapes, 60 texts, 40 arrows between stickies. */
function boardShapes(b: number): Shape[] {
  const out: Shape[] = [];
  let z: string | null = null;
  const next = () => {
    z = zAbove(z === null ? [] : [z]);
    return z;
  };
  const at = (i: number) => ({ x: (i % 25) * 260, y: Math.floor(i / 25) * 260 });
  for (let i = 0; i < 300; i++)
    out.push({
      ...stickyDefaults(),
      id: `s${b}x${i}`,
      z: next(),
      ...at(i),
      color: STICKY_COLORS[i % STICKY_COLORS.length] ?? 'yellow',
      text: `${i + 1}. ${sentence(i + b, 4 + (i % 6))}`,
    } as Shape);
  for (let i = 0; i < 100; i++)
    out.push({
      ...geoDefaults(),
      id: `g${b}x${i}`,
      z: next(),
      ...at(300 + i),
      kind: GEO_KINDS[i % GEO_KINDS.length],
      text: sentence(i, 2),
    } as Shape);
  for (let i = 0; i < 60; i++)
    out.push({
      ...textDefaults(),
      id: `t${b}x${i}`,
      z: next(),
      ...at(400 + i),
      text: sentence(i + 3, 3),
    } as Shape);
  for (let i = 0; i < 40; i++) {
    const c: Connector = {
      ...connectorDefaults(),
      id: `c${b}x${i}`,
      z: next(),
      start: { kind: 'shape', shapeId: `s${b}x${i}` },
      end: { kind: 'shape', shapeId: `s${b}x${i + 1}` },
    };
    out.push(c);
  }
  return out;
}

async function seed(dataDir: string): Promise<string> {
  // Creating a gathering needs the administrator token (or a facilitator session).
  const adminToken = crypto.randomBytes(24).toString('base64url');
  const server = await startServer(
    defaultConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      staticDir: null,
      logger: silentLogger,
      adminToken,
    }),
  );
  const base = `${server.url.replace('localhost', '127.0.0.1')}/api`;
  const call = async (method: string, p: string, token: string | null, body?: unknown) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const created = await call('POST', '/workshops', adminToken, {
    title: 'Stor samling i Ås',
    date: '2026-11-23',
    groups: Array.from({ length: BOARDS }, (_, i) => `Gruppe ${i + 1}`),
    facilitatorName: 'Fasilitator',
  });
  const wid = created.workshopId as string;
  const fac = created.token as string;
  const info = await call('GET', `/join/${created.joinCode as string}`, null);
  const groups = (info.groups as { id: string }[]).map((g) => g.id);
  const people: string[] = [];
  for (const [i, g] of groups.entries())
    for (const n of [1, 2]) {
      const r = await call('POST', '/join', null, {
        code: created.joinCode,
        name: `Deltaker ${i + 1}-${n}`,
        groupId: g,
      });
      people.push(r.token as string);
    }
  const phase = await call('POST', `/workshops/${wid}/phases`, fac, { name: 'Idémyldring' });
  const boardIds = phase.boardIds as string[];
  for (const [b, boardId] of boardIds.entries()) {
    const room = await server.registry.acquire(boardDocId(boardId));
    writeShapes(room.doc, boardShapes(b), ORIGIN_SERVER);
    server.registry.release(room);
    for (let k = 0; k < 10; k++)
      await call('POST', `/workshops/${wid}/boards/${boardId}/comments`, fac, {
        kind: k % 2 ? 'comment' : 'suggestion',
        text: sentence(k, 8),
        ...(k % 2 ? {} : { proposal: sentence(k + 1, 4) }),
        pin: { shapeId: `s${b}x${k}` },
      });
  }
  await call('POST', `/workshops/${wid}/vote`, fac, { boardIds, dots: 3 });
  for (const [i, token] of people.entries())
    for (let d = 0; d < 3; d++) {
      const b = (i + d) % BOARDS;
      await call('POST', `/workshops/${wid}/boards/${boardIds[b]}/dots`, token, {
        shapeId: `s${b}x${(i * 3 + d) % 300}`,
      });
    }
  await call('POST', `/workshops/${wid}/vote/close`, fac);
  await server.close();
  return wid;
}

function runOnce(dataDir: string, wid: string, format: 'pdf' | 'zip') {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'export-run.ts'), dataDir, wid, format],
    { cwd: here, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    bytes: number;
    maxRssMb: number;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-bench-export-'));
try {
  const seedStart = performance.now();
  const wid = await seed(dataDir);
  if (process.env.BENCH_KEEP) console.log(`workshop ${wid}`);
  console.log(
    `seeded ${BOARDS} boards × ${PER_BOARD} objects in ${Math.round(performance.now() - seedStart)} ms`,
  );
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    workshop: { boards: BOARDS, objectsPerBoard: PER_BOARD, comments: BOARDS * 10, dots: 48 },
    targets: TARGETS,
  };
  for (const format of ['pdf', 'zip'] as const) {
    const runs = Array.from({ length: RUNS }, () => runOnce(dataDir, wid, format));
    const ms = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.maxRssMb));
    const target = format === 'pdf' ? TARGETS.pdfMs : TARGETS.zipMs;
    results[format] = {
      medianMs: ms,
      runsMs: runs.map((r) => r.ms),
      bytes: runs[0]?.bytes,
      peakRssMb: rss,
    };
    console.log(
      `${format.toUpperCase()}: median ${ms} ms (runs ${runs.map((r) => r.ms).join(', ')}; target ≤ ${target}) · ${(runs[0]?.bytes ?? 0) / 1e6} MB · peak RSS ${rss} MB (target ≤ ${TARGETS.rssMb}) ${ms <= target && rss <= TARGETS.rssMb ? 'OK' : 'MISSED'}`,
    );
  }
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(here, 'results', 'export.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log('written to bench/results/export.json');
} finally {
  // BENCH_KEEP=1 keeps the seeded data folder, to profile one export by hand:
  //   node --import tsx export-run.ts <dataDir> <workshopId> zip
  if (process.env.BENCH_KEEP) console.log(`kept ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}
