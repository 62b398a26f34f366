import { describe, expect, it } from 'vitest';
import { pictureAreas } from '../src/export/report-pdf.js';
import { boardPictures, MAX_SECTION_PAGES } from '../src/export/report-pictures.js';
import type { BoardData, ExportSource } from '../src/export/source.js';
import { sticky } from './helpers.js';

const frame = (id: string, x: number, y: number, w: number, h: number) =>
  ({
    id,
    type: 'frame',
    v: 1,
    z: 'a0',
    locked: false,
    x,
    y,
    w,
    h,
    name: id,
    color: 'grey',
  }) as const;

/** A board of these objects, nothing else (no images: the source is never asked). */
const board = (shapes: unknown[]) =>
  ({
    board: { id: 'hostile', name: 'Fiendtlig' },
    shapes,
    comments: [],
    reactions: [],
    dots: [],
    attribution: new Map(),
  }) as unknown as BoardData;
const source = {} as ExportSource;

describe("a board's section pages, against a hostile board", () => {
  it('two notes at the far corners of a huge frame: one page, not hundreds of thousands', async () => {
    const pics = await boardPictures(
      board([
        frame('big', 0, 0, 1_000_000, 1_000_000),
        { ...sticky('n1', 'nord'), x: 10, y: 10, z: 'a1' },
        { ...sticky('n2', 'sør'), x: 999_000, y: 999_000, z: 'a2' },
      ]),
      source,
      pictureAreas('a4'),
      'Øvrig',
    );
    expect(pics.parts).toHaveLength(1);
  });

  it('thousands of frames with a note each: the pages stop at the cap', async () => {
    const shapes: unknown[] = [];
    for (let i = 0; i < 2000; i++) {
      shapes.push(frame(`f${i}`, i * 300, 0, 280, 280));
      shapes.push({ ...sticky(`s${i}`, `lapp ${i}`), x: i * 300 + 40, y: 40, z: 'a1' });
    }
    const pics = await boardPictures(board(shapes), source, pictureAreas('a4'), 'Øvrig');
    expect(pics.parts.length).toBe(MAX_SECTION_PAGES);
  });
});

describe("a board's section pages", () => {
  it('notes outside every frame get a last section of their own, "Øvrig"', async () => {
    // Two frames far apart, and notes beside them: the whole board prints far below 8 pt.
    const shapes: unknown[] = [
      frame('Trender', 0, 0, 1200, 800),
      { ...sticky('t1', 'trend'), x: 40, y: 40, z: 'a1' },
      frame('Mål', 8000, 0, 1200, 800),
      { ...sticky('m1', 'mål'), x: 8040, y: 40, z: 'a1' },
      { ...sticky('o1', 'løs lapp'), x: 4000, y: 3000, z: 'a1' },
    ];
    const pics = await boardPictures(board(shapes), source, pictureAreas('a4'), 'Øvrig');
    expect(pics.parts.map((p) => p.title)).toEqual(['Trender', 'Mål', 'Øvrig']);
    expect(pics.parts[0]?.svg).toContain('>trend<');
    expect(pics.parts[2]?.svg).toContain('>løs lapp<');
    expect(pics.parts[2]?.svg).not.toContain('>trend<');
  });

  it("shows its section alone: a neighbour's notes in the room around are left out", async () => {
    // Two frames side by side, a note each; a note far away makes the whole board small.
    const shapes: unknown[] = [
      frame('Venstre', 0, 0, 400, 400),
      { ...sticky('v1', 'venstre lapp'), x: 40, y: 40, z: 'a1' },
      frame('Høyre', 420, 0, 400, 400),
      { ...sticky('h1', 'høyre lapp'), x: 460, y: 40, z: 'a1' },
      { ...sticky('o1', 'langt unna'), x: 8000, y: 3000, z: 'a1' },
    ];
    const pics = await boardPictures(board(shapes), source, pictureAreas('a4'), 'Øvrig');
    expect(pics.parts.map((p) => p.title)).toEqual(['Venstre', 'Høyre', 'Øvrig']);
    const [left, right, other] = pics.parts.map((p) => p.svg);
    expect(left).toContain('>venstre lapp<');
    expect(left).not.toContain('høyre lapp');
    expect(right).toContain('>høyre lapp<');
    expect(right).not.toContain('venstre lapp');
    // Outside every frame: the loose note, not the frames.
    expect(other).toContain('>langt unna<');
    expect(other).not.toContain('lapp');
  });
});
