import { newId } from '@torg/shared';
import { describe, expect, inject, it } from 'vitest';
import type { BoardPage } from '../pages/BoardPage.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** Two people with the given names on one new board, both connected. */
async function twoOnOneBoard(a: string, b: string): Promise<[BoardPage, BoardPage]> {
  const boardId = newId();
  return [await crowd().onBoard(a, boardId), await crowd().onBoard(b, boardId)];
}

describe('two people on one board', () => {
  it('one adds and edits a sticky, the other sees it within a second; both reload and still see it', async () => {
    const [anne, bjorn] = await twoOnOneBoard('Anne Hansen', 'Bjørn Ødegård');

    // Presence: each sees the other by name.
    await expect.poll(() => anne.peerNames()).toEqual(['Bjørn Ødegård']);
    await expect.poll(() => bjorn.peerNames()).toEqual(['Anne Hansen']);

    await anne.addSticky(300, 250, 'Befolkningsvekst');
    await expect.poll(() => bjorn.contentTexts(), { timeout: 1000 }).toEqual(['Befolkningsvekst']);

    // Edit the same note: double-click it, add text with æøå.
    await anne.doubleClickCanvas(300, 250);
    await anne.editor.waitFor();
    await anne.editor.press('End');
    await anne.editor.pressSequentially(' – flere eldre på Ås, Æøå');
    await expect
      .poll(() => bjorn.contentTexts(), { timeout: 1000 })
      .toEqual(['Befolkningsvekst – flere eldre på Ås, Æøå']);
    await anne.editor.press('Escape');

    // Bjørn adds one too; Anne sees it.
    await bjorn.addSticky(700, 400, 'Digitalisering');
    await expect
      .poll(async () => (await anne.contentTexts()).sort(), { timeout: 1000 })
      .toEqual(['Befolkningsvekst – flere eldre på Ås, Æøå', 'Digitalisering']);

    // Bjørn's pointer shows on Anne's screen: move it and take the picture.
    const box = await bjorn.canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await bjorn.page.mouse.move(box.x + 560, box.y + 330);
    await bjorn.page.mouse.move(box.x + 580, box.y + 340);
    await anne.waitForPointerOf('Bjørn Ødegård');
    await anne.page.screenshot({ path: outputFile('two-people-one-board.png') });

    await Promise.all([anne.page.reload(), bjorn.page.reload()]);
    for (const p of [anne, bjorn]) {
      await p.canvas.waitFor();
      await expect
        .poll(async () => (await p.contentTexts()).sort())
        .toEqual(['Befolkningsvekst – flere eldre på Ås, Æøå', 'Digitalisering']);
    }
  });

  it('moving a sticky by drag moves it for the other person', async () => {
    const [anne, bjorn] = await twoOnOneBoard('Anne', 'Bjørn');
    await anne.addSticky(200, 200, 'Flytt meg');
    await expect.poll(() => bjorn.contentTexts()).toEqual(['Flytt meg']);

    const box = await anne.canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await anne.page.mouse.move(box.x + 200, box.y + 200);
    await anne.page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await anne.page.mouse.move(box.x + 200 + i * 40, box.y + 200 + i * 20);
    await anne.page.mouse.up();

    // On Bjørn's screen the note is now under (600, 400), not under (200, 200):
    // double-clicking there opens it for editing.
    await expect
      .poll(async () => {
        await bjorn.doubleClickCanvas(600, 400);
        const open = await bjorn.editor.isVisible();
        if (open) await bjorn.editor.press('Escape');
        return open;
      })
      .toBe(true);
    expect(await bjorn.contentTexts()).toEqual(['Flytt meg']);
  });

  it('text typed through an input method (IME composition) arrives whole', async () => {
    const [anne, bjorn] = await twoOnOneBoard('Anne', 'Bjørn');
    await anne.doubleClickCanvas(300, 300);
    await anne.editor.waitFor();
    const cdp = await anne.page.context().newCDPSession(anne.page);
    await cdp.send('Input.imeSetComposition', { text: 'ø', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'øy', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: 'øya' });
    await anne.editor.pressSequentially(' – 日本');
    await anne.editor.press('Escape');
    await expect.poll(() => bjorn.contentTexts(), { timeout: 1000 }).toEqual(['øya – 日本']);
  });
});
