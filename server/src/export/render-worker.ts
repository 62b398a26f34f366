import fs from 'node:fs';
import os from 'node:os';
import { parentPort, threadId } from 'node:worker_threads';
import * as Y from 'yjs';
import { errorMessage } from '../logger.js';
import type { StoredAsset, WorkshopRecord } from '../storage/storage.js';
import { renderBoardExport } from './board-file.js';
import type { FromWorker, RenderTask, SourceRequest, ToWorker } from './render-task.js';
import type { ExportSource } from './source.js';
import { produceWorkshopExport } from './workshop.js';

/**
 * An export worker thread (started by `render-pool.ts`): renders one task at a time. It reads
 * documents, images and the workshop's record from the main thread's export source on demand
 * (the main thread only copies them out of the live documents or storage), and hands back
 * the file's bytes by transfer. It never touches storage or sockets itself.
 */
const port = parentPort;
if (!port) throw new Error('render-worker.ts runs only as a worker thread');

/**
 * Drawing yields the CPU to the event loop: on Linux this thread's own nice value (a thread id
 * is a pid to setpriority) goes to 10, so on a busy machine sync and HTTP are served first and
 * the export takes what is left. Elsewhere it runs at normal priority.
 */
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isSafeInteger(tid) && tid > 0) os.setPriority(tid, 10);
} catch {
  // no /proc (not Linux): normal priority
}

let nextRid = 1;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function ask<T>(request: SourceRequest): Promise<T> {
  const rid = nextRid++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(rid, { resolve: resolve as (v: unknown) => void, reject });
    post({ type: 'need', rid, ...request });
  });
}

/**
 * What this task has read already: a ZIP reads every document twice (report and backup) and
 * every image twice (picture and backup); asking once spares the event loop the second copy.
 * A document is still handed out as a fresh copy each time (the anonymiser edits its copies).
 */
const docs = new Map<string, Promise<Uint8Array>>();
const assets = new Map<string, Promise<StoredAsset | null>>();

function docUpdate(docId: string): Promise<Uint8Array> {
  let update = docs.get(docId);
  if (!update) {
    update = ask<Uint8Array>({ what: 'doc', id: docId });
    docs.set(docId, update);
  }
  return update;
}

const source: ExportSource = {
  docUpdate,
  async doc(docId) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await docUpdate(docId));
    return doc;
  },
  asset(id) {
    let asset = assets.get(id);
    if (!asset) {
      asset = ask<StoredAsset | null>({ what: 'asset', id });
      assets.set(id, asset);
    }
    return asset;
  },
  workshop: (id) => ask<WorkshopRecord | null>({ what: 'workshop', id }),
};

/** The bytes in an ArrayBuffer of their own, so they can be transferred without a copy. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
    return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

async function render(task: RenderTask) {
  if (task.kind === 'workshop')
    return produceWorkshopExport(source, task.workshopId, task.request, (done, total) =>
      post({ type: 'progress', done, total }),
    );
  return renderBoardExport(source, task);
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'reply') {
    const w = waiting.get(m.rid);
    waiting.delete(m.rid);
    if ('error' in m) w?.reject(new Error(m.error));
    else w?.resolve(m.value);
    return;
  }
  docs.clear();
  assets.clear();
  render(m.task).then(
    (file) => {
      const bytes = own(file.bytes);
      post({ type: 'done', file: { ...file, bytes }, threadId }, [bytes.buffer]);
    },
    (err: unknown) =>
      post({
        type: 'failed',
        name: err instanceof Error ? err.constructor.name : 'Error',
        message: errorMessage(err),
      }),
  );
});
