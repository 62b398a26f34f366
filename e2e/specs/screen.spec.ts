import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ConsolePage } from '../pages/WorkshopPages.js';
import { axeViolations } from '../support/checks.js';
import { createGathering } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** Nothing to operate on the room's screen: no button, field or link. */
async function controlsOn(page: Page): Promise<number> {
  return page.locator('button, input, select, textarea, a[href]').count();
}

describe('the screen in the room', () => {
  it('shows the join code while people arrive, then the step, the market square’s rounds and the presented board', {
    timeout: 180_000,
  }, async () => {
    const w = await createGathering(baseUrl, 'Storskjerm i Ås');
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${baseUrl}/api/workshops/${w.workshopId}${path}`, {
        method,
        headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(
      (
        await call('PUT', '/agenda', {
          dayStart: '09:00',
          steps: [
            { id: 'welcome1', kind: 'text', title: 'Velkommen', minutes: 10 },
            {
              id: 'journey1',
              kind: 'phase',
              title: 'Fremtidsreise',
              minutes: 40,
              template: 'future',
            },
            { id: 'market01', kind: 'market', title: 'Torgmøte', minutes: 20 },
            { id: 'present1', kind: 'presentations', title: 'Fremlegg', minutes: 10 },
          ],
        })
      ).status,
    ).toBe(200);

    // The facilitator makes the screen's link in the console and opens it on the projector,
    // a window of the same browser.
    const fac = await crowd().person(null, { viewport: { width: 1400, height: 1000 } });
    await fac.page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    await fac.page.getByRole('button', { name: 'Lenke til storskjermen (projektoren)' }).click();
    const link = await fac.page
      .locator('.share-link', { hasText: 'Lenke til storskjermen' })
      .locator('.share-url')
      .textContent();
    expect(link).toMatch(new RegExp(`/w/${w.workshopId}/screen#t=`));
    const screen = await fac.page.context().newPage();
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.goto(link ?? '');

    // People arriving: the QR code and the join code, large.
    await screen.getByRole('heading', { name: 'Bli med på samlingen' }).waitFor();
    expect((await screen.locator('.join-code').textContent())?.replace(/\s/g, '')).toBe(code);
    await screen.getByRole('img', { name: /^QR-kode til lenken for å bli med/ }).waitFor();
    expect(await controlsOn(screen)).toBe(0);
    expect(await axeViolations(screen, 'room screen, arriving')).toEqual([]);
    await screen.screenshot({ path: outputFile('screen-arriving.png') });

    // The facilitator's own console in the same browser is still the facilitator's.
    await fac.page.reload();
    await consolePage.openStep('Kjøreplan');

    // The welcome: its title, the countdown, what comes next, and the code for latecomers.
    const next = async (currentId: string | null) =>
      expect((await call('POST', '/agenda/next', { currentId })).status).toBe(200);
    await next(null);
    await screen.getByText('Velkommen', { exact: true }).waitFor();
    await screen.getByRole('timer').waitFor();
    await screen.getByText('Neste: Fremtidsreise, kl. 09.10').waitFor();
    await screen.getByText(`Bli med: ${new URL(baseUrl).host} · kode`, { exact: false }).waitFor();
    await screen.screenshot({ path: outputFile('screen-step.png') });

    // The market square: each group's way this round.
    await next('welcome1');
    await next('journey1');
    await screen.getByRole('heading', { name: 'Torgmøte – runde 1 av 1' }).waitFor();
    await screen.getByText('Gruppe Nord → Gruppe Sør').waitFor();
    await screen.getByText('Gruppe Sør → Gruppe Nord').waitFor();
    // The round's clock (the market's 20 minutes, one round), not the journey's 40.
    await expect.poll(() => screen.getByRole('timer').textContent()).toMatch(/^(20:00|19:5\d)$/);
    expect(await axeViolations(screen, 'room screen, market square')).toEqual([]);
    await screen.screenshot({ path: outputFile('screen-market.png') });

    // The presentation round: Nord's board on the screen, its parts followed.
    await next('market01');
    await screen.getByText(/Gruppe Nord presenterer\s*Hele tavla/).waitFor();
    await screen.locator('[data-testid="board-canvas"]').waitFor();
    expect(await controlsOn(screen)).toBe(0);
    expect(await axeViolations(screen, 'room screen, presentation')).toEqual([]);
    await screen.screenshot({ path: outputFile('screen-presentation.png') });

    // The facilitator moves the round on from the console: Sør's board on the screen.
    await fac.page
      .getByRole('region', { name: 'Kjøreplan nå' })
      .getByRole('button', { name: /^Neste gruppe/ })
      .click();
    await screen.getByText(/Gruppe Sør presenterer\s*Hele tavla/).waitFor();
  });
});
