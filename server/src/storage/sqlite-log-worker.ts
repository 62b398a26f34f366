import { parentPort, workerData } from 'node:worker_threads';
import { compactedRows, type Snapshot } from './snapshot.js';
import type { LogRequest, LogResponse } from './sqlite-log-messages.js';
import { openSqlite } from './sqlite-schema.js';

/**
 * The document log's writer (started by `sqlite-log-writer.ts`): appends and compactions on a
 * connection of its own, so that SQLite's fsync at each group commit (`synchronous = FULL`)
 * waits here, not on the thread that serves the sockets (issue 24). WAL lets the main
 * thread's connection read meanwhile.
 */
const port = parentPort;
if (!port) throw new Error('sqlite-log-worker.ts runs only as a worker thread');
const db = openSqlite((workerData as { file: string }).file);
const insert = db.prepare<[string, Uint8Array]>(
  'INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)',
);
const readLog = db.prepare<[string], { seq: number; data: Buffer }>(
  'SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq',
);
const deleteUpTo = db.prepare<[string, number]>(
  'DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?',
);

const append = db.transaction((entries: { docId: string; update: Uint8Array }[]) => {
  for (const e of entries) insert.run(e.docId, e.update);
});

const compact = db.transaction((docId: string, snapshot: Snapshot) => {
  const rows = readLog.all(docId);
  const last = rows.at(-1);
  if (last) deleteUpTo.run(docId, last.seq);
  for (const part of compactedRows(
    rows.map((r) => r.data),
    snapshot,
  ))
    insert.run(docId, part);
});

port.on('message', (request: LogRequest) => {
  let response: LogResponse;
  try {
    if (request.kind === 'append') append(request.entries);
    else compact(request.docId, request.snapshot);
    response = { id: request.id, error: null };
  } catch (err) {
    response = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(response);
});
