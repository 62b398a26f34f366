import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { holdMessages } from './held-messages.js';

/** The part of a y-websocket provider `holdMessages` uses: its socket's message handler. */
function fakeProvider() {
  const read: number[] = [];
  const ws = {
    onmessage(event: MessageEvent) {
      read.push(new Uint8Array(event.data as ArrayBuffer)[0] ?? -1);
    },
  } as unknown as WebSocket;
  const provider = { ws, wsLastMessageReceived: 0 } as unknown as WebsocketProvider;
  const arrive = (n: number, bytes: number) => {
    const data = new Uint8Array(bytes);
    data[0] = n;
    ws.onmessage?.(new MessageEvent('message', { data: data.buffer }));
  };
  return { provider, read, arrive };
}

const untilRead = async (read: number[], count: number) => {
  for (let i = 0; i < 1000 && read.length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('holding an early document’s messages', () => {
  it('reads nothing until released; then the first slice at once and the rest in order', async () => {
    const { provider, read, arrive } = fakeProvider();
    const release = holdMessages(provider);
    arrive(1, 12);
    arrive(2, 90_000);
    arrive(3, 90_000);
    arrive(4, 90_000);
    expect(read).toEqual([]);
    // It has heard from the server: y-websocket would close a connection it thinks silent.
    expect(provider.wsLastMessageReceived).toBeGreaterThan(0);

    release();
    // The handshake and the first slice in the same task, so the page's first frame has them.
    expect(read).toEqual([1, 2]);
    // One arriving meanwhile waits behind those still held.
    arrive(5, 10);
    expect(read).toEqual([1, 2]);
    await untilRead(read, 5);
    expect(read).toEqual([1, 2, 3, 4, 5]);
    // Once they are read, new ones are read as they come.
    arrive(6, 10);
    expect(read).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
