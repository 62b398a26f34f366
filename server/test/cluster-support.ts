/**
 * Real parts for the multi-server tests: a Redis server of our own on loopback, and a TCP
 * load balancer in front of several Torg servers (as nginx or HAProxy in stream mode would
 * be: a new connection goes to the next server that accepts it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

/** Kept free of the server's modules: the browser tests use this file too. */
async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export interface TestRedis {
  url: string;
  port: number;
  /** SIGKILL (nothing kept: it runs without persistence). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `redis-server` on a free loopback port, without persistence. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    child = c;
    await waitFor(() => accepts(port), `redis on ${port}`);
  };
  const kill = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, stop: kill };
}

export interface Balancer {
  port: number;
  /** Connections currently open through it, by backend port. */
  open(): Map<number, number>;
  close(): Promise<void>;
}

/**
 * Round-robin TCP balancer: each new connection goes to the next backend that accepts it
 * (a dead or draining server is skipped), and is piped both ways until either side closes.
 */
export async function startBalancer(backends: readonly number[]): Promise<Balancer> {
  let next = 0;
  const counts = new Map<number, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    const tryBackend = (attempt: number) => {
      if (attempt >= backends.length) {
        client.destroy();
        return;
      }
      const port = backends[next++ % backends.length] as number;
      const upstream = net.connect(port, '127.0.0.1');
      let connected = false;
      upstream.on('error', () => {
        if (connected) client.destroy();
        else tryBackend(attempt + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        sockets.add(upstream);
        counts.set(port, (counts.get(port) ?? 0) + 1);
        upstream.once('close', () => {
          sockets.delete(upstream);
          counts.set(port, (counts.get(port) ?? 1) - 1);
          // After what is still buffered (a closing handshake, say) has gone out.
          client.end();
        });
        client.once('close', () => upstream.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    open: () => new Map(counts),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
