/**
 * One fuzz attack next to two honest editors: the honest clients keep writing stickies to
 * each other (about 30 edits a second each) before, during and after 20,000 hostile frames
 * sent from a worker thread. Returns what happened; the test asserts that nothing broke, the
 * benchmark reports how the honest round trips changed.
 */
import { Worker } from 'node:worker_threads';
import { ORIGIN_LOCAL, shapesMap, writeShapes } from '@torg/shared';
import { sticky, type TestClient } from '../helpers.js';
import { FRAMES, FUZZ_WORKER, FUZZERS, fuzzer, step1, WS_PATH } from './frames.js';

export interface AttackResult {
  /** Frames the fuzzers sent, sockets they opened, and how the server closed them. */
  sent: number;
  sockets: number;
  codes: [number, number][];
  /** Honest round trips (ms) without the fuzzer (half before, half after) and during it. */
  baseline: number[];
  during: number[];
  /** Honest edits written, ids `h0` … `h<edits-1>`. */
  edits: number;
}

/** Time until the other client sees a new sticky written by `from`. */
function roundTrip(from: TestClient, to: TestClient, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const timer = setTimeout(() => {
      to.doc.off('update', check);
      reject(new Error(`edit ${id} did not arrive within 5 s`));
    }, 5000);
    function check() {
      if (!shapesMap(to.doc).has(id)) return;
      clearTimeout(timer);
      to.doc.off('update', check);
      resolve(performance.now() - t0);
    }
    to.doc.on('update', check);
    writeShapes(from.doc, [sticky(id, `ærlig ${id}`)], ORIGIN_LOCAL);
  });
}

export async function runAttack(
  url: string,
  honest: readonly [TestClient, TestClient],
  framesPerSecond: number,
): Promise<AttackResult> {
  let edits = 0;
  const sample = async () => {
    const [a, b] = edits % 2 === 0 ? honest : [honest[1], honest[0]];
    const ms = await roundTrip(a, b, `h${edits}`);
    edits++;
    return ms;
  };
  // Each honest client edits about 30 times a second (well inside its message budget): a
  // pace, not a wait for a condition.
  const pace = () => new Promise((r) => setTimeout(r, 15));
  // Warm up, then the baseline without a fuzzer (more of it after the fuzzer: the baseline
  // is taken on both sides so other load on the machine affects both alike).
  for (let i = 0; i < 10; i++) await sample();
  const baseline: number[] = [];
  for (let i = 0; i < 60; i++) {
    baseline.push(await sample());
    await pace();
  }

  // The fuzzers run in a worker thread (its own event loop), so the honest clients' timings
  // here measure the server, not this thread's frame sending.
  const frames: (Uint8Array | string)[][] = Array.from({ length: FUZZERS }, () => []);
  for (let w = 0; w < FUZZERS; w++) {
    const next = fuzzer(1000 + w);
    const mine = frames[w] as (Uint8Array | string)[];
    for (let i = w; i < FRAMES; i += FUZZERS) mine.push(next());
  }
  const worker = new Worker(FUZZ_WORKER, {
    eval: true,
    workerData: { url, frames, framesPerSecond, wsPath: WS_PATH, handshake: step1() },
  });
  const fuzzing = new Promise<{ sent: number; sockets: number; codes: [number, number][] }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  let fuzzDone = false;
  void fuzzing.finally(() => {
    fuzzDone = true;
  });
  const during: number[] = [];
  while (!fuzzDone || during.length < 60) {
    during.push(await sample());
    await pace();
  }
  const { sent, sockets, codes } = await fuzzing;
  await worker.terminate();
  for (let i = 0; i < 60; i++) {
    baseline.push(await sample());
    await pace();
  }
  return { sent, sockets, codes, baseline, during, edits };
}
