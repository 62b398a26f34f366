import { describe, expect, inject, it } from 'vitest';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

describe('zoom 200 % and reduced motion', () => {
  // A 1280 × 1024 screen at 200 % keeps the desktop layout (a lower one gets the phone's,
  // checked in universal-design.spec.ts).
  it('at 640×512 CSS px every toolbar function is reachable, and view jumps are instant', async () => {
    const anne = await crowd().person('Anne', {
      viewport: { width: 640, height: 512 },
      reducedMotion: 'reduce',
    });
    await anne.open(`a11y-zoom-${Date.now().toString(36)}`);
    await anne.waitForStatus('connected');
    // Below the toolbar, which wraps onto more lines at this width.
    const box = await anne.canvas.boundingBox();
    const top =
      (await anne.page.evaluate(
        () => document.querySelector('header')?.getBoundingClientRect().bottom ?? 0,
      )) - (box?.y ?? 0);
    await anne.addSticky(60, top + 40, 'Først');
    await anne.addSticky(300, top + 150, 'Sist');
    await expect.poll(async () => (await anne.contentTexts()).length).toBe(2);

    // Every button of the toolbar and the zoom controls is on screen, and not covered.
    const hidden: string[] = [];
    const allOnScreen = async (selector: string) => {
      const controls = anne.page.locator(selector).filter({ visible: true });
      const count = await controls.count();
      for (let i = 0; i < count; i++) {
        const c = controls.nth(i);
        await c.scrollIntoViewIfNeeded();
        const ok = await c.evaluate((el) => {
          const r = el.getBoundingClientRect();
          if (r.width < 1 || r.height < 1) return false;
          if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight)
            return false;
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return !!hit && (hit === el || el.contains(hit));
        });
        if (!ok)
          hidden.push(
            (await c.getAttribute('aria-label')) ?? (await c.textContent()) ?? `control ${i}`,
          );
      }
      return count;
    };
    expect(
      await allOnScreen(
        'nav.tools button, [role="group"][aria-label="Zoom"] button, header button, header a, header input',
      ),
    ).toBeGreaterThan(10);
    // The board's export menu, opened, fits too.
    await anne.page.getByLabel(/Eksporter tavlen/).click();
    await anne.page.getByRole('button', { name: 'SVG', exact: true }).waitFor();
    await anne.page.screenshot({ path: outputFile('a11y-zoom-200-export-menu.png') });
    expect(await allOnScreen('.export-menu-list button')).toBe(5);
    await anne.page.keyboard.press('Escape');
    await anne.page.getByRole('button', { name: 'SVG', exact: true }).waitFor({ state: 'hidden' });
    await anne.page.screenshot({ path: outputFile('a11y-zoom-200.png') });
    expect(hidden, 'controls cut off or covered at 640×512').toEqual([]);

    /** Runs `act`, and records the camera in every animation frame for the next 20 frames. */
    const frames = async (act: () => Promise<void>) => {
      await anne.page.evaluate(() => {
        const w = window as unknown as { __frames: string[] };
        w.__frames = [];
        const tick = () => {
          w.__frames.push(JSON.stringify(window.__torg?.camera()));
          if (w.__frames.length < 40) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await act();
      await expect
        .poll(() =>
          anne.page.evaluate(() => (window as unknown as { __frames: string[] }).__frames.length),
        )
        .toBe(40);
      return anne.page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
    };
    /** The camera went from where it was to where it ends in one step: no frames in between. */
    const jumped = (seen: string[]) => {
      const distinct = seen.filter((v, i) => i === 0 || v !== seen[i - 1]);
      return distinct.length;
    };

    // Zoom in first, so that "fit" has somewhere to go.
    for (let i = 0; i < 3; i++)
      await anne.page.getByRole('button', { name: 'Zoom inn', exact: true }).click();
    const before = await anne.camera();
    const fit = await frames(() =>
      anne.page.getByRole('button', { name: 'Vis hele tavlen' }).click(),
    );
    expect((await anne.camera()).scale).not.toBe(before.scale);
    expect(jumped(fit)).toBeLessThanOrEqual(2);

    // A jump to an outline item. The panel takes room from the canvas and the fitted view is
    // fitted again in a frame of its own: wait until the view has settled, or that frame is
    // counted as part of the jump.
    await anne.page.getByRole('button', { name: 'Disposisjon', exact: true }).click();
    const outline = anne.page.getByRole('complementary', { name: 'Disposisjon' });
    await outline.getByRole('button', { name: 'Vis «Først» på tavlen' }).waitFor();
    await anne.viewSettled();

    const show = await frames(() =>
      outline.getByRole('button', { name: 'Vis «Først» på tavlen' }).click(),
    );
    expect(jumped(show)).toBeLessThanOrEqual(2);
    await anne.page.screenshot({ path: outputFile('a11y-zoom-200-outline.png') });
  });
});
