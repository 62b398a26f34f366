// The least a y-websocket server can do, as a floor for the load benchmark (not a server
// anyone should run): it keeps no document and decodes no update. A client's sync step 1 gets
// an empty sync step 2 and then every update the room has relayed so far, as it came; every
// update goes to the room's other clients as it arrived and is kept for newcomers. Awareness
// is relayed as it came too, but only when it is news: y-websocket clients send back every
// awareness update they receive, and relaying those echoes would multiply the traffic tenfold,
// so the relay reads each entry's client id and clock (not its state) and drops a message with
// nothing newer than it has seen. Whatever latency the load generator still measures through
// it is the machine's and the clients', not a server's. Started by bench/load.ts with PORT and
// HOST.
import { WebSocketServer } from 'ws';

// Exits on SIGTERM through process.exit, so that a --cpu-prof profile (LOAD_PROFILE) is written.
process.once('SIGTERM', () => process.exit(0));

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
/** Sync step 2 with an empty Yjs update (`Y.encodeStateAsUpdate(new Y.Doc())` is [0, 0]). */
const EMPTY_STEP2 = Uint8Array.of(MESSAGE_SYNC, STEP2, 2, 0, 0);

/** Reads lib0's variable-length unsigned integers from `data`, starting at `at.pos`. */
function readVarUint(data, at) {
  let n = 0;
  let mult = 1;
  for (;;) {
    const byte = data[at.pos++];
    if (byte === undefined) throw new Error('truncated');
    n += (byte & 0x7f) * mult;
    if (byte < 0x80) return n;
    mult *= 128;
  }
}

/** True when an awareness message has an entry newer than `clocks` knows (which it notes). */
function isNews(data, clocks) {
  const at = { pos: 1 };
  readVarUint(data, at); // the update's length
  const count = readVarUint(data, at);
  let news = false;
  for (let i = 0; i < count; i++) {
    const clientId = readVarUint(data, at);
    const clock = readVarUint(data, at);
    at.pos += readVarUint(data, at); // the state, unread
    if (clock > (clocks.get(clientId) ?? -1)) {
      clocks.set(clientId, clock);
      news = true;
    }
  }
  return news;
}

/**
 * @type {Map<string, { clients: Set<import('ws').WebSocket>, updates: Buffer[],
 *   clocks: Map<number, number> }>}
 */
const rooms = new Map();
const port = Number(process.env.PORT ?? 1234);
const wss = new WebSocketServer({ port, host: process.env.HOST ?? '127.0.0.1' });

wss.on('connection', (ws, request) => {
  const name = (request.url ?? '/').slice(1).split('?')[0] ?? '';
  let room = rooms.get(name);
  if (!room) {
    room = { clients: new Set(), updates: [], clocks: new Map() };
    rooms.set(name, room);
  }
  const { clients, updates, clocks } = room;
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
  ws.on('message', (/** @type {Buffer} */ data) => {
    // Message types and sync sub-types are below 128: one byte each.
    if (data[0] === MESSAGE_SYNC && data[1] === STEP1) {
      ws.send(EMPTY_STEP2);
      for (const update of updates) ws.send(update);
      return;
    }
    if (data[0] === MESSAGE_SYNC && data[1] === STEP2) data[1] = UPDATE;
    if (data[0] === MESSAGE_SYNC) updates.push(data);
    else if (data[0] !== MESSAGE_AWARENESS || !isNews(data, clocks)) return;
    for (const other of clients) if (other !== ws) other.send(data);
  });
});
wss.on('listening', () => console.log(`bare relay listening on :${port}`));
