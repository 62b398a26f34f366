/**
 * The server's part of opening a big board: from the WebSocket upgrade until the board's sync
 * step 2 has arrived, for a client that has nothing (as a browser opening it the first time),
 * offering compression as browsers do. On loopback this is the server's time (loading the
 * document, encoding and compressing the reply) plus a few milliseconds of transfer.
 */
import { SYNC_PATH } from '@torg/shared';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type ServerProcess, startServerProcess } from '../../e2e/support/server-process.js';

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;

export async function timeFirstSync(port: number, boardId: string): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${SYNC_PATH}/b.${boardId}`, {
    perMessageDeflate: true,
  });
  let upgradedAt = 0;
  ws.once('upgrade', () => {
    upgradedAt = performance.now();
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Error(`closed (${code}) before sync step 2`)));
      ws.once('open', () => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP1);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
        ws.send(encoding.toUint8Array(e));
      });
      ws.on('message', (data: Buffer) => {
        if (data[0] === SYNC && data[1] === STEP2) resolve(performance.now() - upgradedAt);
      });
    });
  } finally {
    ws.removeAllListeners('close');
    ws.close();
  }
}

export interface ServerSyncFigures {
  /** Median of the first clients after three restarts: the board is read from storage first. */
  coldMs: number;
  /** Median of three more clients while the board is in memory. */
  warmMs: number;
}

/** Restarts; a single cold start varies by a fifth on these machines. */
const COLD_STARTS = 3;

/**
 * Restarts `server` on its data (so the board is no longer in memory) and times the first
 * client, three times, then three more clients on the last start. Returns the restarted
 * server.
 */
export async function restartAndTime(
  server: ServerProcess,
  boardId: string,
  serverDir?: string,
): Promise<{ server: ServerProcess; figures: ServerSyncFigures }> {
  let current = server;
  const cold: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    await current.stop();
    current = await startServerProcess({
      dataDir: server.dataDir,
      ...(serverDir ? { serverDir } : {}),
    });
    cold.push(await timeFirstSync(current.port, boardId));
  }
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) warm.push(await timeFirstSync(current.port, boardId));
  return {
    server: current,
    figures: { coldMs: Math.round(median(cold)), warmMs: Math.round(median(warm)) },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
