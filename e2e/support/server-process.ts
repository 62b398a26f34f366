import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SERVER_DIR } from './paths.js';

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the server dies without flushing anything. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The administrator credential of every browser-test server (`TORG_ADMIN_TOKEN`): the specs
 * make facilitator invites with it (`signInAsFacilitator`) and create workshops over the API.
 */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-for-browser-tests-only-0123456789';

/**
 * Compiles the server as `npm start` does (`server/build.mjs` → `server/dist/`): the browser
 * tests and the benchmarks run what an IT department runs, not the sources through tsx. An
 * older checkout without `build.mjs` runs from its sources (see entryArgs).
 */
export function buildServer(serverDir = SERVER_DIR): void {
  if (!fs.existsSync(path.join(serverDir, 'build.mjs'))) return;
  execFileSync(process.execPath, ['build.mjs'], { cwd: serverDir, stdio: 'inherit' });
}

/**
 * How to start the server in `serverDir`: its production build, or, for an older checkout a
 * benchmark compares with (before `build.mjs` existed), its sources through tsx.
 */
function entryArgs(serverDir: string): string[] {
  if (!fs.existsSync(path.join(serverDir, 'build.mjs'))) return ['--import', 'tsx', 'src/main.ts'];
  if (!fs.existsSync(path.join(serverDir, 'dist', 'main.js')))
    throw new Error(`${serverDir} is not built: call buildServer() first`);
  return ['dist/main.js'];
}

/** Starts the real server (its production build, `server/dist/main.js`) serving the built client. */
export async function startServerProcess(
  opts: {
    port?: number;
    dataDir?: string;
    nodeArgs?: string[];
    env?: Record<string, string>;
    /** Another checkout's `server/` (a benchmark comparing versions); default this one's. */
    serverDir?: string;
  } = {},
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'torg-e2e-'));
  const serverDir = opts.serverDir ?? SERVER_DIR;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entryArgs(serverDir)], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TORG_DATA_DIR: dataDir,
      TORG_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      // The specs and the benchmarks (which start servers here too) draw on open scratch
      // boards, which a real server only allows with this set.
      TORG_OPEN_BOARDS: '1',
      // Every browser of a run (and every benchmark client) comes from 127.0.0.1, so the
      // per-address budgets (creating workshops, joins, exports) would run out mid-run;
      // the budgets themselves are tested in server/test/attacks-edges.test.ts.
      TORG_RATE_LIMIT_SCALE: '1000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
    // Set TORG_E2E_SERVER_LOG=<file> to keep the server's log of a browser-test run.
    if (process.env.TORG_E2E_SERVER_LOG) fs.appendFileSync(process.env.TORG_E2E_SERVER_LOG, d);
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`:${port}`)) resolve();
    });
    void exited.then(() => reject(new Error(`server exited early:\n${log}`)));
  });
  // Listen on 127.0.0.1 but browse via localhost: a secure context, so the service worker runs.
  const url = `http://localhost:${port}`;
  return {
    url,
    port,
    dataDir,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
