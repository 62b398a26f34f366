import type { PerMessageDeflateOptions, WebSocket } from 'ws';

/**
 * Sync messages of 1 kB and more are compressed (permessage-deflate): a board's first sync
 * (200 notes: 54 kB) arrives in 10 kB, a third of a second sooner on a venue's wifi (issue 18).
 * Small edits and presence go as they are. Compression runs in zlib's thread pool (ws, at most
 * 10 at once), not on the event loop. No context is kept from one message to the next, so each
 * compressed message stands alone (see `freeCompressorBetweenMessages`); what we receive is
 * inflated within `maxPayload` (ws refuses more, as for plain messages).
 */
export const SYNC_COMPRESSION: PerMessageDeflateOptions = {
  threshold: 1024,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 12,
  zlibDeflateOptions: { memLevel: 5 },
};

/** The part of ws's permessage-deflate extension (ws 8, private) that holds the compressor. */
interface DeflateExtension {
  _deflate: { close(): void } | null;
  _compress(
    data: Buffer,
    fin: boolean,
    callback: (error: Error | null, result?: Buffer) => void,
  ): void;
}

/**
 * ws keeps a connection's compressor from its first compressed message until the connection
 * closes: about 100 kB each with Node's zlib (its hash table has a fixed size, whatever the
 * window), 30 MB for 300 participants who each once received a board. Without context
 * takeover nothing carries over between messages, and only the rare large message is
 * compressed at all (a newcomer's first sync, a large paste), so the compressor is made for
 * each of those and freed after it. Browsers compress every message they send, so the
 * decompressor (about 30 kB) stays: it is used for every cursor move.
 */
export function freeCompressorBetweenMessages(socket: WebSocket): void {
  const extensions = (socket as unknown as { _extensions?: Record<string, unknown> })._extensions;
  const extension = extensions?.['permessage-deflate'] as DeflateExtension | undefined;
  if (!extension) return;
  const compress = extension._compress.bind(extension);
  extension._compress = (data, fin, callback) =>
    compress(data, fin, (error, result) => {
      // `fin`: the message is whole (ws compresses fragments of one message in one context).
      if (fin && extension._deflate) {
        extension._deflate.close();
        extension._deflate = null;
      }
      callback(error, result);
    });
}
