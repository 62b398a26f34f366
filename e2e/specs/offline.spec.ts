import { newId } from '@torg/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardPage } from '../pages/BoardPage.js';
import { launchBrowser } from '../support/browser.js';
import { announced, focusNow, markLiveRegions } from '../support/live.js';
import { outputFile } from '../support/paths.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

let browser: Browser;
let server: ServerProcess | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await server?.stop();
  await browser.close();
});

describe('working through a network drop', () => {
  it('a reload while the server is down still shows the board; offline edits merge on reconnect', async () => {
    // Its own server, so killing it does not disturb the other specs.
    server = await startServerProcess();
    const { port, dataDir, url } = server;
    const boardId = newId();

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const anne = new BoardPage(await context.newPage(), url);
    await anne.open(boardId);
    await anne.waitForStatus('connected');
    await anne.addSticky(250, 250, 'Lagret før bruddet');
    // The service worker must control the page before the network goes.
    await anne.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await anne.page.reload();
    await expect
      .poll(() => anne.page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    await expect.poll(() => anne.contentTexts()).toEqual(['Lagret før bruddet']);

    // The lost connection is said through a live region that was there before (WCAG 4.1.3),
    // and the focus stays where the person was.
    await anne.canvas.focus();
    await markLiveRegions(anne.page);
    const focus = await focusNow(anne.page);
    await server.kill();
    await anne.waitForStatus('disconnected');
    expect(await announced(anne.page, /Frakoblet/, focus)).toBeNull();
    await anne.page.reload();
    await anne.canvas.waitFor();
    await expect.poll(() => anne.contentTexts()).toEqual(['Lagret før bruddet']);
    // The board opens fitted to its note from the local copy, offline too; the new note goes
    // to the right of it, wherever that is in the view.
    await expect.poll(async () => (await anne.camera()).x).not.toBe(0);
    const [saved] = await anne.shapes();
    const beside = await anne.canvasPoint({ x: (saved?.x ?? 0) + 400, y: saved?.y ?? 0 });
    await anne.addSticky(beside.x, beside.y, 'Skrevet uten nett');
    await anne.waitForStatus('disconnected');
    await anne.page.screenshot({ path: outputFile('offline-board.png') });

    server = await startServerProcess({ port, dataDir });
    await anne.waitForStatus('connected', 15_000);

    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const bjorn = new BoardPage(await other.newPage(), url);
    await bjorn.open(boardId);
    await expect
      .poll(async () => (await bjorn.contentTexts()).sort(), { timeout: 5000 })
      .toEqual(['Lagret før bruddet', 'Skrevet uten nett']);
    await context.close();
    await other.close();
  });
});
