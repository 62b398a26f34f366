/**
 * The hostile half of the fuzz test and benchmark: seeded frames that look like the sync
 * protocol gone wrong, and the worker-thread code that sends them from several loopback
 * addresses. Used by server/test/failure-fuzz.test.ts and bench/fuzz.ts.
 */
import { createRequire } from 'node:module';
import { MessageType, ORIGIN_LOCAL, SyncMessageType, writeShapes } from '@torg/shared';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { sticky } from '../helpers.js';
import { seededRandom } from '../seeded-random.js';

export const FRAMES = 20_000;
/** Concurrent fuzz sockets, each from its own loopback address (one socket per address). */
export const FUZZERS = 6;
/**
 * The attack's default pace. What it does to honest editors' round trips is measured by
 * `bench/fuzz.ts` (results in bench/results/fuzz.md), not asserted by the test.
 */
export const FRAMES_PER_SECOND = 1000;

const require = createRequire(import.meta.url);
/** Where the worker thread finds `ws` (it runs as eval'd CommonJS with no module paths). */
export const WS_PATH = require.resolve('ws');

/**
 * Worker-thread code (plain CommonJS): each of its fuzzers opens a socket from its own
 * loopback address, usually opens the session with a sync step 1, sends a burst of its
 * frames, and reopens when the server closes it, until every frame has been sent.
 */
export const FUZZ_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
let sent = 0;
let sockets = 0;
const codes = new Map();
const start = Date.now();
const perFuzzer = workerData.framesPerSecond / workerData.frames.length;
async function fuzz(w, frames) {
  let i = 0;
  while (i < frames.length) {
    // The attack's pace: at most framesPerSecond in all (a rate, not a wait for a condition).
    const ahead = i / perFuzzer - (Date.now() - start) / 1000;
    if (ahead > 0) await new Promise((r) => setTimeout(r, ahead * 1000));
    const ws = await new Promise((resolve, reject) => {
      const s = new WebSocket(workerData.url, { localAddress: '127.0.0.' + (10 + w) });
      s.once('open', () => resolve(s));
      s.once('error', reject);
    });
    sockets++;
    ws.on('error', () => {});
    const closed = new Promise((r) => ws.once('close', (code) => r(code)));
    if (random() < 0.8) ws.send(workerData.handshake);
    const burst = 1 + Math.floor(random() * 60);
    for (let b = 0; b < burst && i < frames.length; b++) {
      if (ws.readyState !== WebSocket.OPEN) break;
      ws.send(frames[i++]);
      sent++;
    }
    if (ws.readyState === WebSocket.OPEN) ws.close();
    const code = await closed;
    codes.set(code, (codes.get(code) || 0) + 1);
  }
}
Promise.all(workerData.frames.map((f, w) => fuzz(w, f))).then(() =>
  parentPort.postMessage({ sent, sockets, codes: [...codes] }),
);
`;

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}
const syncMsg = (sub: number, bytes: Uint8Array) =>
  frame(
    (e) => encoding.writeVarUint(e, MessageType.sync),
    (e) => encoding.writeVarUint(e, sub),
    (e) => encoding.writeVarUint8Array(e, bytes),
  );
export const step1 = (): Uint8Array =>
  syncMsg(SyncMessageType.step1, Y.encodeStateVector(new Y.Doc()));

/** Makes fuzz frames: valid prefixes gone wrong, mutated real messages, and noise. */
export function fuzzer(seed: number): () => Uint8Array | string {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  // Real material to mutate: updates of a private doc, and an awareness update.
  const own = new Y.Doc();
  const updates: Uint8Array[] = [];
  own.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 20; i++) {
    writeShapes(own, [sticky(`fz${seed}n${i}`, `støy ${i}`, i)], ORIGIN_LOCAL);
  }
  const awareness = new awarenessProtocol.Awareness(own);
  awareness.setLocalState({ cursor: { x: 1, y: 2 }, name: 'fuzz' });
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [own.clientID]);
  awareness.destroy();
  const real = () => updates[int(updates.length)] as Uint8Array;
  const mutate = (src: Uint8Array): Uint8Array => {
    const out = Uint8Array.from(src);
    const flips = 1 + int(4);
    for (let i = 0; i < flips; i++) {
      const at = int(out.length);
      out[at] = random() < 0.5 ? (out[at] ?? 0) ^ (1 << int(8)) : int(256);
    }
    return random() < 0.3 ? out.slice(0, int(out.length)) : out;
  };
  const kinds: (() => Uint8Array | string)[] = [
    // valid prefix, truncated varint
    () => Uint8Array.from([MessageType.sync, SyncMessageType.update, 0x80 | int(128)]),
    () => Uint8Array.from([MessageType.sync, 0xff, 0xff]),
    () => Uint8Array.from([MessageType.awareness, 0x80, 0x80, 0x80]),
    () => Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
    // huge declared lengths
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.sync),
        (e) => encoding.writeVarUint(e, SyncMessageType.update),
        (e) => encoding.writeVarUint(e, 2 ** 31 + int(2 ** 20)),
        (e) => encoding.writeUint8Array(e, bytes(int(16))),
      ),
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.sync),
        (e) => encoding.writeVarUint(e, SyncMessageType.step1),
        (e) => encoding.writeVarUint(e, 2 ** 40),
      ),
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) =>
          encoding.writeVarUint8Array(
            e,
            frame((x) => encoding.writeVarUint(x, 2 ** 30)),
          ),
      ),
    // a Yjs update declaring 2^30 structs / clients
    () =>
      syncMsg(
        SyncMessageType.update,
        frame(
          (e) => encoding.writeVarUint(e, 2 ** 30),
          (e) => encoding.writeVarUint(e, 2 ** 30),
          (e) => encoding.writeVarUint(e, 1),
        ),
      ),
    // garbage and mutated Yjs updates
    () => syncMsg(SyncMessageType.update, bytes(int(200))),
    () => syncMsg(SyncMessageType.update, mutate(real())),
    () => syncMsg(SyncMessageType.step2, mutate(real())),
    () => syncMsg(SyncMessageType.step1, mutate(Y.encodeStateVector(own))),
    () => mutate(syncMsg(SyncMessageType.update, real())),
    // bogus awareness
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) => encoding.writeVarUint8Array(e, mutate(awarenessUpdate)),
      ),
    () =>
      frame(
        (e) => encoding.writeVarUint(e, MessageType.awareness),
        (e) =>
          encoding.writeVarUint8Array(
            e,
            frame(
              (x) => encoding.writeVarUint(x, 3),
              (x) => encoding.writeVarUint(x, int(2 ** 30)),
              (x) => encoding.writeVarUint(x, int(2 ** 30)),
              (x) =>
                encoding.writeVarString(
                  x,
                  [
                    '{}',
                    'null',
                    '"x"',
                    '[1,2,3]',
                    '{"user":{"name":"mallory"}}',
                    `${'['.repeat(5000)}${']'.repeat(5000)}`,
                  ][int(6)] as string,
                ),
            ),
          ),
      ),
    // random bytes, empty frames, unknown types, text frames
    () => bytes(int(300)),
    () => new Uint8Array(0),
    () => Uint8Array.from([4 + int(250), ...bytes(int(10))]),
    () => String.fromCharCode(...bytes(int(40))),
    // valid but odd: keeps some sockets alive longer
    () => Uint8Array.from([MessageType.queryAwareness]),
    () => step1(),
  ];
  return () => (kinds[int(kinds.length)] as () => Uint8Array | string)();
}
