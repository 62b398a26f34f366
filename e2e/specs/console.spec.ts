import { describe, expect, inject, it } from 'vitest';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

describe('the facilitator console', () => {
  it('shows who is on each board, at all times: opened after people arrived, people coming and leaving', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1366, height: 800 } });
    // A handle on the console's own sockets, to drop them as a lost network would.
    await fac.page.addInitScript(() => {
      const Native = window.WebSocket;
      const open: WebSocket[] = [];
      let downUntil = 0;
      (window as unknown as { dropSockets(ms: number): void }).dropSockets = (ms) => {
        downUntil = Date.now() + ms;
        for (const s of open.splice(0)) s.close();
      };
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          if (Date.now() < downUntil) this.close();
          else open.push(this);
        }
      };
    });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Nærvær i konsollen',
      groups: ['Gruppe Nord', 'Gruppe Sør'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const anne = await crowd().person(null);
    const bjorn = await crowd().person(null);
    await joinByCode(anne, code, 'Anne Aas', 'Gruppe Nord');
    await joinByCode(bjorn, code, 'Bjørn Berg', 'Gruppe Sør');
    await consolePage.newPhase('Brukerreise');
    for (const p of [anne, bjorn]) await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await anne.waitForStatus('connected');
    await bjorn.waitForStatus('connected');
    const anneBoard = anne.page.url().split('/b/')[1] ?? '';
    const bjornBoard = bjorn.page.url().split('/b/')[1] ?? '';
    const online = (boardId: string) =>
      fac.page.locator(`[data-board-id="${boardId}"] .board-online`);

    // The console open while they arrived.
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
    await expect.poll(() => online(bjornBoard).textContent()).toMatch(/Bjørn Berg/);

    // From now on the console must show them without a gap, while they work (every presence
    // change reaches the console's thumbnails).
    await fac.page.evaluate(
      (ids) => {
        const seen: string[] = [];
        (window as unknown as { presenceSeen: string[] }).presenceSeen = seen;
        const note = () => {
          for (const id of ids)
            seen.push(
              document.querySelector(`[data-board-id="${id}"] .board-online`)?.textContent ?? '',
            );
        };
        new MutationObserver(note).observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      },
      [anneBoard, bjornBoard],
    );
    for (const [p, x] of [
      [anne, 300],
      [bjorn, 400],
      [anne, 500],
    ] as const) {
      await p.page.mouse.move(x, 400);
      await p.page.mouse.move(x + 40, 420, { steps: 4 });
    }
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
    const seen = await fac.page.evaluate(
      () => (window as unknown as { presenceSeen: string[] }).presenceSeen,
    );
    expect(seen.filter((text) => !/Anne Aas|Bjørn Berg/.test(text))).toEqual([]);

    // The console opened (reloaded) after they are there.
    await fac.page.reload();
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
    await expect.poll(() => online(bjornBoard).textContent()).toMatch(/Bjørn Berg/);

    // The console's network drops and comes back: everyone is listed again at once (not only
    // after their next presence renewal, 15–30 s later).
    await fac.page.evaluate(() =>
      (window as unknown as { dropSockets(ms: number): void }).dropSockets(1500),
    );
    await expect.poll(() => online(anneBoard).textContent()).toBe('Ingen på tavlen');
    await expect
      .poll(() => online(anneBoard).textContent(), { timeout: 10_000 })
      .toMatch(/Anne Aas/);
    await expect
      .poll(() => online(bjornBoard).textContent(), { timeout: 10_000 })
      .toMatch(/Bjørn Berg/);

    // Bjørn leaves: his board is empty again; Anne's still shows her.
    await bjorn.page.close();
    await expect
      .poll(() => online(bjornBoard).textContent(), { timeout: 10_000 })
      .toBe('Ingen på tavlen');
    await expect.poll(() => online(anneBoard).textContent()).toMatch(/Anne Aas/);
  });
});
