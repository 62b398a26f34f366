import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A throw-away PostgreSQL cluster for tests: its own data folder, a free loopback port, no
 * password (trust), fsync off (tests only: nothing here has to survive a power cut). The
 * binaries come from the Debian package (`/usr/lib/postgresql/<version>/bin`, highest
 * version). PostgreSQL refuses to run as root, so as root its commands run as `postgres`.
 */
const run = promisify(execFile);

export interface TestPostgres {
  /** Connection URL of the `postgres` database of the cluster. */
  url: string;
  /** Stops the cluster at once and removes its folder. */
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length === 0)
    throw new Error('PostgreSQL not found under /usr/lib/postgresql (apt-get install postgresql)');
  return path.join(root, versions[0] as string, 'bin');
}

const asRoot = process.getuid?.() === 0;

async function pgCommand(bin: string, args: string[]): Promise<void> {
  const file = path.join(binDir(), bin);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
  else await run(file, args);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-pg-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  if (asRoot) {
    // The postgres user must own the folder and reach it through the temp dir.
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    fs.chownSync(dataDir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  try {
    await pgCommand('initdb', [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    await pgCommand('pg_ctl', [
      'start',
      '-D',
      dataDir,
      '-s',
      '-l',
      path.join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    ]);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pgCommand('pg_ctl', ['stop', '-D', dataDir, '-s', '-m', 'immediate']).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

/** Creates an empty database with a random name in the cluster and returns its URL. */
export async function freshDatabase(baseUrl: string): Promise<string> {
  const name = `torg_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
