import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardPage } from '../pages/BoardPage.js';
import { launchBrowser } from '../support/browser.js';
import { createGathering, startPhase } from '../support/gathering.js';
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

describe('a participant who joined on a phone loses the network (issue 18)', () => {
  it("reloads their group's board offline: the service worker kept the board's chunks from the start", async () => {
    // Its own server, so stopping it does not disturb the other specs.
    server = await startServerProcess();
    const { url } = server;
    const w = await createGathering(url, 'Uten nett');
    await startPhase(url, w, 'Idémyldring', 'insights');

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const anne = new BoardPage(await context.newPage(), url);
    const { page } = anne;
    await page.goto(`${url}/j/${w.joinCode}`);
    await page.getByLabel('Navnet ditt').fill('Anne');
    await page.getByLabel('Gruppe Nord').check();
    await page.getByRole('button', { name: 'Bli med' }).click();
    await page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await anne.canvas.waitFor();
    await anne.waitForStatus('connected');
    const frames = await anne.shapes();
    expect(frames.length).toBeGreaterThan(0);
    // Installed: the shell and a participant's chunks are in its cache. No reload online first:
    // the board's chunks came before the service worker was there to see them.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Phones evict their HTTP cache freely; only what the service worker stored counts.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');

    await server.kill();
    await anne.waitForStatus('disconnected');
    await page.reload();
    await anne.canvas.waitFor();
    await expect.poll(async () => (await anne.shapes()).length).toBe(frames.length);
    await page.screenshot({ path: outputFile('offline-join-board-390.png') });
    await context.close();
  });
});
