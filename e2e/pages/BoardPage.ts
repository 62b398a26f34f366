import type { Page } from 'playwright-core';

/** Page object for `/b/<boardId>`: what a participant sees and does. */
export class BoardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.setDefaultTimeout(10_000);
  }

  async open(boardId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/b/${boardId}`);
    await this.canvas.waitFor();
  }

  get canvas() {
    return this.page.getByTestId('board-canvas');
  }

  get editor() {
    return this.page.getByRole('textbox', { name: /Tekst på lappen|Sticky note text/ });
  }

  get status() {
    return this.page.locator('output[data-status]');
  }

  async waitForStatus(
    status: 'connected' | 'connecting' | 'disconnected',
    timeout = 10_000,
  ): Promise<void> {
    await this.page.locator(`output[data-status="${status}"]`).waitFor({ timeout });
  }

  /** Double-clicks an empty spot of the canvas (offset from its top-left corner). */
  async doubleClickCanvas(x: number, y: number): Promise<void> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await this.page.mouse.dblclick(box.x + x, box.y + y);
  }

  /** Adds a sticky by double-clicking and types its text, then leaves the editor. */
  async addSticky(x: number, y: number, text: string): Promise<void> {
    await this.doubleClickCanvas(x, y);
    await this.editor.waitFor();
    await this.editor.pressSequentially(text);
    await this.editor.press('Escape');
    await this.editor.waitFor({ state: 'detached' });
  }

  /** The text of every object on the board, as the screen-reader list has it. */
  async contentTexts(): Promise<string[]> {
    return this.page.getByTestId('board-content').locator('li').allTextContents();
  }

  async peerNames(): Promise<string[]> {
    return this.page
      .getByRole('list', { name: /Andre på tavlen|Others on this board/ })
      .locator('li')
      .allTextContents();
  }

  /** Waits until the named person's pointer is on this person's board. */
  async waitForPointerOf(name: string): Promise<void> {
    await this.page
      .getByRole('list', { name: /Andre på tavlen|Others on this board/ })
      .locator('li[data-pointer-on-board="true"]', { hasText: name })
      .waitFor();
  }
}
