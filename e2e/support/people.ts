import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { BoardPage } from '../pages/BoardPage.js';

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
