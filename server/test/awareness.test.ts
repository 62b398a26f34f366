import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { SMALL_ROOM } from '../src/sync/room.js';
import { connectClient, startTestServer, type TestClient, waitFor, waitSynced } from './helpers.js';

let server: RunningServer | null = null;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

async function room(boardId: string, n: number): Promise<TestClient[]> {
  const s = server ?? (await startTestServer());
  server = s;
  const made = Array.from({ length: n }, () => connectClient(s, boardId));
  clients.push(...made);
  await Promise.all(made.map(waitSynced));
  // As the app does on opening a board (a first state at clock 0 is ignored by y-protocols).
  made.forEach((c, i) => {
    c.provider.awareness.setLocalStateField('user', { name: `Person ${i + 1}` });
  });
  await waitFor(
    () => made.every((c) => c.provider.awareness.getStates().size === n),
    'everyone sees everyone',
  );
  return made;
}

const cursorOf = (watcher: TestClient, of: TestClient) =>
  (watcher.provider.awareness.getStates().get(of.doc.clientID) as { cursor?: { x: number } })
    ?.cursor;

describe('awareness (cursors) through the server', () => {
  it('in a plenary-sized room, many cursor moves at once reach a client as a few messages', async () => {
    const [watcher, ...movers] = await room('plenary', SMALL_ROOM + 5);
    if (!watcher) throw new Error('no watcher');
    let messages = 0;
    watcher.provider.awareness.on('update', () => messages++);

    movers.forEach((m, i) => {
      m.provider.awareness.setLocalStateField('cursor', { x: i + 1, y: 0 });
    });
    await waitFor(
      () => movers.every((m, i) => cursorOf(watcher, m)?.x === i + 1),
      'the watcher sees every cursor where it was moved',
    );
    // One message per mover without coalescing; with it the first move goes out at once
    // and the rest together a tick later.
    expect(movers.length).toBeGreaterThan(SMALL_ROOM);
    expect(messages).toBeLessThanOrEqual(3);
  });

  it('in a group-sized room a cursor reaches the others and leaves with its owner', async () => {
    const [a, b, c] = await room('group', 3);
    if (!a || !b || !c) throw new Error('three clients');
    a.provider.awareness.setLocalStateField('cursor', { x: 42, y: 7 });
    await waitFor(
      () => cursorOf(b, a)?.x === 42 && cursorOf(c, a)?.x === 42,
      'both others see the cursor',
    );

    a.destroy();
    await waitFor(
      () => !b.provider.awareness.getStates().has(a.doc.clientID),
      'the cursor of a client that left disappears',
    );
    expect(c.provider.awareness.getStates().size).toBe(2);
    // The others keep moving as before.
    b.provider.awareness.setLocalStateField('cursor', { x: 5, y: 5 });
    await waitFor(() => cursorOf(c, b)?.x === 5, 'a later move still arrives');
  });
});
