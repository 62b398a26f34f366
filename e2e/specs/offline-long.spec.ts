import net from 'node:net';
import { newId } from '@torg/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BoardPage } from '../pages/BoardPage.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const OFFLINE_MS = 30_000;
const sorted = (xs: string[]) => [...xs].sort();

/**
 * Anne's network: a TCP relay to the server that can be cut. Playwright's
 * `context.setOffline(true)` fails new requests but leaves open WebSockets working
 * (Chromium's offline emulation does not cover them), so on its own it is no network drop:
 * the relay closes Anne's live connections, as a lost Wi-Fi does, and refuses new ones until
 * the network is back.
 */
async function cuttableNetwork(targetPort: number) {
  const open = new Set<net.Socket>();
  let up = true;
  const relay = net.createServer((inbound) => {
    if (!up) {
      inbound.destroy();
      return;
    }
    const outbound = net.connect(targetPort, '127.0.0.1');
    const end = () => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on('error', end);
      s.on('close', end);
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as net.AddressInfo;
  return {
    // localhost, like the real URL: a secure context, so the service worker runs.
    url: `http://localhost:${port}`,
    cut() {
      up = false;
      for (const s of open) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

let network: Awaited<ReturnType<typeof cuttableNetwork>> | null = null;
afterAll(async () => {
  network?.cut();
  await network?.close();
});

describe('a browser that loses its network for 30 s while others work on', () => {
  it('both keep editing the same board; after reconnecting they converge and nothing is lost', async () => {
    const boardId = newId();
    network = await cuttableNetwork(Number(new URL(baseUrl).port));
    const anne = new BoardPage((await crowd().person('Anne Hansen')).page, network.url);
    await anne.open(boardId);
    await anne.waitForStatus('connected');
    const bjorn = await crowd().onBoard('Bjørn Ødegård', boardId);

    await anne.addSticky(250, 180, 'Før bruddet');
    await expect.poll(() => bjorn.contentTexts(), { timeout: 2000 }).toEqual(['Før bruddet']);

    // Anne's browser goes offline (the server stays up for Bjørn).
    await anne.page.context().setOffline(true);
    network.cut();
    const offlineAt = Date.now();
    await anne.waitForStatus('disconnected', 10_000);

    // Both keep working for the whole outage: Anne adds notes and edits the old one,
    // Bjørn adds notes of his own.
    const anneTexts: string[] = [];
    const bjornTexts: string[] = [];
    const columns = [500, 750, 1000];
    for (const [i, x] of columns.entries()) {
      anneTexts.push(`Anne uten nett ${i + 1}`);
      await anne.addSticky(x, 180, anneTexts.at(-1) as string);
      bjornTexts.push(`Bjørn på nett ${i + 1}`);
      await bjorn.addSticky(x - 250, 520, bjornTexts.at(-1) as string);
      // The scenario is "keep editing for 30 s": spread the edits over the outage.
      const next = offlineAt + ((i + 1) * OFFLINE_MS) / (columns.length + 1);
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
    await anne.doubleClickCanvas(250, 180);
    await anne.editor.waitFor();
    await anne.editor.press('End');
    await anne.editor.pressSequentially(' (endret offline)');
    await anne.editor.press('Escape');
    await anne.editor.waitFor({ state: 'detached' });
    await new Promise((r) => setTimeout(r, Math.max(0, offlineAt + OFFLINE_MS - Date.now())));

    // Still apart at the end of the outage: it really was offline.
    await anne.waitForStatus('disconnected', 1000);
    expect(sorted(await anne.contentTexts())).toEqual(
      sorted(['Før bruddet (endret offline)', ...anneTexts]),
    );
    expect(sorted(await bjorn.contentTexts())).toEqual(sorted(['Før bruddet', ...bjornTexts]));

    // Back online: the provider reconnects by itself and both converge.
    network.restore();
    await anne.page.context().setOffline(false);
    await anne.waitForStatus('connected', 15_000);
    const everything = sorted(['Før bruddet (endret offline)', ...anneTexts, ...bjornTexts]);
    await expect
      .poll(async () => sorted(await anne.contentTexts()), { timeout: 5000 })
      .toEqual(everything);
    await expect
      .poll(async () => sorted(await bjorn.contentTexts()), { timeout: 5000 })
      .toEqual(everything);

    // And the server has it all: a newcomer loads the same board.
    const carl = await crowd().onBoard('Carl', boardId);
    await expect
      .poll(async () => sorted(await carl.contentTexts()), { timeout: 5000 })
      .toEqual(everything);
  }, 90_000);
});
