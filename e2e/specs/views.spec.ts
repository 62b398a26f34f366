import fs from 'node:fs';
import { LOCALE_NAMES, type Locale, type TextKey, translate } from '@torg/shared';
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { axeViolations, Watch } from '../support/checks.js';
import { makeInvite } from '../support/facilitator.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);
const own = new URL(baseUrl);

/** The language list, as labelled in `locale`. */
const localeSwitch = (p: BoardPage, locale: Locale) =>
  p.page.getByRole('combobox', { name: translate(locale, 'locale.label'), exact: true });

/** The fonts this person's page has fetched. */
const fontUrls = (p: BoardPage) =>
  p.page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => /\.(ttf|woff2?|otf)(\?|$)/.test(n)),
  );

/**
 * One tour of every view of a gathering, per locale: at each view the page is audited with
 * axe-core (WCAG 2.1 A/AA), and everything every browser fetched since the last view is checked
 * to come from the app itself and to keep to its Content Security Policy.
 */
describe.each(['nb', 'nn', 'en'] as const)('every view (%s)', (locale) => {
  const t = (key: TextKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const other: Locale = locale === 'en' ? 'nb' : 'en';

  it('has no axe violations, loads only from the app and keeps to its CSP', {
    timeout: 300_000,
  }, async () => {
    const watch = new Watch(baseUrl);
    const found: string[] = [];
    /** Audits this person's page with axe, and checks every watched browser's requests. */
    const look = async (p: BoardPage, view: string) => {
      found.push(...(await axeViolations(p.page, `${locale} ${view}`)));
      await watch.check(`${locale} ${view}`);
    };
    /**
     * A watched person whose browser has this locale chosen (the locale switch stores it in
     * localStorage; a later switch is kept).
     */
    const personIn = async (who: string, options: BrowserContextOptions = {}) => {
      const p = await crowd().person(null, options);
      await p.page.addInitScript((l) => {
        if (!localStorage.getItem('torg.locale')) localStorage.setItem('torg.locale', l);
      }, locale);
      return watch.watch(p, who);
    };

    // The start page, signed out, with its headers and its own font.
    const fac = await personIn('facilitator', { viewport: { width: 1400, height: 1000 } });
    const start = await fac.page.goto(`${baseUrl}/`);
    expect(start?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(start?.headers()['x-frame-options']).toBe('DENY');
    await fac.page.getByText(t('account.inviteIntro')).waitFor();
    expect(await fac.page.getByRole('heading', { name: t('home.newWorkshop') }).count()).toBe(0);
    await fac.page.screenshot({ path: outputFile(`views-start-${locale}.png`) });
    expect(await fac.page.evaluate(() => document.documentElement.lang)).toBe(locale);
    // No font for the start page: only the board's canvas draws with Inter (issue 18).
    expect(await fontUrls(fac)).toEqual([]);
    await look(fac, 'start page, signed out');

    // The other language, kept over a reload, and back.
    const facilitators = (l: Locale) => ({ name: translate(l, 'account.facilitators') });
    await localeSwitch(fac, locale).selectOption(other);
    await fac.page.getByRole('heading', facilitators(other)).waitFor();
    expect(await fac.page.evaluate(() => document.documentElement.lang)).toBe(other);
    await fac.page.reload();
    await fac.page.getByText(translate(other, 'account.inviteIntro')).waitFor();
    await look(fac, `start page switched to ${other}`);
    await localeSwitch(fac, other).selectOption(locale);
    await fac.page.getByRole('heading', facilitators(locale)).waitFor();
    expect(await fac.page.evaluate(() => document.documentElement.lang)).toBe(locale);

    // The administrator's invite: the invite page, accepted; the start page signed in.
    const invite = new URL(await makeInvite(baseUrl, 'Kari Nordmann'));
    await fac.page.goto(`${baseUrl}${invite.pathname}`);
    await fac.page
      .getByRole('heading', { name: t('invite.welcome', { name: 'Kari Nordmann' }) })
      .waitFor();
    await look(fac, 'invite page');
    await fac.page.getByRole('button', { name: t('invite.accept') }).click();
    await fac.page.getByRole('heading', { name: t('account.mine') }).waitFor();
    await fac.page.getByRole('heading', { name: t('home.newWorkshop') }).waitFor();
    await fac.page.getByText(t('account.mineEmpty')).waitFor();
    await look(fac, 'start page, signed in');
    await fac.page.goto(`${baseUrl}${invite.pathname}`);
    await fac.page.getByRole('heading', { name: t('invite.invalidTitle') }).waitFor();
    await look(fac, 'invite page, used');
    await fac.page.goto(`${baseUrl}/`);

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
    await look(fac, 'console (groups, participants)');
    await fac.page.getByRole('button', { name: t('console.showLarge') }).click();
    await fac.page.getByRole('dialog').getByRole('img').waitFor();
    await look(fac, 'console, large QR code');
    await fac.page.keyboard.press('Escape');
    await fac.page.getByRole('dialog').waitFor({ state: 'detached' });
    // No request makes the QR code: the page draws it. (Random ids and the invite's secret in
    // the addresses may spell "qr" by chance: a workshop id "c7f3cge24pqr" once did. The app's
    // own code may come as a chunk named after it: code that draws, not a picture fetched.)
    const randomPart = /^([a-z]\.)?[A-Za-z0-9_-]{12,}$/;
    const aboutQr = (address: string) => {
      const url = new URL(address);
      if (url.origin === own.origin && /^\/assets\/[\w-]+\.js$/.test(url.pathname)) return false;
      return (
        /qr/i.test(url.hostname) ||
        url.pathname.split('/').some((part) => /qr/i.test(part) && !randomPart.test(part))
      );
    };
    expect(watch.requests.filter((r) => aboutQr(r.url))).toEqual([]);
    expect(watch.requests.filter((r) => r.type === 'image' && !r.url.startsWith('data:'))).toEqual(
      watch.requests.filter((r) => r.type === 'image' && r.url.endsWith('/favicon.svg')),
    );

    // Joining: Anne by the code on the start page, Bjørn by the link.
    const anne = await personIn('Anne');
    await anne.page.goto(`${baseUrl}/`);
    await anne.page.getByLabel(t('home.joinCode'), { exact: true }).fill(code);
    await look(anne, 'start page with a code');
    await anne.page.getByRole('button', { name: t('home.join') }).click();
    await anne.page.waitForURL(/\/j\//);
    await anne.page.getByLabel(t('join.name')).waitFor();
    await look(anne, 'join page');
    await anne.page.getByLabel(t('join.name')).fill('Anne');
    await anne.page.getByLabel('Gruppe 1').check();
    await anne.page.getByRole('button', { name: t('join.submit') }).click();
    await anne.page.getByText(t('workshop.waiting').replace(' …', '')).waitFor();
    await look(anne, 'waiting for the facilitator');
    const bjorn = await personIn('Bjørn');
    await bjorn.page.goto(link);
    await bjorn.page.getByLabel(t('join.name')).fill('Bjørn');
    await bjorn.page.getByLabel('Gruppe 2').check();
    await bjorn.page.getByRole('button', { name: t('join.submit') }).click();
    await bjorn.page.getByText(t('workshop.waiting').replace(' …', '')).waitFor();
    await watch.check(`${locale} join by link, waiting`);
    await fac.page.getByText('Bjørn').first().waitFor();
    await look(fac, 'console with participants');

    // A phase from a template: the picker open; then a blank board, with room for notes.
    // The console shows one step of the gathering at a time (tabs, issue 17).
    const step = (key: TextKey) =>
      fac.page.getByRole('tab', { name: new RegExp(`^${t(key)}`) }).click();
    await step('console.stepPhases');
    await fac.page.getByLabel(t('console.phaseName')).fill(t('template.future.name'));
    await fac.page.locator('label.template-choice', { hasText: t('template.future.name') }).click();
    await look(fac, 'console, template picker');
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
    expect(watch.requests.some((r) => r.type === 'websocket' && r.who === 'Anne')).toBe(true);
    // The app's own font on the board, from the app: loaded, and no font came from elsewhere.
    await expect
      .poll(
        () =>
          anne.page.evaluate(async () => {
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
    const boardFonts = await fontUrls(anne);
    expect(boardFonts.length).toBeGreaterThan(0);
    for (const u of boardFonts) expect(new URL(u).origin).toBe(own.origin);
    await look(anne, 'board');
    await look(fac, 'console with a phase');

    // The board's outline, shortcuts dialog and export menu, and a PNG of the board.
    await anne.page.getByRole('button', { name: t('outline.toggle'), exact: true }).click();
    await anne.page.getByRole('complementary', { name: t('outline.title') }).waitFor();
    await look(anne, 'board, outline open');
    await anne.page.getByRole('button', { name: t('outline.close') }).click();
    await anne.page.getByRole('button', { name: t('shortcuts.title') }).click();
    await anne.page.getByRole('dialog').waitFor();
    await look(anne, 'board, shortcuts dialog');
    await anne.page.keyboard.press('Escape');
    await anne.page.getByRole('dialog').waitFor({ state: 'detached' });
    await anne.page.getByLabel(t('exports.boardMenuLabel', { name: '' }).trim()).click();
    const pngButton = anne.page.getByRole('button', { name: t('exports.boardPng'), exact: true });
    await pngButton.waitFor();
    await look(anne, 'board, export menu');
    const [png] = await Promise.all([anne.page.waitForEvent('download'), pngButton.click()]);
    await png.saveAs(outputFile(`views-board-${locale}.png`));
    await watch.check(`${locale} board, PNG download`);
    if (await pngButton.isVisible()) await anne.page.keyboard.press('Escape');

    // The market square: set up, a host picked, running; a suggestion, the banner, the panel.
    await step('console.stepMarket');
    const square = fac.page.locator('section', {
      has: fac.page.getByRole('heading', { name: t('market.title'), exact: true }),
    });
    await square.getByLabel(t('market.phase')).selectOption({ label: 'Idémyldring' });
    await square.getByLabel(t('market.roundMinutes')).fill('2');
    await square.getByRole('button', { name: t('market.setup') }).click();
    const hostPick = anne.page.getByLabel(t('market.hostPick', { group: 'Gruppe 1' }));
    await hostPick.selectOption({ label: t('market.me', { name: 'Anne' }) });
    await square.getByRole('button', { name: t('market.start'), exact: true }).waitFor();
    await look(fac, 'console, market square set up');
    await look(anne, 'board, market square set up (host pick)');
    const anneUrl = anne.page.url();
    await square.getByRole('button', { name: t('market.start'), exact: true }).click();
    await bjorn.page.waitForURL(anneUrl);
    await bjorn.waitForStatus('connected');
    await bjorn.page.locator('.market-banner, [data-testid="market-banner"]').first().waitFor();
    await look(fac, 'console, market square running');
    await bjorn.page.getByRole('button', { name: t('comments.add'), exact: true }).click();
    await bjorn.page.getByRole('button', { name: t('comments.placeCenter') }).click();
    await bjorn.page.getByRole('radio', { name: t('comments.kindSuggestion') }).check();
    await bjorn.page.getByLabel(t('comments.suggestionText')).fill('Husk de pårørende');
    await bjorn.page.getByLabel(t('comments.proposal')).fill('Involver pårørende tidlig');
    await look(bjorn, 'board, market round, writing a suggestion');
    await bjorn.page.getByRole('button', { name: t('comments.send') }).click();
    await bjorn.page.getByLabel(t('comments.proposal')).waitFor({ state: 'detached' });
    await look(bjorn, 'board, market round (banner)');
    await anne.page
      .getByRole('button', { name: new RegExp(t('comments.panelToggle')) })
      .first()
      .click();
    const panel = anne.page.getByRole('complementary', { name: t('comments.panelTitle') });
    await panel.getByText('Husk de pårørende').waitFor();
    await look(anne, 'board, market round, feedback panel with a suggestion');
    await anne.page.screenshot({ path: outputFile(`views-feedback-${locale}.png`) });
    await square.getByRole('button', { name: t('market.endLabel'), exact: true }).click();
    await fac.page.getByRole('dialog').waitFor();
    await look(fac, 'console, end the market square?');
    await fac.page.getByRole('button', { name: t('console.marketEndYes') }).click();
    await bjorn.page.waitForURL((url) => url.toString() !== anneUrl);

    // Dot voting: running, a dot on the note, my dots, the results.
    await step('console.stepVote');
    const vote = fac.page.getByRole('region', { name: t('vote.title') });
    await vote.getByLabel(t('vote.dots')).fill('2');
    await vote.getByRole('button', { name: t('vote.start') }).click();
    await look(fac, 'console, vote running');
    const sticky = (await anne.shapes()).find((s) => s.text === 'Flere fastleger');
    const cam = await anne.camera();
    await anne.click(
      ((sticky?.x ?? 0) + (sticky?.w ?? 0) / 2) * cam.scale + cam.x,
      ((sticky?.y ?? 0) + (sticky?.h ?? 0) / 2) * cam.scale + cam.y,
    );
    await anne.page.getByRole('button', { name: t('vote.place'), exact: true }).click();
    await anne.page
      .getByRole('button', { name: t('vote.listToggle') })
      .first()
      .click();
    await anne.page.getByRole('complementary', { name: t('vote.listTitle') }).waitFor();
    await look(anne, 'board, dot voting, the vote list');
    await vote.getByRole('button', { name: t('vote.showResults') }).click();
    await vote.getByText(t('vote.resultsShown')).waitFor();
    await look(fac, 'console, vote results');
    await look(anne, 'board, vote results shown');

    // The export panel: a finished export, downloaded; then the delete dialog.
    await step('console.stepExport');
    const exportPanel = fac.page.getByRole('region', { name: t('exports.title') });
    // The report in the gathering's language (chosen here, per gathering): this tour's.
    await exportPanel.getByLabel(t('console.gatheringLocale')).selectOption(locale);
    await fac.page
      .getByText(t('console.gatheringLocaleSaved', { language: LOCALE_NAMES[locale].name }))
      .waitFor();
    const [md] = await Promise.all([
      fac.page.waitForEvent('download', { timeout: 20_000 }),
      exportPanel.getByRole('button', { name: t('exports.md') }).click(),
    ]);
    await md.saveAs(outputFile(`views-export-${locale}.md`));
    expect(fs.readFileSync(outputFile(`views-export-${locale}.md`), 'utf8')).toContain(
      `## ${t('export.summary')}`,
    );
    await exportPanel
      .getByText(t('exports.ready', { name: 'Personvern i Ås.md' }))
      .waitFor({ timeout: 20_000 });
    await look(fac, 'console, export done');
    await step('console.stepEnd');
    await fac.page.getByRole('button', { name: t('console.delete') }).click();
    await fac.page.getByRole('dialog').waitFor();
    await look(fac, 'console, delete dialog');
    await fac.page.keyboard.press('Escape');

    // Back on the start page: the gathering in "Mine samlinger", opened from there.
    await fac.page.goto(`${baseUrl}/`);
    const mine = fac.page.getByRole('region', { name: t('account.mine') });
    await mine.getByText('Personvern i Ås', { exact: true }).first().waitFor();
    await look(fac, 'start page, my workshops');
    await mine.getByRole('button', { name: `${t('account.open')} Personvern i Ås` }).click();
    await fac.page.waitForURL(/\/w\/[^/]+\/console$/);
    // The console opens on the step the gathering is at (the vote), not on the invitation.
    await fac.page.getByRole('tab', { name: new RegExp(`^${t('console.stepVote')}`) }).waitFor();

    // After all that: the service worker's fetches were seen too, and all stayed at home.
    expect(watch.requests.length).toBeGreaterThan(20);
    expect(found.join('\n'), `axe found ${found.length} violation(s)`).toBe('');
    expect(watch.problems.join('\n'), `${watch.problems.length} privacy problem(s)`).toBe('');
  });
});
