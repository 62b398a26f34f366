import { newId } from '../ids.js';
import { type Locale, type MessageKey, translate } from '../locale/index.js';
import type { InkColor, StickyColor } from '../palette.js';
import type { Shape } from '../schema.js';
import { frameDefaults } from '../shapes/frame.js';
import { stickyDefaults } from '../shapes/sticky.js';
import { type TextSize, textDefaults } from '../shapes/text.js';
import { zAbove } from '../z-order.js';

/** Frames and texts of a template are its scaffolding: locked, and not content. */
const FURNITURE = { locked: true, furniture: true } as const;

/**
 * Builds a template's objects in drawing order: frames first (they lie under what is put on
 * them), then texts and notes. Frames and texts are furniture (see `baseShapeSchema`); the
 * notes are suggestions people move and rewrite, so they are content. Coordinates are board px; one builder per instantiation.
 */
export class TemplateBuilder {
  private readonly frames: Shape[] = [];
  private readonly others: Shape[] = [];

  constructor(readonly locale: Locale) {}

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return translate(this.locale, key, params);
  }

  frame(opts: {
    x: number;
    y: number;
    w: number;
    h: number;
    name: string;
    section: string;
    color?: 'none' | 'white' | 'yellow' | 'blue' | 'green' | 'pink' | 'grey';
  }): void {
    this.frames.push({
      ...frameDefaults(),
      id: newId(),
      z: 'a0',
      x: opts.x,
      y: opts.y,
      w: opts.w,
      h: opts.h,
      name: opts.name,
      section: opts.section,
      color: opts.color ?? 'grey',
      ...FURNITURE,
    });
  }

  text(opts: {
    x: number;
    y: number;
    w: number;
    text: string;
    size?: TextSize;
    bold?: boolean;
    guide?: boolean;
    color?: InkColor;
  }): void {
    const size = opts.size ?? 'm';
    this.others.push({
      ...textDefaults(),
      id: newId(),
      z: 'a0',
      x: opts.x,
      y: opts.y,
      w: opts.w,
      h: size === 'xl' ? 72 : size === 'l' ? 48 : 34,
      text: opts.text,
      size,
      bold: opts.bold ?? false,
      color: opts.color ?? (opts.guide ? 'grey' : 'black'),
      ...(opts.guide ? { guide: true } : {}),
      ...FURNITURE,
    });
  }

  sticky(opts: {
    x: number;
    y: number;
    text: string;
    color?: StickyColor;
    size?: 's' | 'm' | 'l';
  }): void {
    const d = stickyDefaults();
    const size = opts.size ?? 'm';
    const side = size === 's' ? 150 : size === 'l' ? 280 : 200;
    this.others.push({
      ...d,
      id: newId(),
      z: 'a0',
      x: opts.x,
      y: opts.y,
      w: side,
      h: side,
      size,
      text: opts.text,
      color: opts.color ?? 'yellow',
      // An example for the group, not their words (see `baseShapeSchema`).
      prefilled: true,
    });
  }

  /** The objects with z-indexes in build order (frames under everything else). */
  build(): Shape[] {
    let z: string | null = null;
    return [...this.frames, ...this.others].map((s) => {
      z = zAbove(z ? [z] : []);
      return { ...s, z };
    });
  }
}

/**
 * A grid of rows (each a sectioned frame) under column headings — the shape of the future
 * journey, the user journey and goals-and-measures boards.
 */
export function rowGrid(
  b: TemplateBuilder,
  opts: {
    x: number;
    y: number;
    columns: string[];
    rows: {
      key: string;
      title: string;
      color?: 'none' | 'white' | 'yellow' | 'blue' | 'green' | 'pink' | 'grey';
    }[];
    colW: number;
    rowH: number;
    gap?: number;
  },
): { right: number; bottom: number; columnX: (i: number) => number; rowY: (i: number) => number } {
  const gap = opts.gap ?? 56;
  const width = opts.columns.length * opts.colW;
  opts.columns.forEach((title, i) => {
    b.text({
      x: opts.x + i * opts.colW + 16,
      y: opts.y,
      w: opts.colW - 32,
      text: title,
      size: 'l',
      bold: true,
    });
  });
  const top = opts.y + 90;
  opts.rows.forEach((row, i) => {
    b.frame({
      x: opts.x,
      y: top + i * (opts.rowH + gap),
      w: width,
      h: opts.rowH,
      name: row.title,
      section: row.key,
      color: row.color,
    });
  });
  return {
    right: opts.x + width,
    bottom: top + opts.rows.length * (opts.rowH + gap) - gap,
    columnX: (i) => opts.x + i * opts.colW,
    rowY: (i) => top + i * (opts.rowH + gap),
  };
}
