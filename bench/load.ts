/**
 * Load benchmark: many headless Yjs clients (in their own processes, `load-client.ts`) against
 * a server in another process — Torg, the reference y-websocket server and Hocuspocus 3 in
 * alternating runs. Run by hand, not a test:
 *
 *   npm run bench:load        (or `npx -y pnpm@10.34.9 run bench:load`)
 *
 *   LOAD_SCALE=0.2          clients, objects, edits and durations × 0.2 (quick runs)
 *   LOAD_RUNS=3             runs per server (medians are reported)
 *   LOAD_SCENARIOS=1,6,2,3,4  which scenarios (5, Torg on two servers with PostgreSQL and
 *                           Redis, only when asked for); 1 and 6 are the heavy and the light
 *                           workshop, whose Torg / reference ratios are printed run by run
 *   LOAD_SERVERS=torg,yws,hocus  (and `relay`: a bare relay, the floor any server can reach)
 *   LOAD_PROCS=2            generator processes for scenarios 1, 2 and 5
 *   LOAD_OUT=load           name of the results files
 *
 * Writes bench/results/load.json and load.md. See README.md next to this file.
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORIGIN_LOCAL, type Shape, shapesMap, stickyDefaults, writeShapes } from '@torg/shared';
import * as Y from 'yjs';
import { buildServer, freePort, startServerProcess } from '../e2e/support/server-process.js';
import { startRedis, type TestRedis } from '../server/test/cluster-support.js';
import { freshDatabase, startPostgres, type TestPostgres } from '../server/test/postgres.js';
import {
  type ClientStats,
  connect,
  type FromClient,
  median,
  now,
  quantile,
  received,
  SERVER_KINDS,
  SERVER_LABEL,
  type ServerKind,
  type ToClient,
} from './load-common.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const SQLITE_FILE = 'torg.sqlite';

const SCALE = Number(process.env.LOAD_SCALE ?? 1);
const RUNS = Math.max(1, Number(process.env.LOAD_RUNS ?? 3));
const SCENARIOS = (process.env.LOAD_SCENARIOS ?? '1,6,2,3,4')
  .split(',')
  .map((s) => Number(s.trim()));
const SERVERS = (process.env.LOAD_SERVERS ?? SERVER_KINDS.join(','))
  .split(',')
  .map((s) => s.trim()) as ServerKind[];
const PROCS = Math.max(1, Number(process.env.LOAD_PROCS ?? 2));
const OUT = process.env.LOAD_OUT ?? 'load';
/** Torg servers in scenario 5, sharing one PostgreSQL and one Redis. */
const CLUSTER_SERVERS = 2;
/** A generator process above this share of a core may itself be the bottleneck. */
const SATURATED = 0.85;
const GRACE_MS = 2_000;
const STICKIES_PER_CLIENT = 3;
const scaled = (n: number, min: number) => Math.max(min, Math.round(n * SCALE));
/**
 * Every client connects from 127.0.0.1, and Torg allows 32 connections per remote address
 * without a token (shared/src/protocol.ts): lift that cap, as if the clients were on
 * different machines. The per-connection message budget stays at its default.
 */
process.env.TORG_MAX_CONNECTIONS_PER_CLIENT ??= '100000';

const TARGETS = {
  s1: { editP99Ms: 10, cursorP99Ms: 15, deliveredRatio: 1 },
  s6: { editP99Ms: 10, cursorP99Ms: 15, deliveredRatio: 1 },
  /** Workshops (1 and 6), every run: Torg's p99 and CPU at most this × the reference's. */
  vsReference: { p99: 0.8, cpu: 1 },
  s2: { editP99Ms: 50, cursorP99Ms: 100 },
  s3: { serverLoadMs: 300 },
  s4: { durableP99Ms: 100 },
  idleRssPerConnMb: 0.5,
  /** Torg's resident memory under scenario 1's load, at most this × the reference server's. */
  rssUnderLoadRatio: 1.5,
} as const;

// ---------------------------------------------------------------------------------------------
// Servers and /proc

const PEER_SCRIPT: Record<Exclude<ServerKind, 'torg'>, string> = {
  yws: 'y-websocket-server.mjs',
  hocus: 'hocuspocus-server.mjs',
  relay: 'bare-relay.mjs',
};

interface Running {
  kind: ServerKind;
  port: number;
  pid: number;
  dataDir: string | null;
  stop(): Promise<void>;
}

async function startServer(
  kind: ServerKind,
  dataDir?: string,
  env: Record<string, string> = {},
): Promise<Running> {
  // LOAD_PROFILE=<dir>: a CPU profile of every server process, written when it stops (Torg's
  // and the reference's side by side show what Torg does besides relaying).
  const nodeArgs = process.env.LOAD_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.LOAD_PROFILE, kind)}`]
    : [];
  if (kind === 'torg') {
    const s = await startServerProcess({ ...(dataDir ? { dataDir } : {}), nodeArgs, env });
    return { kind, port: s.port, pid: s.child.pid as number, dataDir: s.dataDir, stop: s.stop };
  }
  const port = await freePort();
  const script = path.join(BENCH_DIR, 'peers', PEER_SCRIPT[kind]);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: BENCH_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
    if (process.env.LOAD_DEBUG) process.stderr.write(d);
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(String(port))) resolve();
    });
    void exited.then(() => reject(new Error(`${kind} exited early:\n${log}`)));
  });
  return {
    kind,
    port,
    pid: child.pid as number,
    dataDir: null,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What a stop on SIGINT or SIGTERM must still clean up (PostgreSQL runs detached). */
const cleanups = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`${signal}: stopping servers, PostgreSQL and Redis`);
    void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
  });

/** The servers of one run, and for several Torg servers the PostgreSQL and Redis they share. */
interface Deployment {
  servers: Running[];
  /** PostgreSQL's processes (the postmaster and its children) and Redis's, now. */
  postgresPids(): number[];
  redisPids(): number[];
  stop(): Promise<void>;
}

function pgrep(args: string[]): number[] {
  try {
    return execFileSync('pgrep', args).toString().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // exit status 1: none
  }
}

async function deploy(kind: ServerKind, count: number): Promise<Deployment> {
  if (count === 1) {
    const server = await startServer(kind);
    return { servers: [server], postgresPids: () => [], redisPids: () => [], stop: server.stop };
  }
  if (kind !== 'torg') throw new Error(`only Torg runs on several servers, not ${kind}`);
  const servers: Running[] = [];
  let pg: TestPostgres | undefined;
  let redis: TestRedis | undefined;
  const stop = async () => {
    cleanups.delete(stop);
    await Promise.allSettled(servers.map((s) => s.stop()));
    await Promise.allSettled([pg?.stop(), redis?.stop()]);
  };
  cleanups.add(stop);
  try {
    pg = await startPostgres();
    redis = await startRedis();
    const env = {
      TORG_DATABASE_URL: await freshDatabase(pg.url),
      TORG_REDIS_URL: redis.url,
      TORG_SECRET: crypto.randomBytes(32).toString('hex'),
    };
    // One after the other: the first creates the schema.
    for (let i = 0; i < count; i++) servers.push(await startServer(kind, undefined, env));
  } catch (e) {
    await stop();
    throw e;
  }
  const pgPort = new URL(pg.url).port;
  const redisPort = redis.port;
  return {
    servers,
    postgresPids() {
      const postmaster = pgrep(['-f', `bin/postgres .*-p ${pgPort} `]);
      return [...postmaster, ...postmaster.flatMap((p) => pgrep(['-P', String(p)]))];
    },
    redisPids: () => pgrep(['-f', `^redis-server 127\\.0\\.0\\.1:${redisPort}`]),
    stop,
  };
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds of a process so far: in its own code (user) and in the kernel for it (system). */
function cpuTimes(pid: number): { user: number; system: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command: state is [0], utime is field 14 of the whole line → [11].
  return { user: Number(fields[11]) / CLK_TCK, system: Number(fields[12]) / CLK_TCK };
}

/** CPU seconds (user + system) of a process so far. */
function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/** CPU seconds of each process that is still there. */
function cpuByPid(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      out.set(pid, cpuSeconds(pid));
    } catch {
      // gone (a PostgreSQL backend that closed)
    }
  }
  return out;
}

/** CPU seconds used between two samples by processes alive at the second (new ones: all). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

function wchar(pid: number): number {
  try {
    const m = /wchar:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// ---------------------------------------------------------------------------------------------
// Scenarios 1 and 2: clients moving stickies and cursors

interface LoadSpec {
  boards: number;
  perBoard: number;
  editsPerSec: number;
  cursorsPerSec: number;
  warmupMs: number;
  measureMs: number;
  /**
   * Clients per board that decode what they receive and measure latency; the others are
   * senders that drop incoming edits and awareness unread (`light` in load-common.ts). All
   * when missing.
   */
  receiversPerBoard?: number;
}

interface LoadResult {
  clients: number;
  editP50Ms: number;
  editP95Ms: number;
  editP99Ms: number;
  editMaxMs: number;
  editSamples: number;
  cursorP50Ms: number;
  cursorP99Ms: number;
  deliveredRatio: number;
  cursorDeliveredRatio: number;
  connectAllMs: number;
  connectP50Ms: number;
  connectP99Ms: number;
  /** With several servers: their sum (each one's in server1Cpu, server1RssMb, …). */
  serverCpu: number;
  /** Of `serverCpu`, the share spent in the kernel (system calls: sockets, fsync). */
  serverSystemCpu: number;
  serverRssMb: number;
  idleRssPerConnMb: number;
  [perServer: `server${number}${'Cpu' | 'RssMb'}`]: number;
  /** With several servers: the shared PostgreSQL's processes and Redis. */
  postgresCpu?: number;
  redisCpu?: number;
  /** Received by all clients during the window, per second. */
  serverSentMBps: number;
  /** The server process's wchar (everything it wrote: sockets, and for Torg SQLite). */
  serverWcharMBps: number;
  generatorCpuMax: number;
  invalid: boolean;
  /** Boards whose measuring clients hold the same objects at the end, of all boards. */
  boardsEqualRatio: number;
}

class ClientProc {
  readonly child: ChildProcess;
  private waiters: ((m: FromClient) => void)[] = [];
  constructor() {
    this.child = fork(path.join(BENCH_DIR, 'load-client.ts'), [], {
      cwd: BENCH_DIR,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromClient) => {
      if (m.type === 'error') console.error(`load-client: ${m.message}`);
      const w = this.waiters.shift();
      if (w) w(m);
    });
  }
  request(m: ToClient, timeoutMs = 120_000): Promise<FromClient> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`load-client: no answer to ${m.type}`)),
        timeoutMs,
      );
      this.waiters.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.child.send(m);
    });
  }
  post(m: ToClient): void {
    this.child.send(m);
  }
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send({ type: 'close' });
    await Promise.race([exited, sleep(3_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * `serverCount` servers (above one: Torg on a shared PostgreSQL and Redis); every board's
 * clients are split evenly over them.
 */
async function runLoad(
  kind: ServerKind,
  spec: LoadSpec,
  tag: string,
  serverCount = 1,
): Promise<LoadResult> {
  const deployment = await deploy(kind, serverCount);
  const { servers } = deployment;
  const pids = servers.map((s) => s.pid);
  const total = (f: (pid: number) => number) => pids.reduce((n, pid) => n + f(pid), 0);
  const procs: ClientProc[] = [];
  try {
    await sleep(1_000);
    const rssBase = total(rssBytes);
    const clients = spec.boards * spec.perBoard;
    const nProcs = Math.min(PROCS, clients);
    for (let i = 0; i < nProcs; i++) procs.push(new ClientProc());
    const lists: Extract<ToClient, { type: 'init' }>['clients'][] = procs.map(() => []);
    const receivers = Math.min(spec.perBoard, spec.receiversPerBoard ?? spec.perBoard);
    for (let i = 0; i < clients; i++) {
      const board = i % spec.boards;
      const slot = Math.floor(i / spec.boards);
      // The first `receivers` clients of each board measure.
      const light = slot >= receivers;
      lists[i % nProcs]?.push({
        port: (servers[slot % servers.length] as Running).port,
        boardId: `load-${tag}-${board}`,
        key: `c${i}`,
        light,
        receivers: light ? receivers : receivers - 1,
      });
    }
    const readies = (await Promise.all(
      procs.map((p, i) =>
        p.request({
          type: 'init',
          kind,
          clients: lists[i] ?? [],
          stickiesPerClient: STICKIES_PER_CLIENT,
          editsPerSec: spec.editsPerSec,
          cursorsPerSec: spec.cursorsPerSec,
        }),
      ),
    )) as Extract<FromClient, { type: 'ready' }>[];
    for (const r of readies)
      if (r.type !== 'ready') throw new Error(`load-client failed: ${JSON.stringify(r)}`);
    const connectMs = readies.flatMap((r) => r.connectMs).sort((a, b) => a - b);
    await sleep(2_000);
    const rssIdle = total(rssBytes);

    const startAt = now() + 300;
    const measureFrom = startAt + spec.warmupMs;
    const measureTo = measureFrom + spec.measureMs;
    for (const p of procs) p.post({ type: 'run', startAt, measureFrom, measureTo });
    await sleep(measureFrom - now());
    const cpu0 = cpuByPid([...pids, ...deployment.postgresPids(), ...deployment.redisPids()]);
    const system0 = pids.map((pid) => cpuTimes(pid).system);
    const w0 = total(wchar);
    const t0 = now();
    await sleep(measureTo - now());
    const cpuPg = cpuByPid(deployment.postgresPids());
    const cpuRedis = cpuByPid(deployment.redisPids());
    const cpu1 = cpuByPid(pids);
    const system1 = pids.map((pid) => cpuTimes(pid).system);
    const w1 = total(wchar);
    const t1 = now();
    const rssLoad = pids.map(rssBytes);
    await sleep(GRACE_MS);
    const all = (await Promise.all(procs.map((p) => p.request({ type: 'collect' })))) as Extract<
      FromClient,
      { type: 'stats' }
    >[];
    const stats: ClientStats[] = all.map((s) => s.stats);
    const edits = stats.flatMap((s) => s.editLatencies).sort((a, b) => a - b);
    const cursors = stats.flatMap((s) => s.cursorLatencies).sort((a, b) => a - b);
    const sum = (f: (s: ClientStats) => number) => stats.reduce((n, s) => n + f(s), 0);
    const secs = (t1 - t0) / 1000;
    const generatorCpuMax = Math.max(...stats.map((s) => s.cpu));
    const digests = new Map<string, Set<string>>();
    for (const b of stats.flatMap((s) => s.boards))
      digests.set(b.boardId, (digests.get(b.boardId) ?? new Set()).add(b.digest));
    const equalBoards = [...digests.values()].filter((d) => d.size === 1).length;
    const serverCpus = pids.map((pid) => ((cpu1.get(pid) ?? 0) - (cpu0.get(pid) ?? 0)) / secs);
    const rssSum = rssLoad.reduce((a, b) => a + b, 0);
    const perServer =
      serverCount > 1
        ? {
            ...Object.fromEntries(
              pids.flatMap((_, k) => [
                [`server${k + 1}Cpu`, serverCpus[k]],
                [`server${k + 1}RssMb`, (rssLoad[k] ?? 0) / 2 ** 20],
              ]),
            ),
            postgresCpu: cpuBetween(cpu0, cpuPg) / secs,
            redisCpu: cpuBetween(cpu0, cpuRedis) / secs,
          }
        : {};
    return {
      clients,
      editP50Ms: quantile(edits, 0.5),
      editP95Ms: quantile(edits, 0.95),
      editP99Ms: quantile(edits, 0.99),
      editMaxMs: edits.at(-1) ?? Number.NaN,
      editSamples: edits.length,
      cursorP50Ms: quantile(cursors, 0.5),
      cursorP99Ms: quantile(cursors, 0.99),
      deliveredRatio:
        edits.length /
        Math.max(
          1,
          sum((s) => s.editsExpected),
        ),
      cursorDeliveredRatio:
        cursors.length /
        Math.max(
          1,
          sum((s) => s.cursorsExpected),
        ),
      connectAllMs: Math.max(...readies.map((r) => r.allConnectedMs)),
      connectP50Ms: quantile(connectMs, 0.5),
      connectP99Ms: quantile(connectMs, 0.99),
      serverCpu: serverCpus.reduce((a, b) => a + b, 0),
      serverSystemCpu: system1.reduce((n, s, k) => n + s - (system0[k] ?? 0), 0) / secs,
      serverRssMb: rssSum / 2 ** 20,
      idleRssPerConnMb: (rssIdle - rssBase) / clients / 2 ** 20,
      serverSentMBps: sum((s) => s.bytesReceived) / (spec.measureMs / 1000) / 2 ** 20,
      serverWcharMBps: (w1 - w0) / secs / 2 ** 20,
      generatorCpuMax,
      invalid: generatorCpuMax > SATURATED,
      boardsEqualRatio: equalBoards / spec.boards,
      ...perServer,
    };
  } finally {
    await Promise.all(procs.map((p) => p.close()));
    await deployment.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 3: a 10,000-object board

interface BigBoardResult {
  objects: number;
  seedSeconds: number;
  /**
   * First client after a restart: the server loads the board from storage (Torg only). Until
   * the server's sync step 2 arrives (server time plus loopback transfer), and until the
   * client holds every object (client-observed).
   */
  coldStep2Ms: number;
  coldSyncMs: number;
  /** A new client while the board is in memory. */
  warmSyncMs: number;
}

function boardObjects(n: number): Shape[] {
  const out: Shape[] = [];
  for (let i = 0; i < n; i++)
    out.push({
      ...stickyDefaults(),
      id: `big${i}`,
      x: (i % 100) * 260,
      y: Math.floor(i / 100) * 260,
      z: `a${String(i).padStart(6, '0')}`,
      text: `Sticky ${i}: klimatilpasning, bolig for unge`,
    } as Shape);
  return out;
}

/**
 * Time from opening a client until the server's sync step 2 arrives (y-websocket servers) and
 * until the client holds `n` objects.
 */
async function timeFullSync(
  kind: ServerKind,
  port: number,
  boardId: string,
  n: number,
): Promise<{ step2Ms: number; fullMs: number }> {
  const doc = new Y.Doc();
  const start = now();
  received.step2At = 0;
  const conn = connect(kind, port, boardId, doc);
  try {
    const deadline = start + 60_000;
    await conn.synced;
    const shapes = shapesMap(doc);
    while (shapes.size < n) {
      if (now() > deadline)
        throw new Error(`full sync: ${shapes.size}/${n} after 60 s (synced: ${conn.isSynced()})`);
      await sleep(1);
    }
    const fullMs = now() - start;
    return { step2Ms: received.step2At ? received.step2At - start : Number.NaN, fullMs };
  } finally {
    conn.destroy();
    doc.destroy();
  }
}

async function runBigBoard(kind: ServerKind, tag: string): Promise<BigBoardResult> {
  const n = scaled(10_000, 100);
  const boardId = `big-${tag}`;
  let server = await startServer(kind);
  try {
    const doc = new Y.Doc();
    const conn = connect(kind, server.port, boardId, doc);
    await conn.synced;
    const t0 = now();
    const shapes = boardObjects(n);
    for (let i = 0; i < n; i += 1_000) {
      writeShapes(doc, shapes.slice(i, i + 1_000), ORIGIN_LOCAL);
      await sleep(50);
    }
    const seedSeconds = (now() - t0) / 1000;
    // Seeded once a new client gets every object.
    await sleep(1_000);
    await timeFullSync(kind, server.port, boardId, n);
    let cold = { step2Ms: Number.NaN, fullMs: Number.NaN };
    // The seeding client stays connected while new clients are timed: Hocuspocus drops an
    // in-memory document when its last client leaves.
    let holder = { conn, doc };
    if (kind === 'torg' && server.dataDir) {
      conn.destroy();
      doc.destroy();
      await sleep(500);
      const dataDir = server.dataDir;
      await server.stop();
      server = await startServer(kind, dataDir);
      cold = await timeFullSync(kind, server.port, boardId, n);
      const d = new Y.Doc();
      holder = { conn: connect(kind, server.port, boardId, d), doc: d };
      await holder.conn.synced;
    }
    await sleep(300);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++)
      warm.push((await timeFullSync(kind, server.port, boardId, n)).fullMs);
    holder.conn.destroy();
    holder.doc.destroy();
    return {
      objects: n,
      seedSeconds,
      coldStep2Ms: cold.step2Ms,
      coldSyncMs: cold.fullMs,
      warmSyncMs: median(warm),
    };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 4: durability window (Torg only; the peers keep documents in memory)

interface DurabilityResult {
  edits: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

async function runDurability(tag: string): Promise<DurabilityResult> {
  const server = await startServer('torg');
  const requireServer = createRequire(path.join(BENCH_DIR, '..', 'server', 'package.json'));
  // The server's better-sqlite3 (bench does not depend on it), typed as far as used here.
  const Database = requireServer('better-sqlite3') as new (
    file: string,
    opts: { readonly: boolean; fileMustExist: boolean },
  ) => { prepare(sql: string): { get(): unknown }; close(): void };
  const doc = new Y.Doc();
  const conn = connect('torg', server.port, `dur-${tag}`, doc);
  try {
    await conn.synced;
    writeShapes(
      doc,
      [{ ...stickyDefaults(), id: 'd0', x: 0, y: 0, z: 'a0' } as Shape],
      ORIGIN_LOCAL,
    );
    await sleep(1_000);
    const db = new Database(path.join(server.dataDir as string, SQLITE_FILE), {
      readonly: true,
      fileMustExist: true,
    });
    const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM doc_updates');
    const seq = () => (maxSeq.get() as { s: number }).s;
    const map = shapesMap(doc).get('d0');
    if (!map) throw new Error('no sticky');
    const times: number[] = [];
    const edits = scaled(100, 10);
    for (let i = 0; i < edits; i++) {
      const before = seq();
      const t = now();
      doc.transact(() => {
        map.set('x', i * 10);
        map.set('t', t);
      }, ORIGIN_LOCAL);
      while (seq() <= before) {
        if (now() - t > 10_000) throw new Error('edit not in the SQLite log after 10 s');
        await new Promise((r) => setImmediate(r));
      }
      times.push(now() - t);
      await sleep(50 + Math.random() * 100);
    }
    db.close();
    times.sort((a, b) => a - b);
    return {
      edits,
      p50Ms: quantile(times, 0.5),
      p99Ms: quantile(times, 0.99),
      maxMs: times.at(-1) ?? Number.NaN,
    };
  } finally {
    conn.destroy();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const SPEC1: LoadSpec = {
  boards: scaled(30, 1),
  perBoard: 10,
  editsPerSec: 1,
  cursorsPerSec: 5,
  warmupMs: scaled(5_000, 1_000),
  measureMs: scaled(20_000, 3_000),
};
/** A light workshop day: a third of scenario 1's boards. */
const SPEC6: LoadSpec = { ...SPEC1, boards: scaled(10, 1) };
const SPEC2: LoadSpec = {
  boards: 1,
  perBoard: scaled(200, 2),
  editsPerSec: 0.5,
  cursorsPerSec: 5,
  warmupMs: scaled(5_000, 1_000),
  measureMs: scaled(20_000, 3_000),
  // 200 full Yjs clients decoding 100 edits and ~1000 cursor moves a second each need more
  // than this machine's two cores next to the server; 20 of them measure, 180 only send.
  receiversPerBoard: scaled(20, 2),
};

type Runs = {
  s1: Record<string, LoadResult[]>;
  s2: Record<string, LoadResult[]>;
  s3: Record<string, BigBoardResult[]>;
  s4: Record<string, DurabilityResult[]>;
  s5: Record<string, LoadResult[]>;
  s6: Record<string, LoadResult[]>;
};

const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function medians<T extends object>(runs: T[]): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  const first = runs[0];
  if (!first) return out;
  for (const key of Object.keys(first)) {
    const vals = runs.map((r) => (r as Record<string, unknown>)[key]);
    if (typeof vals[0] === 'boolean') out[key] = vals.some(Boolean);
    else out[key] = r3(median(vals as number[]));
  }
  return out;
}

function fmt(v: number | boolean | undefined, digits = 1): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  return v.toFixed(digits);
}

async function main(): Promise<void> {
  const runs: Runs = { s1: {}, s2: {}, s3: {}, s4: {}, s5: {}, s6: {} };
  const loads: number[][] = [os.loadavg()];
  const started = Date.now();
  // Torg runs as `npm start` runs it: the production build (server/dist).
  if (SERVERS.includes('torg')) buildServer();
  console.log(
    `load benchmark: scale ${SCALE}, ${RUNS} run(s), scenarios ${SCENARIOS.join(',')}, servers ${SERVERS.join(',')}, ` +
      `${PROCS} generator process(es); load average ${os.loadavg().map(r2).join(' ')}`,
  );
  const push = <T>(rec: Record<string, T[]>, kind: string, v: T) => {
    rec[kind] ??= [];
    rec[kind].push(v);
  };
  for (let run = 1; run <= RUNS; run++) {
    for (const kind of SERVERS) {
      const tag = `${run}${kind}`;
      const load = async (
        rec: Record<string, LoadResult[]>,
        name: string,
        spec: LoadSpec,
        suffix: string,
        serverCount = 1,
      ) => {
        const r = await runLoad(kind, spec, `${tag}${suffix}`, serverCount);
        push(rec, kind, r);
        const cluster =
          serverCount > 1
            ? ` (${Array.from({ length: serverCount }, (_, k) => fmt((r[`server${k + 1}Cpu`] ?? 0) * 100)).join(' + ')} %; PostgreSQL ${fmt((r.postgresCpu ?? 0) * 100)} %, Redis ${fmt((r.redisCpu ?? 0) * 100)} %)`
            : '';
        console.log(
          `run ${run} ${SERVER_LABEL[kind]} ${name}: edit p99 ${fmt(r.editP99Ms)} ms, cursor p99 ${fmt(r.cursorP99Ms)} ms, delivered ${fmt(r.deliveredRatio * 100, 2)} %, boards equal ${fmt(r.boardsEqualRatio * 100, 0)} %, server CPU ${fmt(r.serverCpu * 100)} % (kernel ${fmt(r.serverSystemCpu * 100)} %)${cluster}, gen CPU ${fmt(r.generatorCpuMax * 100)} %${r.invalid ? ' INVALID' : ''}`,
        );
      };
      if (SCENARIOS.includes(1)) await load(runs.s1, 'workshop', SPEC1, 'w');
      if (SCENARIOS.includes(6)) await load(runs.s6, 'light workshop', SPEC6, 'l');
      if (SCENARIOS.includes(2)) await load(runs.s2, 'plenary', SPEC2, 'p');
      if (SCENARIOS.includes(3)) {
        const r = await runBigBoard(kind, tag);
        push(runs.s3, kind, r);
        console.log(
          `run ${run} ${SERVER_LABEL[kind]} big board (${r.objects}): cold step 2 ${fmt(r.coldStep2Ms)} ms, cold full ${fmt(r.coldSyncMs)} ms, warm ${fmt(r.warmSyncMs)} ms`,
        );
      }
      if (SCENARIOS.includes(4) && kind === 'torg') {
        const r = await runDurability(tag);
        push(runs.s4, kind, r);
        console.log(`run ${run} Torg durability: p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms`);
      }
      if (SCENARIOS.includes(5) && kind === 'torg')
        await load(runs.s5, `workshop on ${CLUSTER_SERVERS} servers`, SPEC1, 'c', CLUSTER_SERVERS);
      loads.push(os.loadavg());
    }
  }

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', node: process.version },
    loadAverage1m: {
      start: r2(loads[0]?.[0] ?? 0),
      max: r2(Math.max(...loads.map((l) => l[0] ?? 0))),
    },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    config: {
      scale: SCALE,
      runs: RUNS,
      scenarios: SCENARIOS,
      servers: SERVERS,
      generatorProcesses: PROCS,
      spec1: SPEC1,
      spec2: SPEC2,
      spec6: SPEC6,
      spec5: { ...SPEC1, servers: CLUSTER_SERVERS, storage: 'PostgreSQL', bus: 'Redis' },
    },
    targets: TARGETS,
    medians: {
      workshop: Object.fromEntries(Object.entries(runs.s1).map(([k, v]) => [k, medians(v)])),
      lightWorkshop: Object.fromEntries(Object.entries(runs.s6).map(([k, v]) => [k, medians(v)])),
      plenary: Object.fromEntries(Object.entries(runs.s2).map(([k, v]) => [k, medians(v)])),
      bigBoard: Object.fromEntries(Object.entries(runs.s3).map(([k, v]) => [k, medians(v)])),
      durability: Object.fromEntries(Object.entries(runs.s4).map(([k, v]) => [k, medians(v)])),
      cluster: Object.fromEntries(Object.entries(runs.s5).map(([k, v]) => [k, medians(v)])),
    },
    runs,
  };
  const md = markdown(result.medians, result) + vsReference(runs);
  console.log(`\n${md}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const json = path.join(RESULTS_DIR, `${OUT}.json`);
  fs.writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, `${OUT}.md`), md);
  console.log(`written to ${path.relative(process.cwd(), json)} and ${OUT}.md`);
}

type Med = Record<string, Record<string, number | boolean>>;

function markdown(
  m: {
    workshop: Med;
    lightWorkshop: Med;
    plenary: Med;
    bigBoard: Med;
    durability: Med;
    cluster: Med;
  },
  meta: {
    date: string;
    loadAverage1m: { start: number; max: number };
    config: { scale: number; runs: number };
  },
): string {
  const servers = SERVERS.filter((s) => Object.values(m).some((med) => s in med));
  const lines: string[] = [
    '# Load benchmark',
    '',
    `${meta.date}, scale ${meta.config.scale}, ${meta.config.runs} run(s) per server (medians), ` +
      `load average (1 min) ${meta.loadAverage1m.start} at start, ${meta.loadAverage1m.max} at most. ` +
      'Targets apply to Torg; INVALID = a load-generator process used more than 85 % of a core in some run. ' +
      'Why a target is missed and what would fix it: bench/README.md, "Results committed".',
    '',
  ];
  const status = (ok: boolean | null) => (ok === null ? '' : ok ? 'OK' : 'MISSED');
  type Row = [
    label: string,
    key: string,
    digits: number,
    target: string,
    check: ((v: number, all: Med) => boolean) | null,
    mul?: number,
  ];
  const table = (title: string, med: Med, rows: Row[]) => {
    if (Object.keys(med).length === 0) return;
    const cols = servers.filter((s) => s in med);
    lines.push(
      `## ${title}`,
      '',
      `| metric | ${cols.map((c) => SERVER_LABEL[c]).join(' | ')} | target (Torg) | Torg |`,
    );
    lines.push(`|---|${cols.map(() => '---:').join('|')}|---|---|`);
    for (const [label, key, digits, target, check, mul = 1] of rows) {
      const cells = cols.map((c) => {
        const v = med[c]?.[key];
        return typeof v === 'number' ? fmt(v * mul, digits) : fmt(v);
      });
      const tv = med.torg?.[key];
      const ok = check && typeof tv === 'number' && Number.isFinite(tv) ? check(tv, med) : null;
      lines.push(`| ${label} | ${cells.join(' | ')} | ${target} | ${status(ok)} |`);
    }
    lines.push('');
  };
  /** Rows of a load scenario; with several servers, CPU and RSS are their sums. */
  const load = (
    t: { editP99Ms: number; cursorP99Ms: number },
    full: boolean,
    servers = 1,
  ): Row[] => [
    ['clients', 'clients', 0, '', null],
    ['edit p50 (ms)', 'editP50Ms', 1, '', null],
    ['edit p95 (ms)', 'editP95Ms', 1, '', null],
    ['edit p99 (ms)', 'editP99Ms', 1, `≤ ${t.editP99Ms}`, (v) => v <= t.editP99Ms],
    ['edit max (ms)', 'editMaxMs', 1, '', null],
    ['cursor p50 (ms)', 'cursorP50Ms', 1, '', null],
    ['cursor p99 (ms)', 'cursorP99Ms', 1, `≤ ${t.cursorP99Ms}`, (v) => v <= t.cursorP99Ms],
    [
      'edits delivered (%)',
      'deliveredRatio',
      2,
      full ? '100 %' : '',
      full ? (v) => v >= 1 : null,
      100,
    ],
    ['cursor moves delivered (%)', 'cursorDeliveredRatio', 2, '', null, 100],
    ['connect all clients (ms)', 'connectAllMs', 0, '', null],
    ['connect p99 per client (ms)', 'connectP99Ms', 0, '', null],
    [
      servers > 1
        ? `server CPU, ${servers} servers together (% of a core)`
        : 'server CPU (% of a core)',
      'serverCpu',
      1,
      full && servers === 1 ? '≤ reference' : '',
      full && servers === 1
        ? (v, all) => {
            const ref = all.yws?.serverCpu;
            return typeof ref !== 'number' || v <= ref;
          }
        : null,
      100,
    ],
    ['of which in the kernel (% of a core)', 'serverSystemCpu', 1, '', null, 100],
    [
      `server RSS under load${servers > 1 ? ', together' : ''} (MB)`,
      'serverRssMb',
      1,
      full && servers === 1 ? `≤ ${TARGETS.rssUnderLoadRatio} × reference` : '',
      full && servers === 1
        ? (v, all) => {
            const ref = all.yws?.serverRssMb;
            return typeof ref !== 'number' || v <= TARGETS.rssUnderLoadRatio * ref;
          }
        : null,
    ],
    [
      'RSS per idle connection (MB)',
      'idleRssPerConnMb',
      3,
      `≤ ${TARGETS.idleRssPerConnMb}`,
      (v) => v <= TARGETS.idleRssPerConnMb,
    ],
    ['received by clients (MB/s)', 'serverSentMBps', 2, '', null],
    ['server wchar (MB/s)', 'serverWcharMBps', 2, '', null],
    ['generator CPU, busiest process (%)', 'generatorCpuMax', 0, '≤ 85', null, 100],
    ['INVALID (generator saturated)', 'invalid', 0, 'no', null],
    [
      'boards whose clients are equal at the end (%)',
      'boardsEqualRatio',
      0,
      full ? '100 %' : '',
      full ? (v) => v >= 1 : null,
      100,
    ],
  ];
  table(
    `1. Workshop, heavy: ${SPEC1.boards} boards × ${SPEC1.perBoard} clients, 1 edit/s + 5 cursor moves/s each`,
    m.workshop,
    load(TARGETS.s1, true),
  );
  table(
    `6. Workshop, light: ${SPEC6.boards} boards × ${SPEC6.perBoard} clients, 1 edit/s + 5 cursor moves/s each`,
    m.lightWorkshop,
    load(TARGETS.s6, true),
  );
  table(
    '2. Plenary: 200 clients on one board, 0.5 edit/s + 5 cursor moves/s each',
    m.plenary,
    load(TARGETS.s2, false),
  );
  table('3. Big board (10,000 objects)', m.bigBoard, [
    ['objects', 'objects', 0, '', null],
    ['seeding (s)', 'seedSeconds', 1, '', null],
    [
      'first client after restart: until sync step 2 arrives (server time + loopback, ms)',
      'coldStep2Ms',
      0,
      `≤ ${TARGETS.s3.serverLoadMs}`,
      (v) => v <= TARGETS.s3.serverLoadMs,
    ],
    ['first client after restart: full sync, client-observed (ms)', 'coldSyncMs', 0, '', null],
    ['new client, board in memory: full sync (ms)', 'warmSyncMs', 0, '', null],
  ]);
  table('4. Durability window: client send → row in the SQLite log', m.durability, [
    ['edits', 'edits', 0, '', null],
    ['p50 (ms)', 'p50Ms', 1, '', null],
    ['p99 (ms)', 'p99Ms', 1, `≤ ${TARGETS.s4.durableP99Ms}`, (v) => v <= TARGETS.s4.durableP99Ms],
    ['max (ms)', 'maxMs', 1, '', null],
  ]);
  const n = CLUSTER_SERVERS;
  const each = (label: string, key: string, mul: number): Row[] =>
    Array.from({ length: n }, (_, k) => [
      `server ${k + 1}: ${label}`,
      `server${k + 1}${key}`,
      1,
      '',
      null,
      mul,
    ]);
  table(
    `5. Workshop on ${n} servers (one PostgreSQL, one Redis): scenario 1, each board's clients split ${SPEC1.perBoard / n} + ${SPEC1.perBoard / n}`,
    m.cluster,
    [
      ...load(TARGETS.s1, true, n),
      ...each('CPU (% of a core)', 'Cpu', 100),
      ...each('RSS under load (MB)', 'RssMb', 1),
      ['PostgreSQL CPU, all its processes (% of a core)', 'postgresCpu', 1, '', null, 100],
      ['Redis CPU (% of a core)', 'redisCpu', 1, '', null, 100],
    ],
  );
  const one = m.workshop.torg;
  const two = m.cluster.torg;
  if (one && two) {
    const num = (r: Record<string, number | boolean>, key: string) =>
      typeof r[key] === 'number' ? (r[key] as number) : Number.NaN;
    const everything = (r: Record<string, number | boolean>) =>
      num(r, 'serverCpu') + (num(r, 'postgresCpu') || 0) + (num(r, 'redisCpu') || 0);
    const rows: [string, (r: Record<string, number | boolean>) => number, number][] = [
      ['edit p50 (ms)', (r) => num(r, 'editP50Ms'), 1],
      ['edit p95 (ms)', (r) => num(r, 'editP95Ms'), 1],
      ['edit p99 (ms)', (r) => num(r, 'editP99Ms'), 1],
      ['edit max (ms)', (r) => num(r, 'editMaxMs'), 1],
      ['cursor p50 (ms)', (r) => num(r, 'cursorP50Ms'), 1],
      ['cursor p99 (ms)', (r) => num(r, 'cursorP99Ms'), 1],
      ['edits delivered (%)', (r) => num(r, 'deliveredRatio') * 100, 2],
      ['cursor moves delivered (%)', (r) => num(r, 'cursorDeliveredRatio') * 100, 2],
      ['connect all clients (ms)', (r) => num(r, 'connectAllMs'), 0],
      ['Torg CPU, all servers (% of a core)', (r) => num(r, 'serverCpu') * 100, 1],
      ['CPU with PostgreSQL and Redis (% of a core)', (r) => everything(r) * 100, 1],
      ['Torg RSS, all servers (MB)', (r) => num(r, 'serverRssMb'), 1],
      ['generator CPU, busiest process (%)', (r) => num(r, 'generatorCpuMax') * 100, 0],
    ];
    lines.push(
      `## Scenario 1 against scenario 5: Torg on one server (SQLite) and on ${n} (PostgreSQL + Redis), same run`,
      '',
      `| metric | 1 server | ${n} servers | difference |`,
      '|---|---:|---:|---:|',
      ...rows.map(([label, f, digits]) => {
        const [a, b] = [f(one), f(two)];
        const d = b - a;
        return `| ${label} | ${fmt(a, digits)} | ${fmt(b, digits)} | ${d >= 0 ? '+' : ''}${fmt(d, digits)} |`;
      }),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Torg against the reference server, run by run, in both workshops: the issue's targets hold
 * only if they hold in every run (a median can hide one bad run).
 */
function vsReference(runs: Runs): string {
  const { p99, cpu } = TARGETS.vsReference;
  const rows: string[] = [];
  let allOk = true;
  for (const [name, rec] of [
    ['1, heavy', runs.s1],
    ['6, light', runs.s6],
  ] as const) {
    const ref = rec.yws ?? [];
    // Torg, and the bare relay (the floor) when it ran: each run over the reference's run.
    for (const kind of ['torg', 'relay'] as const) {
      const own = rec[kind] ?? [];
      for (let i = 0; i < Math.min(own.length, ref.length); i++) {
        const [t, r] = [own[i] as LoadResult, ref[i] as LoadResult];
        const ratios = [
          t.editP99Ms / r.editP99Ms,
          t.cursorP99Ms / r.cursorP99Ms,
          t.serverCpu / r.serverCpu,
        ] as const;
        const ok =
          ratios[0] <= p99 &&
          ratios[1] <= p99 &&
          ratios[2] <= cpu &&
          t.deliveredRatio >= 1 &&
          t.boardsEqualRatio >= 1;
        if (kind === 'torg') allOk &&= ok;
        rows.push(
          `| ${name} | ${SERVER_LABEL[kind]} | ${i + 1} | ${ratios.map((x) => `${fmt(x, 2)}×`).join(' | ')} | ${fmt(t.deliveredRatio * 100, 2)} | ${fmt(t.boardsEqualRatio * 100, 0)} | ${kind === 'torg' ? (ok ? 'OK' : 'MISSED') : ''} |`,
        );
      }
    }
  }
  if (rows.length === 0) return '';
  return [
    '## Against the reference server, run by run (workshops)',
    '',
    `Targets for Torg: edit and cursor p99 ≤ ${p99}× the reference's, CPU ≤ ${cpu}×, 100 % of edits delivered and every board's clients equal, in every run. ${allOk ? 'All runs OK.' : 'Some run MISSED.'}`,
    '',
    '| scenario | server | run | edit p99 | cursor p99 | CPU | edits delivered (%) | boards equal (%) | Torg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
