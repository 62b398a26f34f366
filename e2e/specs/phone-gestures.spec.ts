import type { Shape } from '@torg/shared';
import type { CDPSession } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { joinByCode } from '../pages/WorkshopPages.js';
import { PHONE } from '../support/devices.js';
import { createGathering, startPhase } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

type Pt = { x: number; y: number };

/** Real touch input (what a finger sends), one or more fingers at page points. */
class Fingers {
  constructor(private readonly cdp: CDPSession) {}

  private send(type: 'touchStart' | 'touchMove' | 'touchEnd', points: Pt[]) {
    return this.cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })),
    });
  }

  /** Fingers down at `from`, moved in steps to `to`, lifted. */
  async drag(from: Pt[], to: Pt[], steps = 8): Promise<void> {
    await this.send('touchStart', from);
    for (let i = 1; i <= steps; i++)
      await this.send(
        'touchMove',
        from.map((f, k) => {
          const t = to[k] as Pt;
          return { x: f.x + ((t.x - f.x) * i) / steps, y: f.y + ((t.y - f.y) * i) / steps };
        }),
      );
    await this.send('touchEnd', []);
  }

  down(at: Pt): Promise<unknown> {
    return this.send('touchStart', [at]);
  }

  up(): Promise<unknown> {
    return this.send('touchEnd', []);
  }
}

/** The page point over a board point, for this person's camera. */
async function pageAt(p: BoardPage, world: Pt): Promise<Pt> {
  const c = await p.canvasPoint(world);
  return p.at(c.x, c.y);
}

/**
 * A page point inside a section (a locked frame) with nothing else under it, well inside the
 * canvas: where a finger lands on the board itself.
 */
async function emptySpot(p: BoardPage, shapes: Shape[]): Promise<Pt> {
  const box = await p.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  const covered = (w: Pt) =>
    shapes.some(
      (s) =>
        s.type !== 'frame' &&
        'w' in s &&
        w.x >= s.x - 10 &&
        w.x <= s.x + s.w + 10 &&
        w.y >= s.y - 10 &&
        w.y <= s.y + s.h + 10,
    );
  for (let fy = 0.3; fy <= 0.7; fy += 0.05)
    for (let fx = 0.3; fx <= 0.7; fx += 0.05) {
      const at = { x: box.x + box.width * fx, y: box.y + box.height * fy };
      const w = await p.worldAtPage(at);
      const inSection = shapes.some(
        (s) =>
          s.type === 'frame' &&
          s.locked &&
          w.x > s.x + 10 &&
          w.x < s.x + s.w - 10 &&
          w.y > s.y + 10 &&
          w.y < s.y + s.h - 10,
      );
      if (inSection && !covered(w)) return at;
    }
  throw new Error('no empty spot inside a section in view');
}

/** Whether the page itself stayed put: no browser zoom, no sideways scroll. */
function pageStill(p: BoardPage) {
  return p.page.evaluate(() => ({
    scale: window.visualViewport?.scale ?? 1,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
  }));
}

describe('a participant’s fingers on a phone', () => {
  it('one finger pans on the sections and moves a note it starts on; a long-press selects; two fingers pinch around their middle; the page never zooms', async () => {
    const g = await createGathering(baseUrl, 'Fingre', ['Gruppe 1', 'Gruppe 2']);
    const anne = await crowd().person(null, PHONE);
    await joinByCode(anne, g.joinCode, 'Anne', 'Gruppe 1');
    await startPhase(baseUrl, g, 'Fremtidsreise', 'future');
    await anne.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await anne.canvas.waitFor();
    await expect.poll(async () => (await anne.shapes()).length).toBeGreaterThan(10);
    await anne.page.getByText('Fasilitatoren hentet deg hit.').waitFor({ state: 'detached' });
    const fingers = new Fingers(await anne.page.context().newCDPSession(anne.page));
    const shapes = (await anne.shapes()) as Shape[];
    const box = await anne.canvas.boundingBox();
    if (!box) throw new Error('no canvas');

    // One finger on the template's sections (locked frames: the board under the notes) pans.
    const start = await emptySpot(anne, shapes);
    const before = await anne.camera();
    await fingers.drag([start], [{ x: start.x - 60, y: start.y + 90 }]);
    await expect
      .poll(async () => {
        const c = await anne.camera();
        return { dx: Math.round(c.x - before.x), dy: Math.round(c.y - before.y) };
      })
      .toEqual({ dx: -60, dy: 90 });
    expect((await anne.shapes()) as Shape[]).toEqual(shapes);
    expect(await anne.page.evaluate(() => window.__torg?.selection())).toEqual([]);
    await anne.page.screenshot({ path: outputFile('phone-gesture-pan-390.png') });

    // One finger that starts on a note (an example note, not locked) moves the note instead.
    const note = shapes.find((s) => s.type === 'sticky' && !s.locked);
    if (note?.type !== 'sticky') throw new Error('the template has no movable note');
    const cam = await anne.camera();
    const grab = await pageAt(anne, { x: note.x + note.w / 2, y: note.y + note.h / 2 });
    await fingers.drag([grab], [{ x: grab.x + 40, y: grab.y + 30 }]);
    await expect
      .poll(async () => {
        const moved = ((await anne.shapes()) as Shape[]).find((s) => s.id === note.id);
        return moved && 'x' in moved ? Math.round((moved.x - note.x) * cam.scale) : null;
      })
      .toBe(40);
    expect(await anne.camera()).toEqual(cam);

    // A long-press on the template's own text (a locked label or guide) selects it (its bar
    // shows), and moves nothing.
    const canvasBox = await anne.canvas.boundingBox();
    let label: { id: string; at: Pt } | null = null;
    for (const s of shapes) {
      if (!s.locked || s.type === 'frame' || !('w' in s)) continue;
      const at = await pageAt(anne, { x: s.x + s.w / 2, y: s.y + s.h / 2 });
      if (
        canvasBox &&
        at.x > canvasBox.x + 20 &&
        at.x < canvasBox.x + canvasBox.width - 20 &&
        at.y > canvasBox.y + 20 &&
        at.y < canvasBox.y + canvasBox.height - 20
      ) {
        label = { id: s.id, at };
        break;
      }
    }
    if (!label) throw new Error('no locked label of the template in view');
    const title = label.at;
    await fingers.down(title);
    await expect
      .poll(() => anne.page.evaluate(() => window.__torg?.selection()))
      .toEqual([label.id]);
    await fingers.up();
    expect(await anne.camera()).toEqual(cam);
    await anne.page.screenshot({ path: outputFile('phone-gesture-longpress-390.png') });

    // Two fingers spreading zoom in around their middle: the board point there stays there.
    const mid = { x: box.x + box.width / 2, y: box.y + box.height * 0.6 };
    const anchor = await anne.worldAtPage(mid);
    const scale = (await anne.camera()).scale;
    await fingers.drag(
      [
        { x: mid.x - 40, y: mid.y },
        { x: mid.x + 40, y: mid.y },
      ],
      [
        { x: mid.x - 100, y: mid.y },
        { x: mid.x + 100, y: mid.y },
      ],
    );
    await expect.poll(async () => (await anne.camera()).scale / scale).toBeCloseTo(2.5, 1);
    const after = await anne.worldAtPage(mid);
    const drift = Math.hypot(after.x - anchor.x, after.y - anchor.y) * (await anne.camera()).scale;
    expect(drift).toBeLessThan(3);
    expect(await pageStill(anne)).toEqual({ scale: 1, scrollX: 0, scrollY: 0 });
    await anne.page.screenshot({ path: outputFile('phone-gesture-pinch-390.png') });
  });
});
