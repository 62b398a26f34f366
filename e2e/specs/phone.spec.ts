import type { Shape } from '@torg/shared';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { joinByCode } from '../pages/WorkshopPages.js';
import { PHONE } from '../support/devices.js';
import { createGathering } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/**
 * What a phone's screen shows: the board's share of it (the canvas's visible area over the
 * viewport's), and anything wider than the screen (the page scrolling sideways, or a control
 * reaching past its right edge).
 */
async function screen(p: BoardPage): Promise<{ boardShare: number; overflow: string[] }> {
  return p.page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const c = document.querySelector('[data-testid="board-canvas"]')?.getBoundingClientRect();
    const visible = c
      ? Math.max(0, Math.min(c.right, vw) - Math.max(c.left, 0)) *
        Math.max(0, Math.min(c.bottom, vh) - Math.max(c.top, 0))
      : 0;
    const overflow: string[] = [];
    if (document.documentElement.scrollWidth > vw)
      overflow.push(`page ${document.documentElement.scrollWidth}px wide`);
    const parts = document.querySelectorAll<HTMLElement>(
      '.phone-header *, .phone-bar *, .control-banner *, .market-banner *',
    );
    for (const el of Array.from(parts)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 0.5 && el.closest('[hidden]') === null)
        overflow.push(
          `${el.tagName.toLowerCase()}.${el.className} reaches ${Math.round(r.right)}px`,
        );
    }
    return { boardShare: visible / (vw * vh), overflow };
  });
}

async function expectRoomy(p: BoardPage, state: string): Promise<void> {
  const s = await screen(p);
  expect(s.overflow, state).toEqual([]);
  expect(s.boardShare, state).toBeGreaterThanOrEqual(0.75);
}

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as Record<string, unknown>,
  };
}

/** Kommenter → in the middle of the view → a comment (or a suggestion) → Send. */
async function feedback(p: BoardPage, suggest: { suggestion: string } | null, text: string) {
  await p.page.getByRole('button', { name: 'Kommenter', exact: true }).click();
  await p.page.getByRole('button', { name: 'Kommenter midt i visningen' }).click();
  const form = p.page.locator('.comment-form');
  if (suggest) {
    await form.getByRole('radio', { name: 'Forslag' }).check();
    await form.getByLabel('Foreslått tekst på lappen').fill(suggest.suggestion);
  }
  await form.getByRole('textbox').last().fill(text);
  const box = await form.boundingBox();
  // A bottom sheet across the phone's width, not a box beside the pin.
  expect(box && Math.round(box.width)).toBe(390);
  await p.page.screenshot({
    path: outputFile(`phone-comment-form-${suggest ? 'suggest' : 'comment'}-390.png`),
  });
  await form.getByRole('button', { name: 'Send' }).click();
  await form.waitFor({ state: 'detached' });
}

describe('a participant on a phone', () => {
  it('joins by code, adds a note to a section with one thumb, comments and suggests as a visitor, dot-votes and reads the feedback; the board keeps three quarters of the screen throughout', async () => {
    const g = await createGathering(baseUrl, 'Helse 2035', ['Gruppe 1', 'Gruppe 2']);
    const anne = await crowd().person(null, PHONE);
    const bjorn = await crowd().person(null, PHONE);
    await joinByCode(anne, g.joinCode, 'Anne', 'Gruppe 1');
    await joinByCode(bjorn, g.joinCode, 'Bjørn', 'Gruppe 2');
    const phase = await api('POST', `/workshops/${g.workshopId}/phases`, g.token, {
      name: 'Fremtidsreise',
      template: 'future',
      moveEveryone: true,
    });
    expect(phase.status).toBe(201);
    const [board1, board2] = phase.body.boardIds as string[];
    for (const p of [anne, bjorn]) {
      await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
      await expect.poll(async () => (await p.shapes()).length).toBeGreaterThan(10);
    }
    await anne.waitForStatus('connected');
    // The header is one row: the menu, the board's name, the connection dot.
    const header = anne.page.locator('.phone-header');
    expect((await header.boundingBox())?.height).toBeLessThanOrEqual(56);
    await expect.poll(() => header.textContent()).toContain('Fremtidsreise');
    await anne.page.screenshot({ path: outputFile('phone-board-arrived-390.png') });
    await expectRoomy(anne, 'arrived, with the notice');
    await anne.page.getByText('Fasilitatoren hentet deg hit.').waitFor({ state: 'detached' });
    await expectRoomy(anne, 'idle');

    // "Ny lapp i …": pick the section, write, add: the note lands inside that section.
    await anne.page.getByRole('button', { name: 'Ny lapp' }).click();
    const sheet = anne.page.getByRole('dialog', { name: 'Ny lapp i …' });
    const sections = (await anne.shapes()) as Shape[];
    const target = sections.find((s) => s.type === 'frame' && s.name === 'Store linjer / trender');
    if (target?.type !== 'frame') throw new Error('no trends section');
    await sheet.getByRole('radio', { name: 'Store linjer / trender' }).check();
    await sheet.getByLabel('Tekst på lappen').fill('Flere eldre bor hjemme lenger');
    await anne.page.screenshot({ path: outputFile('phone-new-note-sheet-390.png') });
    await sheet.getByRole('button', { name: 'Legg til' }).click();
    await expect
      .poll(async () => {
        const note = ((await anne.shapes()) as Shape[]).find(
          (s) => s.type === 'sticky' && s.text === 'Flere eldre bor hjemme lenger',
        );
        if (note?.type !== 'sticky') return 'not there';
        const inside =
          note.x >= target.x &&
          note.y >= target.y &&
          note.x + note.w <= target.x + target.w &&
          note.y + note.h <= target.y + target.h;
        return inside ? 'inside' : `outside at ${note.x},${note.y}`;
      })
      .toBe('inside');
    await anne.page.screenshot({ path: outputFile('phone-note-added-390.png') });
    await expectRoomy(anne, 'a note selected');

    // The menu holds the rest (the way back, the tools, language).
    await anne.page.getByRole('button', { name: 'Meny' }).click();
    const menu = anne.page.getByRole('dialog', { name: 'Meny' });
    await menu.getByRole('link', { name: /Samlingen/ }).waitFor();
    await anne.page.screenshot({ path: outputFile('phone-menu-390.png') });
    await menu.getByRole('button', { name: 'Lukk' }).click();

    // A market round: Anne visits group 2's board, comments and suggests there.
    expect(
      (
        await api('POST', `/workshops/${g.workshopId}/market`, g.token, {
          phaseId: phase.body.phaseId,
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('POST', `/workshops/${g.workshopId}/market/command`, g.token, { action: 'start' }))
        .status,
    ).toBe(200);
    await anne.page.waitForURL(new RegExp(`/b/${board2}$`));
    await expect.poll(async () => (await anne.shapes()).length).toBeGreaterThan(10);
    await anne.page.getByTestId('market-banner').waitFor();
    // A slim banner: the round, where, and the clock; the words take two lines at most (cut
    // to one line they lost the group's name).
    expect(
      (await anne.page.getByTestId('market-banner').boundingBox())?.height,
    ).toBeLessThanOrEqual(56);
    await expectRoomy(anne, 'market round');
    await anne.page.screenshot({ path: outputFile('phone-market-visit-390.png') });
    // Anne suggests a new text for a note of group 2; Bjørn, visiting group 1, comments.
    await feedback(anne, { suggestion: 'Velferdsteknologi i alle hjem' }, 'Et forslag fra oss');
    await anne.page.screenshot({ path: outputFile('phone-suggest-sent-390.png') });
    await expectRoomy(anne, 'after suggesting');
    await bjorn.page.waitForURL(new RegExp(`/b/${board1}$`));
    await feedback(bjorn, null, 'Godt poeng om eldre som bor hjemme');

    // End the market; Bjørn left a comment on Anne's board; Anne reads the feedback at home.
    expect(
      (await api('POST', `/workshops/${g.workshopId}/market/command`, g.token, { action: 'end' }))
        .status,
    ).toBe(200);
    void board1;
    await anne.page.goto(`${baseUrl}/w/${g.workshopId}/b/${board1}`);
    await anne.canvas.waitFor();
    await anne.page.getByRole('button', { name: /Tilbakemeldinger/ }).click();
    await anne.page.getByText('Godt poeng om eldre som bor hjemme').waitFor();
    await anne.page.screenshot({ path: outputFile('phone-feedback-390.png') });
    // The reopened board sent its offline copy, template and all: nothing was refused.
    expect(await anne.page.getByText(/Endringen din ble ikke lagret/).count()).toBe(0);
    await anne.page.getByRole('button', { name: 'Lukk tilbakemeldingene' }).click();

    // A dot vote on both boards: Anne votes from the list.
    expect(
      (
        await api('POST', `/workshops/${g.workshopId}/vote`, g.token, {
          boardIds: [board1, board2],
          dots: 3,
        })
      ).status,
    ).toBe(200);
    await anne.page
      .getByText(/3 av 3 prikker|3 prikker/)
      .first()
      .waitFor();
    await expectRoomy(anne, 'vote running');
    await anne.page.getByRole('button', { name: 'Stem fra listen' }).first().click();
    await anne.page
      .getByRole('button', { name: /^Sett prikk på/ })
      .first()
      .click();
    await anne.page.getByText('Du har 2 av 3 prikker igjen').first().waitFor();
    await anne.page.screenshot({ path: outputFile('phone-vote-list-390.png') });
  });
});
