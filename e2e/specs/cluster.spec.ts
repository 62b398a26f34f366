import { newId } from '@torg/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../server/test/cluster-support.js';
import { freshDatabase, startPostgres } from '../../server/test/postgres.js';
import { launchBrowser } from '../support/browser.js';
import { outputFile } from '../support/paths.js';
import { People } from '../support/people.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

let pg: Awaited<ReturnType<typeof startPostgres>> | null = null;
let redis: TestRedis | null = null;
const servers: ServerProcess[] = [];
let browser: Browser | null = null;

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    TORG_DATABASE_URL: await freshDatabase(pg.url),
    TORG_REDIS_URL: redis.url,
    TORG_SECRET: 'e2e-cluster',
  };
  // One after the other: the first creates the schema.
  servers.push(await startServerProcess({ env }));
  servers.push(await startServerProcess({ env }));
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
  await redis?.stop();
  await pg?.stop();
});

describe('two servers on PostgreSQL and Redis', () => {
  it('two browsers on the same board through different servers see each other’s work', async () => {
    const [one, two] = servers as [ServerProcess, ServerProcess];
    const boardId = newId();
    const anne = await new People(browser as Browser, one.url).onBoard('Anne', boardId);
    const bjorn = await new People(browser as Browser, two.url).onBoard('Bjørn', boardId);

    await anne.addSticky(250, 200, 'Fra server 1');
    await expect.poll(() => bjorn.contentTexts(), { timeout: 5000 }).toEqual(['Fra server 1']);
    await bjorn.addSticky(550, 200, 'Fra server 2');
    await expect
      .poll(async () => [...(await anne.contentTexts())].sort(), { timeout: 5000 })
      .toEqual(['Fra server 1', 'Fra server 2']);

    // Presence and pointers cross the servers too.
    await expect.poll(() => anne.peerNames(), { timeout: 5000 }).toEqual(['Bjørn']);
    await expect.poll(() => bjorn.peerNames(), { timeout: 5000 }).toEqual(['Anne']);
    const box = await anne.canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await anne.page.mouse.move(box.x + 560, box.y + 330);
    await anne.page.mouse.move(box.x + 580, box.y + 340);
    await bjorn.waitForPointerOf('Anne');
    await bjorn.page.screenshot({ path: outputFile('cluster-two-servers.png') });
  }, 60_000);
});
