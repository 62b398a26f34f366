import fs from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';
import { E2E_ADMIN_TOKEN } from '../support/server-process.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** JSON to the real API, as the facilitator's console sends it. */
async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}

/** Whether the locator's element has the keyboard focus. */
const hasFocus = (l: Locator) => l.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until the control has focus: it must be reachable that way. */
async function tabTo(page: Page, target: Locator, back = false, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  if (!(await hasFocus(target))) throw new Error(`not reachable with Tab: ${target}`);
}

/** The focused element draws a visible focus indicator (outline or box-shadow). */
const focusRingVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2;
    return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
  });

let shot = 0;
async function snap(p: BoardPage, step: string): Promise<void> {
  shot += 1;
  await p.page.screenshot({ path: outputFile(`keyboard-${shot}-${step}.png`) });
}

/** Joins by code with the keyboard only; returns the participant's token. */
async function joinByKeyboard(p: BoardPage, code: string, name: string, group: string) {
  const { page } = p;
  await page.goto(`${baseUrl}/`);
  await tabTo(page, page.getByLabel('Kode', { exact: true }));
  expect(await focusRingVisible(page)).toBe(true);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/j\//);
  await tabTo(page, page.getByLabel('Navnet ditt'));
  await page.keyboard.type(name);
  // The groups are radio buttons: Tab into the group, arrows to the right one.
  await page.keyboard.press('Tab');
  const radio = page.getByRole('radio', { name: group });
  for (let i = 0; i < 6 && !(await radio.isChecked()); i++) {
    if (!(await page.evaluate(() => (document.activeElement as HTMLInputElement)?.type)))
      throw new Error('not on the group choice');
    await page.keyboard.press('ArrowDown');
  }
  expect(await radio.isChecked()).toBe(true);
  await snap(p, `join-${name.toLowerCase()}`);
  await page.keyboard.press('Enter');
  await page.getByText(/Venter på fasilitatoren/).waitFor();
  const wid = page.url().split('/w/')[1]?.split('/')[0] ?? '';
  return page.evaluate((w) => localStorage.getItem(`torg.token.${w}`) ?? '', wid);
}

/** The outline panel, opened with Shift+O from the canvas if it is not open yet. */
async function openOutline(p: BoardPage): Promise<Locator> {
  const outline = p.page.getByRole('complementary', { name: 'Disposisjon' });
  if (!(await outline.isVisible())) {
    await tabTo(p.page, p.canvas);
    await p.page.keyboard.press('Shift+O');
    await outline.waitFor();
  }
  return outline;
}

/** Opens the outline (Shift+O on the board) and adds a note with this text through it. */
async function addNoteByOutline(p: BoardPage, text: string): Promise<void> {
  const { page } = p;
  const outline = await openOutline(p);
  const before = (await p.shapes()).length;
  await tabTo(page, outline.getByRole('button', { name: 'Ny lapp i «Utenfor rammer»' }));
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await p.shapes()).length).toBe(before + 1);
  // The new note's field has focus: typing writes on the note.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.className ?? ''))
    .toContain('outline-field');
  await page.keyboard.type(text);
  await expect.poll(() => p.contentTexts()).toContain(text);
}

/** Selects the object with this name through the outline's "Vis" button. */
async function selectByOutline(p: BoardPage, name: string): Promise<void> {
  const { page } = p;
  const outline = await openOutline(p);
  await tabTo(page, outline.getByRole('button', { name: `Vis «${name}» på tavlen` }));
  await page.keyboard.press('Enter');
  await expect.poll(() => selectionTexts(p)).toEqual([name]);
}

const selectionTexts = (p: BoardPage) =>
  p.page.evaluate(() => {
    const t = window.__torg;
    const sel = t?.selection() ?? [];
    const shapes = (t?.shapes() ?? []) as { id: string; text?: string }[];
    return sel.map((id) => shapes.find((s) => s.id === id)?.text ?? id);
  });

describe('a gathering with the keyboard only', () => {
  it('join, write, move, connect, comment on the market, accept, vote and export — no mouse', async () => {
    // The facilitator works through the API (the console has its own tests).
    // Creating a gathering takes the administrator's (or a signed-in facilitator's) right.
    const created = await api('POST', '/workshops', E2E_ADMIN_TOKEN, {
      title: 'Tastaturmøte',
      date: '2026-11-23',
      groups: ['Gruppe 1', 'Gruppe 2', 'Gruppe 3'],
      facilitatorName: 'Kari',
    });
    const wid = created.workshopId as string;
    const fac = created.token as string;
    const code = created.joinCode as string;

    const anne = await crowd().person(null);
    const bjorn = await crowd().person(null);
    await joinByKeyboard(anne, code, 'Anne', 'Gruppe 1');
    const bjornToken = await joinByKeyboard(bjorn, code, 'Bjørn', 'Gruppe 2');
    const bjornId = (await api('GET', `/workshops/${wid}/me`, bjornToken)).participantId as string;

    const phase = await api('POST', `/workshops/${wid}/phases`, fac, { name: 'Idémyldring' });
    for (const p of [anne, bjorn]) {
      await p.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
      await p.canvas.waitFor();
      await p.waitForStatus('connected');
    }
    const anneHome = anne.page.url();
    const bjornHome = bjorn.page.url();

    // The workshop timer says when one minute is left.
    const timerVoice = anne.page.locator('.control-banner .timer [aria-live]');
    await api('POST', `/workshops/${wid}/timer`, fac, { action: 'start', durationMs: 63_000 });
    // Silent while more than a minute is left, then it speaks.
    expect(await timerVoice.textContent()).toBe('');
    await expect.poll(() => timerVoice.textContent(), { timeout: 8000 }).toBe('Ett minutt igjen.');
    await api('POST', `/workshops/${wid}/timer`, fac, { action: 'reset' });

    // Anne writes two notes through the outline.
    await addNoteByOutline(anne, 'Flere fastleger');
    expect(await focusRingVisible(anne.page)).toBe(true);
    await snap(anne, 'outline-note');
    await addNoteByOutline(anne, 'Bedre busstilbud');

    // Focus is not trapped in the outline: Tab moves on from its last field and back.
    const lastField = anne.page.locator('.outline-field').last();
    await tabTo(anne.page, lastField);
    await anne.page.keyboard.press('Tab');
    expect(await hasFocus(lastField)).toBe(false);
    await anne.page.keyboard.press('Shift+Tab');
    expect(await hasFocus(lastField)).toBe(true);

    // She selects the first one, goes to the board, edits its text on the canvas.
    await selectByOutline(anne, 'Flere fastleger');
    // A screen reader hears what is selected, and who made it (issue 17).
    const selectionStatus = anne.page.getByTestId('selection-status');
    await expect
      .poll(() => selectionStatus.textContent())
      .toBe('Valgt: Lapp «Flere fastleger», laget av Anne · Gruppe 1');
    await tabTo(anne.page, anne.canvas, true);
    expect(await focusRingVisible(anne.page)).toBe(true);
    await anne.page.keyboard.press('Enter');
    await anne.editor.waitFor();
    await anne.page.keyboard.press('End');
    await anne.page.keyboard.type(' i Ås');
    await snap(anne, 'edit-on-canvas');
    await anne.page.keyboard.press('Escape');
    await anne.editor.waitFor({ state: 'detached' });
    await expect.poll(() => anne.contentTexts()).toContain('Flere fastleger i Ås');
    // Back on the canvas after editing, with the note still selected.
    await expect.poll(() => hasFocus(anne.canvas)).toBe(true);
    expect(await selectionTexts(anne)).toEqual(['Flere fastleger i Ås']);

    // Moves it with the arrows: Shift+→ twice is 20 to the right, ↓ once is 1 down.
    const at = async () => {
      const s = (await anne.shapes()).find((x) => x.text === 'Flere fastleger i Ås');
      return { x: s?.x ?? 0, y: s?.y ?? 0 };
    };
    const start = await at();
    await anne.page.keyboard.press('Shift+ArrowRight');
    await anne.page.keyboard.press('Shift+ArrowRight');
    await anne.page.keyboard.press('ArrowDown');
    await expect.poll(at).toEqual({ x: start.x + 20, y: start.y + 1 });
    await snap(anne, 'moved');

    // Connects two notes: the next object joins the selection (Shift+.), then C.
    await anne.page.keyboard.press('Shift+Period');
    await expect.poll(async () => (await selectionTexts(anne)).length).toBe(2);
    await expect.poll(() => selectionStatus.textContent()).toBe('2 objekter valgt');
    await anne.page.keyboard.press('c');
    await expect
      .poll(async () => (await anne.shapes()).filter((s) => s.type === 'connector'))
      .toHaveLength(1);
    const arrow = (await anne.shapes()).find((s) => s.type === 'connector');
    await expect
      .poll(() => selectionStatus.textContent())
      .toMatch(/^Valgt: Pil fra «(Flere fastleger i Ås|Bedre busstilbud)» til «/);
    const ids = new Set((await anne.shapes()).filter((s) => s.type === 'sticky').map((s) => s.id));
    expect(ids.has(arrow?.start?.shapeId ?? '')).toBe(true);
    expect(ids.has(arrow?.end?.shapeId ?? '')).toBe(true);
    expect(arrow?.start?.shapeId).not.toBe(arrow?.end?.shapeId);
    // The outline reads the arrow as from one note to the other.
    await anne.page
      .getByRole('complementary', { name: 'Disposisjon' })
      .getByText(/fra «(Flere fastleger i Ås|Bedre busstilbud)» til «/)
      .waitFor();
    await snap(anne, 'connected');

    // Focus is not trapped on the canvas: Tab and Shift+Tab both leave it.
    await tabTo(anne.page, anne.canvas, true);
    await anne.page.keyboard.press('Tab');
    expect(await hasFocus(anne.canvas)).toBe(false);
    await tabTo(anne.page, anne.canvas, true);
    await anne.page.keyboard.press('Shift+Tab');
    expect(await hasFocus(anne.canvas)).toBe(false);

    // The shortcuts dialog (?) lists Connect, closes with Escape and gives focus back.
    await tabTo(anne.page, anne.canvas, true);
    await anne.page.keyboard.press('?');
    const help = anne.page.getByRole('dialog', { name: 'Hurtigtaster' });
    await help.waitFor();
    await help.getByRole('row', { name: /Koble sammen/ }).waitFor();
    await snap(anne, 'shortcuts');
    await anne.page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    expect(await hasFocus(anne.canvas)).toBe(true);

    // The outline, opened from the canvas with Shift+O, closes with Escape from inside it and
    // gives focus back to the canvas.
    const outline = anne.page.getByRole('complementary', { name: 'Disposisjon' });
    if (await outline.isVisible()) {
      await tabTo(anne.page, outline.getByRole('button', { name: 'Lukk disposisjonen' }));
      await anne.page.keyboard.press('Enter');
      await outline.waitFor({ state: 'hidden' });
    }
    await tabTo(anne.page, anne.canvas, true);
    await anne.page.keyboard.press('Shift+O');
    await tabTo(anne.page, outline.locator('.outline-field').first());
    await anne.page.keyboard.press('Escape');
    await outline.waitFor({ state: 'hidden' });
    await expect.poll(() => hasFocus(anne.canvas)).toBe(true);

    // Bjørn writes a note on his board.
    await addNoteByOutline(bjorn, 'Nattbuss til sykehuset');

    // The market square: Bjørn stays home for group 2; the round has just over a minute.
    const phaseId = phase.phaseId as string;
    await api('POST', `/workshops/${wid}/market`, fac, {
      phaseId,
      hostIds: [bjornId],
      roundMs: 63_000,
    });
    await api('POST', `/workshops/${wid}/market/command`, fac, { action: 'start' });
    await anne.page.waitForURL(bjornHome);
    await anne.canvas.waitFor();
    const banner = anne.page.getByTestId('market-banner');
    // Said by the region beside the board (it stays from board to board), shown in the banner.
    const roundVoice = anne.page.getByTestId('market-round');
    await expect.poll(() => roundVoice.textContent()).toBe('Runde 1 av 2 — dere besøker Gruppe 2');
    await expect.poll(() => banner.textContent()).toContain('Runde 1 av 2 — dere besøker Gruppe 2');
    // The last minute of the round is announced.
    await expect
      .poll(() => banner.locator('[aria-live="assertive"]').textContent(), { timeout: 10_000 })
      .toBe('Ett minutt igjen av runden');
    await snap(anne, 'market-visit');

    // Anne picks Bjørn's note in the outline and suggests a change, by keyboard.
    await anne.waitForStatus('connected');
    await expect.poll(() => anne.contentTexts()).toEqual(['Nattbuss til sykehuset']);
    await selectByOutline(anne, 'Nattbuss til sykehuset');
    const commentButton = anne.page.getByRole('button', { name: 'Kommenter', exact: true });
    await tabTo(anne.page, commentButton);
    expect(await focusRingVisible(anne.page)).toBe(true);
    await anne.page.keyboard.press('Enter');
    const form = anne.page.getByTestId('comment-form');
    await form.waitFor();
    await form.getByText('«Nattbuss til sykehuset»').waitFor();
    // The form's text field has focus; Shift+Tab back to the kind, → to "Forslag".
    await tabTo(anne.page, form.getByRole('radio', { name: 'Kommentar' }), true);
    await anne.page.keyboard.press('ArrowRight');
    expect(await form.getByRole('radio', { name: 'Forslag' }).isChecked()).toBe(true);
    await tabTo(anne.page, form.getByLabel('Foreslått tekst på lappen'));
    await anne.page.keyboard.type('Nattbuss hver time');
    await tabTo(anne.page, form.getByLabel('Begrunnelse'));
    await anne.page.keyboard.type('Vaktene slutter sent');
    await snap(anne, 'suggestion-form');
    await anne.page.keyboard.press('Tab');
    expect(await hasFocus(form.getByRole('button', { name: 'Send' }))).toBe(true);
    await anne.page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    // The form gives focus back to the button that opened it.
    await expect.poll(() => hasFocus(commentButton)).toBe(true);

    // Bjørn hears it (a polite live region), opens the feedback and accepts, by keyboard.
    await expect
      .poll(() =>
        bjorn.page
          .locator('.board-extra [aria-live="polite"], [aria-live="polite"]')
          .allTextContents(),
      )
      .toContain('Ny tilbakemelding fra Anne: Vaktene slutter sent');
    const feedbackButton = bjorn.page.getByRole('button', { name: /^Tilbakemeldinger/ });
    await tabTo(bjorn.page, feedbackButton);
    await bjorn.page.keyboard.press('Enter');
    const panel = bjorn.page.getByRole('complementary', { name: 'Tilbakemeldinger fra torget' });
    await panel.getByText('Vaktene slutter sent').waitFor();
    await tabTo(bjorn.page, panel.getByRole('button', { name: /Godta forslag 1/ }));
    expect(await focusRingVisible(bjorn.page)).toBe(true);
    await snap(bjorn, 'feedback-panel');
    await bjorn.page.keyboard.press('Enter');
    await expect.poll(() => bjorn.contentTexts()).toContain('Nattbuss hver time\n— Gruppe 1');
    // The accepted suggestion has no "Godta" any more: focus stays in the panel.
    await expect.poll(() => panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    // The panel closes with Escape and gives focus back to its button.
    await bjorn.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => hasFocus(feedbackButton)).toBe(true);

    // Round 2 is announced; then the market ends and everyone is home.
    await api('POST', `/workshops/${wid}/market/command`, fac, { action: 'next' });
    await expect.poll(() => roundVoice.textContent()).toBe('Runde 2 av 2 — dere besøker Gruppe 3');
    await api('POST', `/workshops/${wid}/market/command`, fac, { action: 'end' });
    await anne.page.waitForURL(anneHome);
    await anne.canvas.waitFor();
    await anne.waitForStatus('connected');

    // Dot voting: Alt+P on the selected note.
    const boardId = anneHome.split('/b/')[1] ?? '';
    await api('POST', `/workshops/${wid}/vote`, fac, { boardIds: [boardId], dots: 2 });
    const left = anne.page.getByTestId('vote-left');
    await expect.poll(() => left.textContent()).toBe('Du har 2 av 2 prikker igjen');
    await selectByOutline(anne, 'Bedre busstilbud');
    await tabTo(anne.page, anne.canvas, true);
    await anne.page.keyboard.press('Alt+P');
    await expect.poll(() => left.textContent()).toBe('Du har 1 av 2 prikker igjen');
    await snap(anne, 'voted');

    // Export: the board's menu opens with Enter, closes with Escape (focus back), downloads.
    const menu = anne.page.getByLabel(/Eksporter tavlen/);
    await tabTo(anne.page, menu);
    expect(await focusRingVisible(anne.page)).toBe(true);
    await anne.page.keyboard.press('Enter');
    const png = anne.page.getByRole('button', { name: 'PNG', exact: true });
    await png.waitFor();
    await anne.page.keyboard.press('Escape');
    await png.waitFor({ state: 'hidden' });
    expect(await hasFocus(menu)).toBe(true);
    await anne.page.keyboard.press('Enter');
    await tabTo(anne.page, png);
    await snap(anne, 'export-menu');
    const [file] = await Promise.all([
      anne.page.waitForEvent('download'),
      anne.page.keyboard.press('Enter'),
    ]);
    const target = outputFile('keyboard-board.png');
    await (file as Download).saveAs(target);
    expect(fs.readFileSync(target).subarray(1, 4).toString()).toBe('PNG');
    // The menu closes once the file is made, and focus is back on its button (issue 17).
    await png.waitFor({ state: 'hidden' });
    await expect.poll(() => hasFocus(menu)).toBe(true);
    expect(await focusRingVisible(anne.page)).toBe(true);
  }, 180_000);
});
