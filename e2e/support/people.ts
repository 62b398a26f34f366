import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BoardPage } from '../pages/BoardPage.js';
import { launchBrowser } from './browser.js';

/**
 * People for a spec: each in their own browser context (own storage, own identity), with a
 * display name. `closeAll` ends them.
 */
export class People {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  async person(name: string | null, options: BrowserContextOptions = {}): Promise<BoardPage> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 800 },
      ...options,
    });
    this.contexts.push(context);
    const board = new BoardPage(await context.newPage(), this.baseUrl);
    if (name) await board.page.addInitScript((n) => localStorage.setItem('torg.name', n), name);
    return board;
  }

  /** A person with the board open and connected. */
  async onBoard(
    name: string | null,
    boardId: string,
    options: BrowserContextOptions = {},
  ): Promise<BoardPage> {
    const board = await this.person(name, options);
    await board.open(boardId);
    await board.waitForStatus('connected');
    return board;
  }

  async closeAll(): Promise<void> {
    for (const c of this.contexts.splice(0)) await c.close();
  }
}

/**
 * One browser and its people for a spec file: launched before the first test, closed after
 * the last. Call at the top level of a spec; use the returned getter inside tests.
 */
export function usePeople(baseUrl: string): () => People {
  let browser: Browser | null = null;
  let people: People | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
    people = new People(browser, baseUrl);
  });
  afterAll(async () => {
    await people?.closeAll();
    await browser?.close();
  });
  return () => {
    if (!people) throw new Error('usePeople: the browser is not started yet');
    return people;
  };
}
