import { contentBySection, type Shape } from '@torg/shared';
import { describe, expect, inject, it } from 'vitest';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

describe('templates', () => {
  it('future-journey boards for three groups in one step; notes in the trends row are listed under it', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1400, height: 1100 } });
    const workshopId = await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Fremtidens skole',
      groups: ['Gruppe 1', 'Gruppe 2', 'Gruppe 3'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const anne = await crowd().person(null);
    await joinByCode(anne, code, 'Anne', 'Gruppe 2');

    // One step: name, the future-journey template, its years.
    await consolePage.openNewPhase();
    await fac.page.getByLabel('Navn på fasen').fill('Fremtidsreise');
    // People click the template's card (its label); the radio inside is visually hidden.
    await fac.page.locator('label.template-choice', { hasText: 'Fremtidsreise' }).click();
    expect(await fac.page.getByRole('radio', { name: 'Fremtidsreise' }).isChecked()).toBe(true);
    await fac.page.getByLabel('Første milepæl').fill('2027');
    await fac.page.getByLabel('Horisont').fill('2040');
    await fac.page.getByText('Kolonner: I dag · 2027 · 2031 · 2036 · 2040').waitFor();
    // The form, not the whole page: after a full-page screenshot Chromium can scroll the page
    // between the mouse going down and up on the next click, and the button never gets it.
    await fac.page
      .locator('form.new-phase')
      .screenshot({ path: outputFile('template-picker.png') });
    await fac.page.getByRole('button', { name: 'Opprett fasen' }).click();
    await expect.poll(() => fac.page.locator('.board-card').count(), { timeout: 10_000 }).toBe(3);

    // Anne lands on her group's future journey and adds a note in the trends row.
    await anne.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await anne.canvas.waitFor();
    await anne.waitForStatus('connected');
    await expect.poll(async () => (await anne.shapes()).length).toBeGreaterThan(10);
    const shapes = (await anne.shapes()) as Shape[];
    const trends = shapes.find((s) => s.type === 'frame' && s.section === 'future.trends');
    if (trends?.type !== 'frame') throw new Error('no trends row');
    const headings = shapes.flatMap((s) => (s.type === 'text' ? [s.text] : []));
    expect(headings).toEqual(expect.arrayContaining(['I dag', '2027', '2031', '2036', '2040']));
    // Put the view on the trends row, then double-click a free spot in it (the 2040 column).
    await anne.page.evaluate(
      (f) => window.__torg?.setCamera({ x: -f.x * 0.5 + 20, y: -f.y * 0.5 + 60, scale: 0.5 }),
      trends,
    );
    const spot = {
      x: (trends.x + 4 * 460 + 230) * 0.5 - trends.x * 0.5 + 20,
      y: (trends.y + 235) * 0.5 - trends.y * 0.5 + 60,
    };
    await anne.doubleClickCanvas(spot.x, spot.y);
    await anne.typeAndClose('Kunstig intelligens i klasserommet');
    await expect
      .poll(async () => {
        const sections = contentBySection((await anne.shapes()) as Shape[]);
        return sections.find((s) => s.key === 'future.trends')?.items.map((i) => i.text);
      })
      .toContain('Kunstig intelligens i klasserommet');
    await anne.page.screenshot({ path: outputFile('template-future-board.png') });

    // The outline shows it in the "Store linjer / trender" group.
    await anne.canvas.focus();
    await anne.page.keyboard.press('Shift+O');
    const group = anne.page.getByRole('region', { name: 'Store linjer / trender' });
    await expect
      .poll(() =>
        group
          .getByRole('textbox')
          .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)),
      )
      .toContain('Kunstig intelligens i klasserommet');
    expect(workshopId).toBeTruthy();
  });

  it('every built-in template on a real board (screenshots)', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1400, height: 900 } });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Maler',
      groups: ['A', 'B'],
      facilitator: 'Kari',
    });
    const consoleUrl = fac.page.url();
    const seen = new Set<string>();
    for (const [label, file] of [
      ['Fremtidsreise', 'future'],
      ['Interessentkart', 'stakeholders'],
      ['Brukerreise', 'journey'],
      ['Innsikt og problemstilling', 'insights'],
      ['Mål og tiltak', 'goals'],
    ] as const) {
      await fac.page.goto(consoleUrl);
      await new ConsolePage(fac.page).openNewPhase();
      await fac.page.getByLabel('Navn på fasen').fill(label);
      await fac.page.locator('label.template-choice', { hasText: label }).first().click();
      expect(await fac.page.getByRole('radio', { name: label, exact: true }).isChecked()).toBe(
        true,
      );
      await fac.page.getByLabel('Én felles tavle (plenum) i stedet for én per gruppe').check();
      await fac.page.getByRole('button', { name: 'Opprett fasen' }).click();
      // The new plenary board is the card that was not there before.
      const ids = () =>
        fac.page
          .locator('.board-card')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-board-id') ?? ''));
      await expect.poll(async () => (await ids()).filter((x) => !seen.has(x)).length).toBe(1);
      const boardId = (await ids()).find((x) => !seen.has(x)) ?? '';
      seen.add(boardId);
      await fac.page.goto(`${consoleUrl.replace(/\/console$/, '')}/b/${boardId}`);
      await fac.canvas.waitFor();
      await expect.poll(async () => (await fac.shapes()).length).toBeGreaterThan(3);
      await fac.page.getByRole('button', { name: 'Vis hele tavlen' }).click();
      await expect.poll(async () => (await fac.camera()).scale).toBeLessThan(0.6);
      await fac.page.screenshot({ path: outputFile(`template-${file}.png`) });
    }
  });
});
