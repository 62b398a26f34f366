import { boardDocId, CloseCode, MessageType } from '@torg/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  closeOf,
  connectClient,
  createWorkshop,
  rawSocket,
  startTestServer,
  type TestClient,
  waitFor,
  waitSynced,
  wsBase,
} from './helpers.js';

/**
 * Presence (awareness) speaks only for its own connection: an attacker who claims another
 * person's client id, with a far-future clock to outrun them for good, is refused and cut
 * off, and everyone else keeps seeing the real person.
 */

let server: RunningServer & { dataDir: string };
let log: ReturnType<typeof memoryLogger>;
let base: string;
const api = apiCaller(() => base);
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];
let board: string;
const tokens: Record<'victim' | 'attacker' | 'watcher', string> = {
  victim: '',
  attacker: '',
  watcher: '',
};

beforeAll(async () => {
  log = memoryLogger();
  server = await startTestServer({ logger: log });
  base = `http://127.0.0.1:${server.port}`;
  const ws = await createWorkshop(api, { title: 'Nærvær', groups: ['Gruppe A', 'Gruppe B'] });
  tokens.victim = (await ws.join('Vera', 0)).token;
  tokens.attacker = (await ws.join('Arne', 0)).token;
  tokens.watcher = (await ws.join('Wenche', 0)).token;
  const plenary = await api('POST', `/workshops/${ws.workshopId}/phases`, ws.facilitator, {
    name: 'Plenum',
    plenary: true,
  });
  board = (plenary.body.boardIds as string[])[0] ?? '';
  expect(board).not.toBe('');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  await server.close();
});

function client(boardId: string, token?: string, doc = new Y.Doc()): TestClient {
  const c = connectClient(server, boardId, doc, token ? { token } : {});
  clients.push(c);
  return c;
}

interface Seen {
  cursor?: { x: number };
  user?: { name?: string };
}
const stateOf = (watcher: TestClient, clientId: number) =>
  watcher.provider.awareness.getStates().get(clientId) as Seen | undefined;
const clockOf = (watcher: TestClient, clientId: number) =>
  watcher.provider.awareness.meta.get(clientId)?.clock ?? 0;

/** An awareness message for `clientId` at exactly `clock`, as y-protocols encodes it. */
function awarenessMessage(
  clientId: number,
  clock: number,
  state: Record<string, unknown> | null,
): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const fake = new awarenessProtocol.Awareness(doc);
  // setLocalState adds one to the clock it finds.
  fake.meta.set(clientId, { clock: clock - 1, lastUpdated: Date.now() });
  fake.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(fake, [clientId]);
  fake.destroy();
  doc.destroy();
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A hand-driven connection: it opens the sync session, then sends what the test says. */
async function attackerSocket(boardId: string, token?: string): Promise<WebSocket> {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const ws = await rawSocket(`${wsBase(server)}/${boardDocId(boardId)}${query}`);
  sockets.push(ws);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
  ws.send(encoding.toUint8Array(e));
  return ws;
}

/** Victim and watcher on a board; the watcher sees the victim's cursor at x = 1. */
async function victimAndWatcher(boardId: string, withTokens: boolean) {
  const victim = client(boardId, withTokens ? tokens.victim : undefined);
  const watcher = client(boardId, withTokens ? tokens.watcher : undefined);
  await Promise.all([waitSynced(victim), waitSynced(watcher)]);
  victim.provider.awareness.setLocalState({ user: { name: 'Vera' }, cursor: { x: 1, y: 1 } });
  watcher.provider.awareness.setLocalState({ user: { name: 'Wenche' } });
  const id = victim.doc.clientID;
  await waitFor(() => stateOf(watcher, id)?.cursor?.x === 1, 'the watcher sees the victim');
  // Everything the watcher ever learns about the victim, to prove no forgery got through.
  const history: (Seen | null)[] = [];
  watcher.provider.awareness.on('change', () => {
    history.push(stateOf(watcher, id) ?? null);
  });
  return { victim, watcher, id, history };
}

/** The victim moves on; the watcher sees it (so anything sent before has been relayed). */
async function victimStillSpeaks(victim: TestClient, watcher: TestClient, x: number) {
  victim.provider.awareness.setLocalStateField('cursor', { x, y: 0 });
  await waitFor(
    () => stateOf(watcher, victim.doc.clientID)?.cursor?.x === x,
    "the victim's later move reaches the watcher",
  );
}

function expectNoForgery(history: readonly (Seen | null)[]) {
  expect(history).not.toContain(null);
  for (const s of history) expect(s?.user?.name).toBe('Vera');
}

describe('presence cannot be hijacked', () => {
  it.each([
    ['hide', null],
    ['impersonate', { user: { name: 'Forged' }, cursor: { x: 666, y: 0 } }],
  ] as const)(
    'another participant claiming the victim’s client id (%s) is refused',
    async (_, state) => {
      const { victim, watcher, id, history } = await victimAndWatcher(board, true);
      const attacker = await attackerSocket(board, tokens.attacker);
      const closed = closeOf(attacker);
      attacker.send(awarenessMessage(id, clockOf(watcher, id) + 1e9, state));
      expect((await closed).code).toBe(CloseCode.presenceRefused);

      await victimStillSpeaks(victim, watcher, 2);
      expectNoForgery(history);
      expect(stateOf(watcher, id)?.user?.name).toBe('Vera');
      expect(log.entries.some((e) => e.event === 'sync.presence_refused')).toBe(true);
    },
  );

  it('an anonymous connection on an open board claiming the victim’s id is refused', async () => {
    const openBoard = 'open-presence-attack';
    const { victim, watcher, id, history } = await victimAndWatcher(openBoard, false);
    const attacker = await attackerSocket(openBoard);
    const closed = closeOf(attacker);
    // Same clock as the victim plus one: no far clock needed to be refused.
    attacker.send(awarenessMessage(id, clockOf(watcher, id) + 1, { user: { name: 'Forged' } }));
    expect((await closed).code).toBe(CloseCode.presenceRefused);
    await victimStillSpeaks(victim, watcher, 3);
    expectNoForgery(history);
  });

  it('a watcher with no presence of its own that forwards what it receives is not closed', async () => {
    const { victim, watcher, id, history } = await victimAndWatcher(board, true);
    const echoer = await attackerSocket(board, tokens.attacker);
    const refusals = () => log.entries.filter((e) => e.event === 'sync.presence_refused').length;
    const refusedBefore = refusals();
    let closedWith: number | null = null;
    echoer.on('close', (code) => {
      closedWith = code;
    });
    // What y-websocket sends for a state it was told about: the same clock, the same state.
    echoer.send(awarenessMessage(id, clockOf(watcher, id), { user: { name: 'Vera' } }));
    await victimStillSpeaks(victim, watcher, 5);
    expectNoForgery(history);
    expect(closedWith).toBeNull();
    expect(refusals()).toBe(refusedBefore);
  });

  it('a connection that announced its own id may not speak for another one', async () => {
    const { victim, watcher, id, history } = await victimAndWatcher(board, true);
    const attacker = await attackerSocket(board, tokens.attacker);
    const own = 0x5eed;
    attacker.send(awarenessMessage(own, 1, { cursor: { x: 10, y: 0 } }));
    await waitFor(() => stateOf(watcher, own)?.cursor?.x === 10, 'the attacker’s own id is seen');

    // A near clock for the victim's id (what an echoing y-websocket client sends too): dropped.
    attacker.send(awarenessMessage(id, clockOf(watcher, id) + 1, { user: { name: 'Forged' } }));
    attacker.send(awarenessMessage(own, 2, { cursor: { x: 11, y: 0 } }));
    await waitFor(() => stateOf(watcher, own)?.cursor?.x === 11, 'a later own move is seen');
    expectNoForgery(history);

    // A far clock for it: refused, and the connection is closed.
    const closed = closeOf(attacker);
    attacker.send(awarenessMessage(id, clockOf(watcher, id) + 1e9, null));
    expect((await closed).code).toBe(CloseCode.presenceRefused);
    await victimStillSpeaks(victim, watcher, 4);
    expectNoForgery(history);
    // The attacker's own cursor left with its connection.
    await waitFor(() => stateOf(watcher, own) === undefined, 'the attacker’s cursor is gone');
  });

  it('a far-future clock for the connection’s own id is refused too', async () => {
    const { watcher } = await victimAndWatcher(board, true);
    const attacker = await attackerSocket(board, tokens.attacker);
    const own = 0x5eee;
    attacker.send(awarenessMessage(own, 1, { cursor: { x: 20, y: 0 } }));
    await waitFor(() => stateOf(watcher, own)?.cursor?.x === 20, 'the attacker’s own id is seen');
    const closed = closeOf(attacker);
    attacker.send(awarenessMessage(own, 1e9, { cursor: { x: 21, y: 0 } }));
    expect((await closed).code).toBe(CloseCode.presenceRefused);
    await waitFor(() => stateOf(watcher, own) === undefined, 'its cursor is gone, never at 21');
  });

  it('a participant reconnecting after a network drop keeps its client id and is seen again', async () => {
    const { victim, watcher, id } = await victimAndWatcher(board, true);
    const first = victim.provider.ws;
    if (!first) throw new Error('victim not connected');
    // The network drops: no closing handshake; the server removes the victim's cursor.
    (first as unknown as WebSocket).terminate();
    await waitFor(() => stateOf(watcher, id) === undefined, 'the watcher sees the victim leave');
    // y-websocket reconnects by itself with the same client id and clock: accepted, and the
    // cursor is back without the victim having to move.
    await waitFor(
      () => victim.provider.wsconnected && victim.provider.ws !== first,
      'the victim reconnected',
    );
    await waitFor(() => stateOf(watcher, id)?.cursor?.x === 1, 'the victim is seen again');
    await victimStillSpeaks(victim, watcher, 5);
  });

  it('a participant reconnecting before the server noticed the old connection takes its id over', async () => {
    const { victim, watcher, id, history } = await victimAndWatcher(board, true);
    // The same person's tab on a new connection while the old one still looks alive.
    const again = await attackerSocket(board, tokens.victim);
    again.send(awarenessMessage(id, clockOf(watcher, id) + 1, { cursor: { x: 30, y: 0 } }));
    await waitFor(() => stateOf(watcher, id)?.cursor?.x === 30, 'the new connection is seen');
    expect(stateOf(watcher, id)?.user?.name).toBe('Vera');

    // The old connection ends: the id is the new connection's now, so it is not removed.
    const before = await openConnections();
    victim.provider.shouldConnect = false;
    (victim.provider.ws as unknown as WebSocket).terminate();
    await waitFor(async () => (await openConnections()) === before - 1, 'the server saw it end');
    const since = history.length;
    again.send(awarenessMessage(id, clockOf(watcher, id) + 1, { cursor: { x: 31, y: 0 } }));
    await waitFor(() => stateOf(watcher, id)?.cursor?.x === 31, 'the new connection still speaks');
    expect(history.slice(since)).not.toContain(null);
    expect(stateOf(watcher, id)?.user?.name).toBe('Vera');
  });
});

async function openConnections(): Promise<number> {
  const res = await fetch(`${base}/healthz`);
  return ((await res.json()) as { connections: number }).connections;
}
