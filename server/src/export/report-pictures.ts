import {
  boardContentBounds,
  frameMembership,
  framesInReadingOrder,
  isFurniture,
  type Rect,
  type Shape,
  stickyFontSize,
  unionRects,
} from '@torg/shared';
import { boardImages, boardSvg } from './board.js';
import type { BoardData, ExportSource } from './source.js';

/**
 * A board's pictures for a printed report: the whole board and, when its notes' words would
 * print smaller than MIN_PRINT_PT on the page, its sections (frames) on pages of their own at
 * a size where they do not, cut into parts where one page is not enough. A4 or A3 alike: the
 * page's drawing area decides.
 */

/** The smallest a note's words may print (points): readable on paper. */
export const MIN_PRINT_PT = 8;
/**
 * At most this many section pages per board, and per section: a board of thousands of frames,
 * or two notes at the far corners of a huge frame, would otherwise ask for thousands of pages
 * (one export would hold a render thread for hours). Beyond it a section is printed whole,
 * smaller; its words are in the report's lists anyway.
 */
export const MAX_SECTION_PAGES = 24;
/** At most this many times MIN_PRINT_PT: a section of a few notes is not blown up. */
const LARGEST = 1.75;
/** Board px around a section's notes in its picture. */
const MARGIN = 40;

export interface PicturePart {
  /** The section's title, with "1/2" when it is cut into parts. */
  title: string;
  svg: string;
  /** Printed on a landscape page (else portrait). */
  landscape: boolean;
}

export interface BoardPictures {
  whole: string;
  parts: PicturePart[];
}

/** Where a picture goes on a page (points), on a landscape and on a portrait page. */
export interface PageAreas {
  landscape: { w: number; h: number };
  portrait: { w: number; h: number };
}

/** Points per board px when `area` (board px) is fitted in `box` (points). */
const fit = (area: { w: number; h: number }, box: { w: number; h: number }) =>
  Math.min(box.w / area.w, box.h / area.h);

/** The smallest font (board px) of the notes with words among `shapes`, or null. */
function smallestNoteFont(shapes: readonly Shape[]): number | null {
  let smallest: number | null = null;
  for (const s of shapes)
    if (s.type === 'sticky' && s.text.trim()) {
      const f = stickyFontSize(s);
      smallest = smallest === null ? f : Math.min(smallest, f);
    }
  return smallest;
}

/**
 * The whole board goes on a landscape page; its sections on whichever page suits them. Notes
 * outside every frame make a last section of their own, titled `otherTitle` ("Øvrig").
 */
export async function boardPictures(
  data: BoardData,
  source: ExportSource,
  pages: PageAreas,
  otherTitle: string,
): Promise<BoardPictures> {
  // Its images read once for the whole board and every section's page.
  const images = await boardImages(data, source);
  const whole = await boardSvg(data, source, { title: data.board.name, images });
  const { shapes } = data;
  const bounds = boardContentBounds(shapes);
  const smallest = smallestNoteFont(shapes);
  if (!bounds || smallest === null) return { whole, parts: [] };
  if (smallest * fit(bounds, pages.landscape) >= MIN_PRINT_PT) return { whole, parts: [] };

  // The frames in reading order (rows top to bottom, then left to right), then what lies
  // outside every frame. Each section's page shows that section alone: its frame and what is
  // in it (frames within too), or the objects outside every frame but the template's.
  const parent = frameMembership(shapes);
  const within = (frameId: string) => (s: Shape) => {
    for (let at: string | null | undefined = s.id; at; at = parent.get(at))
      if (at === frameId) return true;
    return false;
  };
  const outside = (s: Shape) =>
    !parent.get(s.id) && s.type !== 'frame' && !isFurniture(s) && !(s.type === 'text' && s.guide);
  const sections = framesInReadingOrder(shapes).map((frame) => ({
    name: frame.name,
    id: frame.id as string | null,
    only: within(frame.id),
  }));
  sections.push({ name: otherTitle, id: null, only: outside });

  const parts: PicturePart[] = [];
  for (const { name, id, only } of sections) {
    // Its own notes decide where the page looks (a frame within has a page of its own).
    const notes = shapes.filter(
      (s): s is Extract<Shape, { type: 'sticky' }> =>
        s.type === 'sticky' && (parent.get(s.id) ?? null) === id,
    );
    if (notes.length === 0) continue;
    const font = smallestNoteFont(notes) ?? smallest;
    // The notes, not the frame's empty room: as large on the page as they can be.
    const around = unionRects(notes);
    if (!around) continue;
    const area = {
      x: around.x - MARGIN,
      y: around.y - MARGIN,
      w: around.w + MARGIN * 2,
      h: around.h + MARGIN * 2,
    };
    const cut = pieces(area, MIN_PRINT_PT / font, pages);
    const { views, landscape } =
      cut.views.length > MAX_SECTION_PAGES ? { views: [area], landscape: area.w >= area.h } : cut;
    if (parts.length + views.length > MAX_SECTION_PAGES) break;
    for (const [i, view] of views.entries()) {
      const title = views.length > 1 ? `${name} (${i + 1}/${views.length})` : name;
      parts.push({
        title,
        landscape,
        svg: await boardSvg(data, source, { title, view, only, images }),
      });
    }
  }
  return { whole, parts };
}

/**
 * `area` cut into as few pieces as print at `scale` points per board px or more, on landscape
 * or portrait pages (whichever needs fewer; then whichever prints larger), in reading order.
 */
function pieces(
  area: Rect,
  scale: number,
  pages: PageAreas,
): { views: Rect[]; landscape: boolean } {
  const grid = (box: { w: number; h: number }) => {
    const cols = Math.max(1, Math.ceil(area.w / (box.w / scale) - 1e-9));
    const rows = Math.max(1, Math.ceil(area.h / (box.h / scale) - 1e-9));
    const piece = { w: area.w / cols, h: area.h / rows };
    return { cols, rows, count: cols * rows, printed: fit(piece, box) };
  };
  const wide = grid(pages.landscape);
  const tall = grid(pages.portrait);
  const landscape =
    wide.count < tall.count || (wide.count === tall.count && wide.printed >= tall.printed);
  const { cols, rows, printed } = landscape ? wide : tall;
  if (cols * rows === 1 && printed > scale * LARGEST) {
    // A few notes: shown with the room around them, not blown up to fill the page.
    const box = landscape ? pages.landscape : pages.portrait;
    const w = box.w / (scale * LARGEST);
    const h = box.h / (scale * LARGEST);
    const at = { x: area.x + area.w / 2, y: area.y + area.h / 2 };
    return { views: [{ x: at.x - w / 2, y: at.y - h / 2, w, h }], landscape };
  }
  const w = area.w / cols;
  const h = area.h / rows;
  const views: Rect[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) views.push({ x: area.x + c * w, y: area.y + r * h, w, h });
  return { views, landscape };
}
