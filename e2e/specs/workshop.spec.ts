import {
  boardDocId,
  MessageType,
  ORIGIN_LOCAL,
  SyncMessageType,
  stickyDefaults,
  writeShapes,
} from '@torg/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** A crafted Yjs update with one sticky, as a y-websocket sync message. */
function forgedUpdate(): number[] {
  const doc = new Y.Doc();
  writeShapes(
    doc,
    [{ ...stickyDefaults(), id: 'forged1', x: 0, y: 0, z: 'a0', text: 'Forfalsket' }],
    ORIGIN_LOCAL,
  );
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncMessageType.update);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  return [...encoding.toUint8Array(e)];
}

describe('a gathering with a facilitator and two groups', () => {
  it('create, join by code, edit own board only, lock, message, timer, bring everyone, delete', async () => {
    const title = 'Helse og omsorg 2035';
    const facPage = await crowd().person(null, { viewport: { width: 1400, height: 1000 } });
    const start = new StartPage(facPage.page, baseUrl);
    const workshopId = await start.createWorkshop({
      title,
      groups: ['Gruppe Nord', 'Gruppe Sør'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(facPage.page);
    const code = await consolePage.joinCode();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);

    const anne = await crowd().person(null);
    const bjorn = await crowd().person(null);
    await joinByCode(anne, code, 'Anne', 'Gruppe Nord');
    await joinByCode(bjorn, code, 'Bjørn', 'Gruppe Sør');

    // The facilitator starts a phase: each participant lands on their group's board.
    await consolePage.newPhase('Brukerreise');
    await anne.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await bjorn.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    const anneBoard = anne.page.url().split('/b/')[1] ?? '';
    const bjornBoard = bjorn.page.url().split('/b/')[1] ?? '';
    expect(anneBoard).not.toBe(bjornBoard);
    for (const p of [anne, bjorn]) {
      await p.canvas.waitFor();
      await p.waitForStatus('connected');
    }

    // Each edits their own board.
    await anne.addSticky(300, 250, 'Flere eldre');
    await bjorn.addSticky(300, 250, 'Digitalisering');
    expect(await anne.page.getByTestId('readonly-badge').count()).toBe(0);

    // Anne on Bjørn's board: the UI is read-only…
    await anne.page.goto(`${baseUrl}/w/${workshopId}/b/${bjornBoard}`);
    await anne.page.getByTestId('readonly-badge').waitFor();
    await expect.poll(() => anne.contentTexts()).toEqual(['Digitalisering']);
    await anne.doubleClickCanvas(700, 400);
    expect(await anne.editor.count()).toBe(0);
    // …and a forged write from her browser, with her token, is refused by the server.
    const refused = await anne.page.evaluate(
      async ({ wid, docId, frame }) => {
        const token = localStorage.getItem(`torg.token.${wid}`) ?? '';
        const ws = new WebSocket(
          `${location.origin.replace('http', 'ws')}/sync/${docId}?token=${encodeURIComponent(token)}`,
        );
        ws.binaryType = 'arraybuffer';
        return new Promise<number>((resolve) => {
          ws.onopen = () => ws.send(new Uint8Array(frame));
          ws.onclose = (e) => resolve(e.code);
        });
      },
      { wid: workshopId, docId: boardDocId(bjornBoard), frame: forgedUpdate() },
    );
    expect(refused).toBe(4403);
    await expect.poll(() => bjorn.contentTexts()).toEqual(['Digitalisering']);
    await anne.page.goto(`${baseUrl}/w/${workshopId}/b/${anneBoard}`);
    await anne.canvas.waitFor();
    await anne.waitForStatus('connected');

    // Lock all: both boards turn read-only for the participants, live.
    await consolePage.lockAll();
    await anne.page.getByTestId('readonly-badge').waitFor();
    await bjorn.page.getByTestId('readonly-badge').waitFor();

    // A message and a one-minute timer reach everyone.
    await consolePage.sendMessage('Pause til 10.15');
    await consolePage.startTimer(1);
    for (const p of [anne, bjorn]) {
      await p.page.getByText('Pause til 10.15').waitFor();
      await expect
        .poll(async () => (await p.page.locator('[role=timer]').textContent()) ?? '')
        .toMatch(/0:5\d|1:00/);
    }

    // Bring everyone to Bjørn's board.
    await consolePage.bringEveryoneTo(bjornBoard);
    await anne.page.waitForURL(new RegExp(`/b/${bjornBoard}$`));
    await expect.poll(() => anne.contentTexts()).toEqual(['Digitalisering']);

    await facPage.page.screenshot({ path: outputFile('workshop-console.png'), fullPage: true });
    await anne.page.screenshot({ path: outputFile('workshop-participant.png') });

    // Delete: the links stop working.
    await consolePage.deleteWorkshop(title);
    await facPage.page.waitForURL(`${baseUrl}/`);
    await anne.page
      .getByText(/slettet/)
      .first()
      .waitFor({ timeout: 15_000 });
    await bjorn.page.goto(`${baseUrl}/j/${code}`);
    await bjorn.page.getByText(new RegExp(`Fant ingen samling med koden ${code}`)).waitFor();
    const api = await facPage.page.evaluate(
      async (wid) => (await fetch(`/api/join/${wid}`)).status,
      code,
    );
    expect(api).toBe(404);
  });
});
