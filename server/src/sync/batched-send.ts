import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

const corked = new Set<Socket>();
let scheduled = false;

function uncorkAll(): void {
  scheduled = false;
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/**
 * Sends one y-websocket message, gathering every frame sent to the same socket in this turn
 * of the event loop into one write. A busy room sends each member several messages per turn
 * (edits and awareness of several others), and over TCP each write is a system call that
 * also does the receiver's share of the work on loopback: one write instead of several cut
 * the server's CPU under load (bench/load.ts). The frames go out at the end of the turn
 * (`setImmediate`), before any timer or new input is handled.
 */
export function sendBatched(ws: WebSocket, data: Uint8Array): void {
  // ws keeps its TCP socket in `_socket` (not public API; without it frames go out one by one).
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (socket && !socket.destroyed && !corked.has(socket)) {
    socket.cork();
    corked.add(socket);
    if (!scheduled) {
      scheduled = true;
      setImmediate(uncorkAll);
    }
  }
  ws.send(data);
}
