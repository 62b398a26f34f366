import type { WebsocketProvider } from 'y-websocket';

/** Read at once when released: about one slice of a big board's first sync. */
const AT_ONCE_BYTES = 64 * 1024;

function sizeOf(data: unknown): number {
  return data instanceof ArrayBuffer ? data.byteLength : 0;
}

interface PostTaskScheduler {
  postTask(task: () => void, options: { priority: 'background' }): Promise<unknown>;
}

/**
 * Runs `task` after the page's own pending work (React's rendering, input): at background
 * priority where the browser has `scheduler.postTask` (Chromium, Firefox), else as a task of
 * its own after those already queued.
 */
function afterPageWork(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (scheduler) {
    void scheduler.postTask(task, { priority: 'background' });
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    task();
  };
  channel.port2.postMessage(null);
}

/**
 * Keeps what the server sends on `provider`'s connection unread, in order, until the returned
 * function is called; then each message is read in a task of its own after the page's own
 * work (`afterPageWork`), new ones after them.
 *
 * For a document opened early (`openEarly`): a big board's first sync (30-odd messages of
 * 90 kB) otherwise arrives while the page's code is still starting, and reading it there held
 * the page up by a quarter of a second; read as it came after that, it kept the first objects
 * from being drawn for as long again. Read once the page is there and between its work, the
 * first slice is drawn at once and the rest follows while the page answers (issue 23).
 */
export function holdMessages(provider: WebsocketProvider): () => void {
  const ws = provider.ws;
  const read = ws?.onmessage;
  if (!ws || !read) return () => {};
  const queue: MessageEvent[] = [];
  let held = true;
  ws.onmessage = (event: MessageEvent) => {
    if (!held && queue.length === 0) {
      read.call(ws, event);
      return;
    }
    queue.push(event);
    // y-websocket closes a connection it has heard nothing on for 30 s; it has heard.
    provider.wsLastMessageReceived = Date.now();
  };
  const readNext = (more = true) => {
    const event = queue.shift();
    if (event && provider.ws === ws) read.call(ws, event);
    if (more && queue.length > 0) afterPageWork(readNext);
  };
  return () => {
    if (!held) return;
    held = false;
    // The handshake and the first slice at once, so the page's first frame has something.
    let bytes = 0;
    while (queue.length > 0 && bytes < AT_ONCE_BYTES) {
      bytes += sizeOf(queue[0]?.data);
      readNext(false);
    }
    if (queue.length > 0) afterPageWork(readNext);
  };
}
