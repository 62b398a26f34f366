/**
 * One process of the load benchmark's generator (spawned by `load.ts` with an IPC channel):
 * headless Yjs clients that each own a few stickies, move one every so often (one transaction
 * setting x, y and a timestamp `t`) and move their cursor through awareness. Every client
 * records the fan-out latency (receive time − timestamp) of what the others send.
 */
import { createHash } from 'node:crypto';
import { ORIGIN_LOCAL, shapesMap, stickyDefaults } from '@torg/shared';
import * as Y from 'yjs';
import {
  type ClientStats,
  connect,
  type FromClient,
  type LoadConnection,
  now,
  received,
  type ToClient,
} from './load-common.js';

interface Client {
  key: string;
  boardId: string;
  light: boolean;
  /** Measuring clients besides this one on its board: who should see its moves. */
  receivers: number;
  doc: Y.Doc;
  conn: LoadConnection;
  stickies: string[];
}

// Every y-websocket provider adds a process 'exit' listener.
process.setMaxListeners(0);
const send = (m: FromClient) => process.send?.(m);
const clients: Client[] = [];
const timers: NodeJS.Timeout[] = [];
const stats: ClientStats = {
  editLatencies: [],
  cursorLatencies: [],
  editsExpected: 0,
  editsSent: 0,
  cursorsSent: 0,
  cursorsExpected: 0,
  bytesReceived: 0,
  cpu: 0,
  boards: [],
};
let window = { from: Number.POSITIVE_INFINITY, to: Number.NEGATIVE_INFINITY };
const inWindow = (t: number) => t >= window.from && t < window.to;

async function init(m: Extract<ToClient, { type: 'init' }>): Promise<void> {
  const t0 = now();
  const connectMs: number[] = [];
  await Promise.all(
    m.clients.map(async (c) => {
      const doc = new Y.Doc();
      const start = now();
      const conn = connect(m.kind, c.port, c.boardId, doc, c.light);
      const client: Client = {
        key: c.key,
        boardId: c.boardId,
        light: c.light,
        receivers: c.receivers,
        doc,
        conn,
        stickies: [],
      };
      clients.push(client);
      await conn.synced;
      connectMs.push(now() - start);
      // Fan-out of edits: one remote transaction per move, carrying the sender's timestamp.
      shapesMap(doc).observeDeep((events, tr) => {
        if (tr.local) return;
        const at = now();
        for (const e of events) {
          if (!(e.target instanceof Y.Map) || !(e as Y.YMapEvent<unknown>).keysChanged.has('t'))
            continue;
          const t = e.target.get('t');
          if (typeof t === 'number' && inWindow(t)) stats.editLatencies.push(at - t);
        }
      });
      conn.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
        const at = now();
        const states = conn.awareness.getStates();
        for (const id of [...added, ...updated]) {
          if (id === doc.clientID) continue;
          const cursor = (states.get(id) as { cursor?: { t?: number } } | undefined)?.cursor;
          if (cursor && typeof cursor.t === 'number' && inWindow(cursor.t))
            stats.cursorLatencies.push(at - cursor.t);
        }
      });
      const all = shapesMap(doc);
      doc.transact(() => {
        for (let i = 0; i < m.stickiesPerClient; i++) {
          const id = `${c.key}-${i}`;
          client.stickies.push(id);
          const fields = { ...stickyDefaults(), text: `${c.key} ${i}` };
          all.set(
            id,
            new Y.Map<unknown>(Object.entries({ ...fields, x: i * 220, y: 0, z: `a${i}`, t: 0 })),
          );
        }
      }, ORIGIN_LOCAL);
    }),
  );
  send({
    type: 'ready',
    connectMs,
    allConnectedMs: now() - t0,
    rssBytes: process.memoryUsage().rss,
  });
  pending = m;
}
let pending: Extract<ToClient, { type: 'init' }> | null = null;

function run(m: Extract<ToClient, { type: 'run' }>): void {
  const cfg = pending;
  if (!cfg) throw new Error('run before init');
  window = { from: m.measureFrom, to: m.measureTo };
  let cpuAt: NodeJS.CpuUsage | null = null;
  let bytesAt = 0;
  timers.push(
    setTimeout(() => {
      cpuAt = process.cpuUsage();
      bytesAt = received.bytes;
    }, m.measureFrom - now()),
    setTimeout(() => {
      const d = process.cpuUsage(cpuAt ?? undefined);
      stats.cpu = (d.user + d.system) / 1000 / (m.measureTo - m.measureFrom);
      stats.bytesReceived = received.bytes - bytesAt;
    }, m.measureTo - now()),
  );
  const delay = Math.max(0, m.startAt - now());
  for (const c of clients) {
    const editEvery = 1000 / cfg.editsPerSec;
    const cursorEvery = 1000 / cfg.cursorsPerSec;
    // Random phases so the clients do not fire in lockstep.
    if (cfg.editsPerSec > 0)
      timers.push(
        setTimeout(
          () => {
            let k = 0;
            const tick = () => {
              const t = now();
              if (t >= m.measureTo) return;
              const id = c.stickies[k++ % c.stickies.length] as string;
              const map = shapesMap(c.doc).get(id);
              if (!map) return;
              c.doc.transact(() => {
                map.set('x', Math.round(Math.random() * 5000));
                map.set('y', Math.round(Math.random() * 5000));
                map.set('t', t);
              }, ORIGIN_LOCAL);
              if (inWindow(t)) {
                stats.editsSent++;
                stats.editsExpected += c.receivers;
              }
            };
            tick();
            timers.push(setInterval(tick, editEvery));
          },
          delay + Math.random() * editEvery,
        ),
      );
    if (cfg.cursorsPerSec > 0)
      timers.push(
        setTimeout(
          () => {
            const tick = () => {
              const t = now();
              if (t >= m.measureTo) return;
              c.conn.awareness.setLocalStateField('cursor', {
                x: Math.round(Math.random() * 5000),
                y: Math.round(Math.random() * 5000),
                t,
              });
              if (inWindow(t)) {
                stats.cursorsSent++;
                stats.cursorsExpected += c.receivers;
              }
            };
            tick();
            timers.push(setInterval(tick, cursorEvery));
          },
          delay + Math.random() * cursorEvery,
        ),
      );
  }
}

/** What a client's board holds, as a digest: equal on every client of a board that converged. */
function boardDigest(doc: Y.Doc): string {
  const shapes = shapesMap(doc).toJSON() as Record<string, Record<string, unknown>>;
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const canonical = Object.keys(shapes)
    .sort()
    .map((id) => [id, sorted(shapes[id] ?? {})]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

process.on('message', (m: ToClient) => {
  try {
    if (m.type === 'init') void init(m).catch((e) => send({ type: 'error', message: String(e) }));
    else if (m.type === 'run') run(m);
    else if (m.type === 'collect') {
      for (const t of timers) clearTimeout(t);
      stats.boards = clients
        .filter((c) => !c.light)
        .map((c) => ({ boardId: c.boardId, digest: boardDigest(c.doc) }));
      send({ type: 'stats', stats });
    } else if (m.type === 'close') {
      for (const c of clients) c.conn.destroy();
      setTimeout(() => process.exit(0), 200);
    }
  } catch (e) {
    send({ type: 'error', message: String(e) });
  }
});
process.on('disconnect', () => process.exit(0));
