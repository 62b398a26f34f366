import { type Locale, type MessageKey, translate } from '@torg/shared';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

declare global {
  interface Window {
    axe: typeof axe;
  }
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now and returns one readable line
 * per violation: where, rule id, impact, help and the failing nodes' selectors.
 */
async function axeViolations(page: Page, where: string): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return result.violations.map(
    (v) =>
      `[${where}] ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map(
          (n) =>
            `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
        )
        .join('\n    ')}`,
  );
}

/** A person whose browser has this locale chosen (the locale switch stores it in localStorage). */
async function personIn(locale: Locale, options = {}): Promise<BoardPage> {
  const p = await crowd().person(null, options);
  await p.page.addInitScript((l) => localStorage.setItem('torg.locale', l), locale);
  return p;
}

describe.each(['nb', 'en'] as const)('accessibility audit (%s)', (locale) => {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);

  it('every view has no axe violations (WCAG 2.1 A/AA)', { timeout: 240_000 }, async () => {
    const found: string[] = [];
    const audit = async (p: BoardPage, where: string) => {
      found.push(...(await axeViolations(p.page, `${locale} ${where}`)));
    };

    // The start page, and a new workshop.
    const fac = await personIn(locale, { viewport: { width: 1400, height: 1000 } });
    await fac.page.goto(`${baseUrl}/`);
    await fac.page.screenshot({ path: outputFile(`a11y-start-${locale}.png`) });
    await fac.page.getByRole('heading', { name: t('home.newWorkshop') }).waitFor();
    expect(await fac.page.evaluate(() => document.documentElement.lang)).toBe(locale);
    await audit(fac, 'start page');
    await fac.page.getByLabel(t('home.title'), { exact: true }).fill('Tilgjengelighet');
    await fac.page.getByLabel(t('home.groupCount')).selectOption('2');
    for (const n of [1, 2])
      await fac.page.getByLabel(t('home.groupName', { n })).fill(`Gruppe ${n}`);
    await fac.page.getByLabel(t('home.facilitatorName')).fill('Kari');
    await fac.page.getByRole('button', { name: t('home.create') }).click();
    await fac.page.waitForURL(/\/w\/[^/]+\/console$/);
    const code = ((await fac.page.getByTestId('join-code').textContent()) ?? '').trim();
    await audit(fac, 'console (groups, participants)');

    // Joining: the code on the start page, then name and group.
    const join = async (name: string, group: string, auditIt: boolean) => {
      const p = await personIn(locale);
      await p.page.goto(`${baseUrl}/`);
      await p.page.getByLabel(t('home.joinCode'), { exact: true }).fill(code);
      if (auditIt) await audit(p, 'start page with a code');
      await p.page.getByRole('button', { name: t('home.join') }).click();
      await p.page.waitForURL(/\/j\//);
      await p.page.getByLabel(t('join.name')).waitFor();
      if (auditIt) await audit(p, 'join page');
      await p.page.getByLabel(t('join.name')).fill(name);
      await p.page.getByLabel(group).check();
      await p.page.getByRole('button', { name: t('join.submit') }).click();
      await p.page.getByText(t('workshop.waiting').replace(' …', '')).waitFor();
      if (auditIt) await audit(p, 'waiting for the facilitator');
      return p;
    };
    const anne = await join('Anne', 'Gruppe 1', true);
    const bjorn = await join('Bjørn', 'Gruppe 2', false);
    await fac.page.getByText('Bjørn').first().waitFor();
    await audit(fac, 'console with participants');

    // A phase from a template: the picker open.
    await fac.page.getByLabel(t('console.phaseName')).fill(t('template.future.name'));
    await fac.page.locator('label.template-choice', { hasText: t('template.future.name') }).click();
    await audit(fac, 'console, template picker');
    // Back to a blank board, so there is room for notes.
    await fac.page
      .locator('label.template-choice', { hasText: t('template.blank') })
      .first()
      .click();
    await fac.page.getByLabel(t('console.phaseName')).fill('Idémyldring');
    await fac.page.getByRole('button', { name: t('console.createPhase') }).click();
    for (const p of [anne, bjorn]) {
      await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
      await p.waitForStatus('connected');
    }
    await anne.addSticky(300, 300, 'Flere fastleger');
    await expect.poll(() => anne.contentTexts()).toContain('Flere fastleger');
    await audit(anne, 'board');
    await audit(fac, 'console with a phase');

    // The board's outline, shortcuts dialog and export menu.
    await anne.page.getByRole('button', { name: t('outline.toggle'), exact: true }).click();
    await anne.page.getByRole('complementary', { name: t('outline.title') }).waitFor();
    await audit(anne, 'board, outline open');
    await anne.page.getByRole('button', { name: t('outline.close') }).click();
    await anne.page.getByRole('button', { name: t('shortcuts.title') }).click();
    await anne.page.getByRole('dialog').waitFor();
    await audit(anne, 'board, shortcuts dialog');
    await anne.page.keyboard.press('Escape');
    await anne.page.getByRole('dialog').waitFor({ state: 'detached' });
    await anne.page.getByLabel(t('exports.boardMenuLabel', { name: '' }).trim()).click();
    await anne.page.getByRole('button', { name: t('exports.boardPng'), exact: true }).waitFor();
    await audit(anne, 'board, export menu');
    await anne.page.keyboard.press('Escape');

    // The market square: set up, a host picked, running, a suggestion and the feedback panel.
    const square = fac.page.locator('section', {
      has: fac.page.getByRole('heading', { name: t('market.title'), exact: true }),
    });
    await square.getByLabel(t('market.phase')).selectOption({ label: 'Idémyldring' });
    await square.getByLabel(t('market.roundMinutes')).fill('2');
    await square.getByRole('button', { name: t('market.setup') }).click();
    const hostPick = anne.page.getByLabel(t('market.hostPick', { group: 'Gruppe 1' }));
    await hostPick.selectOption({ label: t('market.me', { name: 'Anne' }) });
    await square.getByRole('button', { name: t('market.start'), exact: true }).waitFor();
    await audit(fac, 'console, market square set up');
    await audit(anne, 'board, market square set up (host pick)');
    const anneUrl = anne.page.url();
    await square.getByRole('button', { name: t('market.start'), exact: true }).click();
    await bjorn.page.waitForURL(anneUrl);
    await bjorn.waitForStatus('connected');
    await audit(fac, 'console, market square running');
    await bjorn.page.getByRole('button', { name: t('comments.add'), exact: true }).click();
    await bjorn.page.getByRole('button', { name: t('comments.placeCenter') }).click();
    await bjorn.page.getByRole('radio', { name: t('comments.kindSuggestion') }).check();
    await bjorn.page.getByLabel(t('comments.suggestionText')).fill('Husk de pårørende');
    await bjorn.page.getByLabel(t('comments.proposal')).fill('Involver pårørende tidlig');
    await audit(bjorn, 'board, market round, writing a suggestion');
    await bjorn.page.getByRole('button', { name: t('comments.send') }).click();
    await bjorn.page.getByLabel(t('comments.proposal')).waitFor({ state: 'detached' });
    await audit(bjorn, 'board, market round (banner)');
    await anne.page
      .getByRole('button', { name: new RegExp(t('comments.panelToggle')) })
      .first()
      .click();
    const panel = anne.page.getByRole('complementary', { name: t('comments.panelTitle') });
    await panel.getByText('Husk de pårørende').waitFor();
    await audit(anne, 'board, market round, feedback panel with a suggestion');
    await anne.page.screenshot({ path: outputFile(`a11y-feedback-${locale}.png`) });
    await square.getByRole('button', { name: t('market.endLabel') }).click();
    await bjorn.page.waitForURL((url) => url.toString() !== anneUrl);

    // Dot voting: set up, my dots, results.
    const vote = fac.page.getByRole('region', { name: t('vote.title') });
    await vote.getByLabel(t('vote.dots')).fill('2');
    await vote.getByRole('button', { name: t('vote.start') }).click();
    await audit(fac, 'console, vote running');
    const sticky = (await anne.shapes()).find((s) => s.text === 'Flere fastleger');
    const cam = await anne.camera();
    await anne.click(
      ((sticky?.x ?? 0) + (sticky?.w ?? 0) / 2) * cam.scale + cam.x,
      ((sticky?.y ?? 0) + (sticky?.h ?? 0) / 2) * cam.scale + cam.y,
    );
    await anne.page.getByRole('button', { name: t('vote.place') }).click();
    await anne.page.getByRole('button', { name: t('vote.mine', { count: 1 }) }).click();
    await anne.page.getByRole('complementary', { name: t('vote.mineTitle') }).waitFor();
    await audit(anne, 'board, dot voting, my dots');
    await vote.getByRole('button', { name: t('vote.showResults') }).click();
    await vote.getByText(t('vote.resultsShown')).waitFor();
    await audit(fac, 'console, vote results');
    await audit(anne, 'board, vote results shown');

    // Export: a finished export in the panel, then the delete dialog.
    const exportPanel = fac.page.getByRole('region', { name: t('exports.title') });
    await exportPanel.getByRole('button', { name: t('exports.md') }).click();
    await exportPanel
      .getByText(t('exports.ready', { name: 'Tilgjengelighet.md' }))
      .waitFor({ timeout: 20_000 });
    await audit(fac, 'console, export done');
    await fac.page.getByRole('button', { name: t('console.delete') }).click();
    await fac.page.getByRole('dialog').waitFor();
    await audit(fac, 'console, delete dialog');
    await fac.page.keyboard.press('Escape');

    expect(found.join('\n'), `axe found ${found.length} violation(s)`).toBe('');
  });
});

describe('zoom 200 % and reduced motion', () => {
  it('at 640×400 CSS px every toolbar function is reachable, and view jumps are instant', async () => {
    const anne = await crowd().person('Anne', {
      viewport: { width: 640, height: 400 },
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
    expect(hidden, 'controls cut off or covered at 640×400').toEqual([]);

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

    // A jump to an outline item.
    await anne.page.getByRole('button', { name: 'Disposisjon', exact: true }).click();
    const outline = anne.page.getByRole('complementary', { name: 'Disposisjon' });
    const show = await frames(() =>
      outline.getByRole('button', { name: 'Vis «Først» på tavlen' }).click(),
    );
    expect(jumped(show)).toBeLessThanOrEqual(2);
    await anne.page.screenshot({ path: outputFile('a11y-zoom-200-outline.png') });
  });
});
