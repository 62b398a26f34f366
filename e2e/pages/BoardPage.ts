import type { Page } from 'playwright-core';

/** What the page's read-only debug handle returns for an object. */
export interface ShapeJson {
  id: string;
  type: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  text?: string;
  name?: string;
  start?: { kind: string; shapeId?: string };
  end?: { kind: string; shapeId?: string };
}

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

  /** The text of every text-bearing object on the board. */
  async contentTexts(): Promise<string[]> {
    const shapes = await this.shapes();
    return shapes.flatMap((s) =>
      s.type === 'sticky' || s.type === 'text' || s.type === 'geo' ? [s.text ?? ''] : [],
    );
  }

  /** Every object on the board, from the page's read-only debug handle. */
  async shapes(): Promise<ShapeJson[]> {
    return this.page.evaluate(() => (window.__torg?.shapes() ?? []) as ShapeJson[]);
  }

  /** Resolves once the view has stayed where it is for three frames (a zoom has ended). */
  async viewSettled(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          let last = '';
          let same = 0;
          const tick = () => {
            const now = JSON.stringify(window.__torg?.camera());
            same = now === last ? same + 1 : 0;
            last = now;
            if (same >= 3) resolve();
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    );
  }

  async camera(): Promise<{ x: number; y: number; scale: number }> {
    return this.page.evaluate(() => window.__torg?.camera() ?? { x: 0, y: 0, scale: 1 });
  }

  /** The board point at the centre of this person's view. */
  async viewCentre(): Promise<{ x: number; y: number }> {
    const box = await this.canvas.boundingBox();
    const cam = await this.camera();
    if (!box) throw new Error('canvas not visible');
    return { x: (box.width / 2 - cam.x) / cam.scale, y: (box.height / 2 - cam.y) / cam.scale };
  }

  /** Canvas-relative point to page point. */
  async at(x: number, y: number): Promise<{ x: number; y: number }> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    return { x: box.x + x, y: box.y + y };
  }

  async drag(from: [number, number], to: [number, number], steps = 8): Promise<void> {
    const a = await this.at(...from);
    const b = await this.at(...to);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x, b.y, { steps });
    await this.page.mouse.up();
  }

  async click(x: number, y: number): Promise<void> {
    const p = await this.at(x, y);
    await this.page.mouse.click(p.x, p.y);
  }

  /** Picks a tool by its toolbar button (labelled, so this is also what a screen reader finds). */
  async chooseTool(name: RegExp): Promise<void> {
    await this.page
      .getByRole('navigation', { name: /Verktøy|Tools/ })
      .getByRole('button', { name })
      .click();
  }

  async typeAndClose(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Escape');
  }

  /** Whether the drawn board has a dark (ink) pixel within `r` px of a canvas point. */
  async inkNear(x: number, y: number, r = 4): Promise<boolean> {
    return this.page.evaluate(
      ({ x, y, r }) => {
        const canvas = document.querySelector<HTMLCanvasElement>('.konvajs-content canvas');
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx) return false;
        const ratio = canvas.width / canvas.clientWidth;
        const data = ctx.getImageData(
          Math.round((x - r) * ratio),
          Math.round((y - r) * ratio),
          Math.round(2 * r * ratio) + 1,
          Math.round(2 * r * ratio) + 1,
        ).data;
        for (let i = 0; i < data.length; i += 4) {
          if (
            (data[i] ?? 255) < 90 &&
            (data[i + 1] ?? 255) < 90 &&
            (data[i + 2] ?? 255) < 90 &&
            (data[i + 3] ?? 0) > 200
          )
            return true;
        }
        return false;
      },
      { x, y, r },
    );
  }

  /**
   * A board point as a canvas point (through this person's camera): how a spec clicks an
   * object wherever the board opened (fitted to its content, see BoardPage.tsx).
   */
  async canvasPoint(world: { x: number; y: number }): Promise<{ x: number; y: number }> {
    const cam = await this.camera();
    return { x: cam.x + world.x * cam.scale, y: cam.y + world.y * cam.scale };
  }

  /** Clicks a board point. */
  async clickWorld(x: number, y: number): Promise<void> {
    const p = await this.canvasPoint({ x, y });
    await this.click(p.x, p.y);
  }

  /** Double-clicks a board point. */
  async doubleClickWorld(x: number, y: number): Promise<void> {
    const p = await this.canvasPoint({ x, y });
    await this.doubleClickCanvas(p.x, p.y);
  }

  /** The board point under a point of the page (the page's own coordinates). */
  async worldAtPage(p: { x: number; y: number }): Promise<{ x: number; y: number }> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    const cam = await this.camera();
    return { x: (p.x - box.x - cam.x) / cam.scale, y: (p.y - box.y - cam.y) / cam.scale };
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
