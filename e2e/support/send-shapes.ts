import {
  boardDocId,
  MessageType,
  ORIGIN_LOCAL,
  type Shape,
  SyncMessageType,
  syncProtocols,
  writeShapes,
} from '@torg/shared';
import * as encoding from 'lib0/encoding';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';

/**
 * Writes `shapes` to a board as one y-websocket client would (from a page of the app; with
 * `token`, as that member: a gathering's boards take no stranger's writes).
 */
export async function sendAsClient(
  page: Page,
  boardId: string,
  shapes: Shape[],
  token: string | null = null,
): Promise<void> {
  const doc = new Y.Doc();
  writeShapes(doc, shapes, ORIGIN_LOCAL);
  // Sync step 1 opens the session, then the update.
  const message = (sub: number, payload: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
    return [...encoding.toUint8Array(e)];
  };
  await page.evaluate(
    async ({ docId, frames, protocols }) => {
      const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/sync/${docId}`, protocols);
      ws.binaryType = 'arraybuffer';
      await new Promise((resolve) => {
        ws.onopen = resolve;
      });
      for (const f of frames) ws.send(new Uint8Array(f));
    },
    {
      docId: boardDocId(boardId),
      protocols: syncProtocols(token),
      frames: [
        message(SyncMessageType.step1, Y.encodeStateVector(new Y.Doc())),
        message(SyncMessageType.update, Y.encodeStateAsUpdate(doc)),
      ],
    },
  );
}
