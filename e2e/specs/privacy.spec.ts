import { type MessageKey, translate } from '@torg/shared';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);
const own = new URL(baseUrl);

const t = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('nb', key, params);

/** The locale switch (named by its visible text, or by its label in older builds). */
const localeSwitch = (locale: 'nb' | 'en') => ({
  name: new RegExp(
    `^(${translate(locale, 'locale.switch')}|${translate(locale, 'locale.switchLabel')})$`,
  ),
});

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Everything the browser of the people in this spec fetches or connects to, and every Content
 * Security Policy violation it reports, per person; `check(view)` fails on anything that left
 * the app's own origin or broke the policy since the last check.
 */
class Watch {
  readonly requests: { url: string; type: string; who: string }[] = [];
  readonly documents: { url: string; csp: string | undefined }[] = [];
  private readonly consoleViolations: string[] = [];
  private readonly pages: { page: Page; who: string }[] = [];
  private checked = 0;
  readonly problems: string[] = [];

  async watch(p: BoardPage, who: string): Promise<BoardPage> {
    const { page } = p;
    const context = page.context();
    this.pages.push({ page, who });
    // The context sees the page's requests and, in Chromium, its service worker's too.
    context.on('request', (r) =>
      this.requests.push({
        url: r.url(),
        type: r.resourceType(),
        who: `${who}${r.serviceWorker() ? ' (service worker)' : ''}`,
      }),
    );
    page.on('websocket', (ws) => this.requests.push({ url: ws.url(), type: 'websocket', who }));
    page.on('response', (res) => {
      if (res.request().resourceType() === 'document')
        this.documents.push({ url: res.url(), csp: res.headers()['content-security-policy'] });
    });
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text()))
        this.consoleViolations.push(`${who}: ${msg.text()}`);
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations?.push(
          `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    return p;
  }

  /** Records what went wrong since the last check, labelled with the view. */
  async check(view: string): Promise<void> {
    for (const r of this.requests.slice(this.checked)) {
      if (r.url.startsWith('data:') || r.url.startsWith('blob:')) continue;
      const url = new URL(r.url);
      const sameHost = url.host === own.host;
      const sameScheme = url.protocol === own.protocol || url.protocol === 'ws:';
      if (!sameHost || !sameScheme)
        this.problems.push(`[${view}] ${r.who} requested ${r.type} ${r.url}`);
    }
    this.checked = this.requests.length;
    for (const { page, who } of this.pages) {
      if (page.isClosed()) continue;
      const found = await page.evaluate(() => window.__cspViolations?.splice(0) ?? []);
      for (const v of found) this.problems.push(`[${view}] ${who}: CSP violation: ${v}`);
    }
    for (const v of this.consoleViolations.splice(0)) this.problems.push(`[${view}] ${v}`);
    for (const d of this.documents.splice(0)) {
      if (!d.csp?.includes("script-src 'self'"))
        this.problems.push(`[${view}] ${d.url} came without the Content-Security-Policy`);
    }
  }
}

describe('privacy: no third parties, no policy violations', () => {
  it('every view loads only from the app itself and keeps to its Content Security Policy', {
    timeout: 240_000,
  }, async () => {
    const w = new Watch();

    // The start page, in both languages.
    const fac = await w.watch(
      await crowd().person(null, { viewport: { width: 1400, height: 1000 } }),
      'facilitator',
    );
    const start = await fac.page.goto(`${baseUrl}/`);
    expect(start?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(start?.headers()['x-frame-options']).toBe('DENY');
    await fac.page.getByRole('heading', { name: t('home.newWorkshop') }).waitFor();
    // The app's own font, from the app: loaded, and no font came from anywhere else.
    await expect
      .poll(
        () =>
          fac.page.evaluate(async () => {
            await document.fonts.ready;
            const loaded: string[] = [];
            document.fonts.forEach((f) => {
              if (f.status === 'loaded') loaded.push(f.family);
            });
            return loaded;
          }),
        { timeout: 10_000 },
      )
      .toContain('Inter');
    const fontUrls = await fac.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => /\.(ttf|woff2?|otf)(\?|$)/.test(n)),
    );
    expect(fontUrls.length).toBeGreaterThan(0);
    for (const u of fontUrls) expect(new URL(u).origin).toBe(own.origin);
    await w.check('start page (nb)');
    await fac.page.getByRole('button', localeSwitch('nb')).click();
    await fac.page.getByRole('heading', { name: translate('en', 'home.newWorkshop') }).waitFor();
    expect(await fac.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await fac.page.reload();
    await fac.page.getByRole('heading', { name: translate('en', 'home.newWorkshop') }).waitFor();
    await w.check('start page (en)');
    await fac.page.getByRole('button', localeSwitch('en')).click();
    await fac.page.getByRole('heading', { name: t('home.newWorkshop') }).waitFor();

    // A new workshop: the console.
    await fac.page.getByLabel(t('home.title'), { exact: true }).fill('Personvern i Ås');
    await fac.page.getByLabel(t('home.groupCount')).selectOption('2');
    for (const n of [1, 2])
      await fac.page.getByLabel(t('home.groupName', { n })).fill(`Gruppe ${n}`);
    await fac.page.getByLabel(t('home.facilitatorName')).fill('Kari');
    await fac.page.getByRole('button', { name: t('home.create') }).click();
    await fac.page.waitForURL(/\/w\/[^/]+\/console$/);
    const code = ((await fac.page.getByTestId('join-code').textContent()) ?? '').trim();
    // The QR code is drawn in the page: an SVG of paths, no image fetched for it.
    const qr = fac.page
      .getByRole('img', { name: new RegExp(t('console.qrLabel', { link: '' })) })
      .first();
    await qr.waitFor();
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    expect((await qr.locator('path').first().getAttribute('d'))?.length).toBeGreaterThan(100);
    const link = ((await qr.getAttribute('aria-label')) ?? '').replace(
      t('console.qrLabel', { link: '' }),
      '',
    );
    expect(new URL(link).origin).toBe(own.origin);
    await fac.page.getByRole('button', { name: t('console.showLarge') }).click();
    await fac.page.getByRole('dialog').getByRole('img').waitFor();
    await fac.page.keyboard.press('Escape');
    await fac.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(w.requests.filter((r) => /qr/i.test(r.url))).toEqual([]);
    expect(w.requests.filter((r) => r.type === 'image' && !r.url.startsWith('data:'))).toEqual(
      w.requests.filter((r) => r.type === 'image' && r.url.endsWith('/favicon.svg')),
    );
    await w.check('console');

    // Joining: Anne by the code on the start page, Bjørn by the link.
    const anne = await w.watch(await crowd().person(null), 'Anne');
    await anne.page.goto(`${baseUrl}/`);
    await anne.page.getByLabel(t('home.joinCode'), { exact: true }).fill(code);
    await anne.page.getByRole('button', { name: t('home.join') }).click();
    await anne.page.waitForURL(/\/j\//);
    await anne.page.getByLabel(t('join.name')).fill('Anne');
    await anne.page.getByLabel('Gruppe 1').check();
    await anne.page.getByRole('button', { name: t('join.submit') }).click();
    await anne.page.getByText(t('workshop.waiting').replace(' …', '')).waitFor();
    await w.check('join by code, waiting');
    const bjorn = await w.watch(await crowd().person(null), 'Bjørn');
    await bjorn.page.goto(link);
    await bjorn.page.getByLabel(t('join.name')).fill('Bjørn');
    await bjorn.page.getByLabel('Gruppe 2').check();
    await bjorn.page.getByRole('button', { name: t('join.submit') }).click();
    await bjorn.page.getByText(t('workshop.waiting').replace(' …', '')).waitFor();
    await w.check('join by link, waiting');

    // A phase from the template picker, then a blank one with room for notes.
    await fac.page.getByLabel(t('console.phaseName')).fill(t('template.future.name'));
    await fac.page.locator('label.template-choice', { hasText: t('template.future.name') }).click();
    await w.check('console, template picker');
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
    expect(w.requests.some((r) => r.type === 'websocket' && r.who === 'Anne')).toBe(true);
    await w.check('board');

    // The board's outline, shortcuts dialog and export menu.
    await anne.page.getByRole('button', { name: t('outline.toggle'), exact: true }).click();
    await anne.page.getByRole('complementary', { name: t('outline.title') }).waitFor();
    await w.check('board, outline');
    await anne.page.getByRole('button', { name: t('outline.close') }).click();
    await anne.page.getByRole('button', { name: t('shortcuts.title') }).click();
    await anne.page.getByRole('dialog').waitFor();
    await w.check('board, shortcuts');
    await anne.page.keyboard.press('Escape');
    await anne.page.getByRole('dialog').waitFor({ state: 'detached' });
    await anne.page.getByLabel(t('exports.boardMenuLabel', { name: '' }).trim()).click();
    const [png] = await Promise.all([
      anne.page.waitForEvent('download'),
      anne.page.getByRole('button', { name: t('exports.boardPng'), exact: true }).click(),
    ]);
    await png.saveAs(outputFile('privacy-board.png'));
    await w.check('board, export menu and a PNG');

    // The market square: set up, a host, running; a suggestion, the banner, the feedback panel.
    const square = fac.page.locator('section', {
      has: fac.page.getByRole('heading', { name: t('market.title'), exact: true }),
    });
    await square.getByLabel(t('market.phase')).selectOption({ label: 'Idémyldring' });
    await square.getByLabel(t('market.roundMinutes')).fill('2');
    await square.getByRole('button', { name: t('market.setup') }).click();
    await anne.page
      .getByLabel(t('market.hostPick', { group: 'Gruppe 1' }))
      .selectOption({ label: t('market.me', { name: 'Anne' }) });
    await square.getByRole('button', { name: t('market.start'), exact: true }).waitFor();
    await w.check('market square set up');
    const anneUrl = anne.page.url();
    await square.getByRole('button', { name: t('market.start'), exact: true }).click();
    await bjorn.page.waitForURL(anneUrl);
    await bjorn.waitForStatus('connected');
    await bjorn.page.locator('.market-banner, [data-testid="market-banner"]').first().waitFor();
    await w.check('market square running, banner');
    await bjorn.page.getByRole('button', { name: t('comments.add'), exact: true }).click();
    await bjorn.page.getByRole('button', { name: t('comments.placeCenter') }).click();
    await bjorn.page.getByRole('radio', { name: t('comments.kindSuggestion') }).check();
    await bjorn.page.getByLabel(t('comments.suggestionText')).fill('Husk de pårørende');
    await bjorn.page.getByLabel(t('comments.proposal')).fill('Involver pårørende tidlig');
    await bjorn.page.getByRole('button', { name: t('comments.send') }).click();
    await bjorn.page.getByLabel(t('comments.proposal')).waitFor({ state: 'detached' });
    await anne.page
      .getByRole('button', { name: new RegExp(t('comments.panelToggle')) })
      .first()
      .click();
    const panel = anne.page.getByRole('complementary', { name: t('comments.panelTitle') });
    await panel.getByText('Husk de pårørende').waitFor();
    await anne.page.screenshot({ path: outputFile('privacy-feedback.png') });
    await w.check('market square, feedback panel with a suggestion');
    await square.getByRole('button', { name: t('market.endLabel') }).click();
    await bjorn.page.waitForURL((url) => url.toString() !== anneUrl);

    // Dot voting: a dot on the note, my dots, the results.
    const vote = fac.page.getByRole('region', { name: t('vote.title') });
    await vote.getByLabel(t('vote.dots')).fill('2');
    await vote.getByRole('button', { name: t('vote.start') }).click();
    const sticky = (await anne.shapes()).find((s) => s.text === 'Flere fastleger');
    const cam = await anne.camera();
    await anne.click(
      ((sticky?.x ?? 0) + (sticky?.w ?? 0) / 2) * cam.scale + cam.x,
      ((sticky?.y ?? 0) + (sticky?.h ?? 0) / 2) * cam.scale + cam.y,
    );
    await anne.page.getByRole('button', { name: t('vote.place') }).click();
    await anne.page.getByRole('button', { name: t('vote.mine', { count: 1 }) }).click();
    await anne.page.getByRole('complementary', { name: t('vote.mineTitle') }).waitFor();
    await vote.getByRole('button', { name: t('vote.showResults') }).click();
    await vote.getByText(t('vote.resultsShown')).waitFor();
    await w.check('dot voting');

    // The export panel: a finished export, downloaded.
    const exportPanel = fac.page.getByRole('region', { name: t('exports.title') });
    const [md] = await Promise.all([
      fac.page.waitForEvent('download', { timeout: 20_000 }),
      exportPanel.getByRole('button', { name: t('exports.md') }).click(),
    ]);
    await md.saveAs(outputFile('privacy-export.md'));
    await exportPanel
      .getByText(t('exports.ready', { name: 'Personvern i Ås.md' }))
      .waitFor({ timeout: 20_000 });
    await w.check('console, export');

    // After all that: the service worker's fetches were seen too, and all stayed at home.
    expect(w.requests.length).toBeGreaterThan(20);
    expect(w.problems.join('\n'), `${w.problems.length} problem(s)`).toBe('');
  });
});
