import {
  BASELINE_SHIFT,
  type BoxOf,
  FONT_FAMILY,
  FRAME_STYLE,
  GEO_STYLE,
  type LaidOutText,
  layOutText,
  measureText,
  type Shape,
  STICKY_STYLE,
  SvgWriter,
  TEXT_SIZES,
  type TextBlock,
  utilOf,
} from '@torg/shared';

/**
 * On-screen text smaller than this many px is left out when the board is drawn zoomed far
 * out: nobody could read it, and leaving it out keeps a huge board cheap to draw.
 */
export const LEGIBLE_PX = 5;

export interface Label extends LaidOutText {
  /** Each line's width (px): the bars drawn zoomed far out, measured once, not every draw. */
  widths: number[];
  fontSize: number;
  bold: boolean;
  color: string;
  center: boolean;
}

/**
 * The largest font an object's words can have (notes shrink theirs to fit): when even that
 * is too small on screen, the object's words are not laid out at all.
 */
function largestFont(s: Shape): number {
  switch (s.type) {
    case 'sticky':
      return STICKY_STYLE.font[s.size];
    case 'text':
      return TEXT_SIZES[s.size];
    case 'geo':
      return GEO_STYLE.fontSize;
    case 'frame':
      return FRAME_STYLE.title.fontSize;
    default:
      // Connector labels follow their ends and images have no words: boxes only.
      return 0;
  }
}

/** Collects the text an object's own SVG drawing writes (the exports' layout), nothing else. */
class LabelCollector extends SvgWriter {
  readonly labels: Label[] = [];
  constructor() {
    super(1, 0);
  }
  override push(): void {}
  override text(b: TextBlock): void {
    if (!b.text.trim()) return;
    const laidOut = layOutText(b);
    this.labels.push({
      ...laidOut,
      widths: laidOut.lines.map((line) => measureText(line, b.fontSize, b.bold)),
      fontSize: b.fontSize,
      bold: !!b.bold,
      color: b.color,
      center: b.align === 'center',
    });
  }
}

/** An object's words as its SVG drawing lays them out (`labelsOf`), in board coordinates. */
export function drawLabel(c: CanvasRenderingContext2D, label: Label): void {
  c.textBaseline = 'alphabetic';
  c.font = `${label.bold ? 'bold ' : ''}${label.fontSize}px ${FONT_FAMILY}`;
  c.fillStyle = label.color;
  c.textAlign = label.center ? 'center' : 'left';
  label.lines.forEach((line, i) => {
    const baseline = label.top + label.lh * i + label.lh / 2 + label.fontSize * BASELINE_SHIFT;
    if (line.trim()) c.fillText(line, label.x, baseline);
  });
}

/**
 * Words too small to read (under LEGIBLE_PX on screen), drawn as faint bars where their lines
 * are, as whiteboards do zoomed far out: a note with words does not look empty, and a bar is
 * far cheaper to draw than its glyphs.
 */
export function drawLineBars(c: CanvasRenderingContext2D, label: Label): void {
  c.save();
  c.globalAlpha = 0.3;
  c.fillStyle = label.color;
  label.lines.forEach((line, i) => {
    const w = label.widths[i] ?? 0;
    if (!line.trim() || w === 0) return;
    const x = label.center ? label.x - w / 2 : label.x;
    c.fillRect(x, label.top + label.lh * (i + 0.25), w, label.lh * 0.5);
  });
  c.restore();
}

/** Laid out once per version of an object (records are replaced, never changed, on edits). */
const laidOut = new WeakMap<Shape, Label[]>();

/** For an object whose words depend on no other (a note, a frame's title). */
const noBoxes: BoxOf = () => null;

/** Whether a text block can be read at this zoom (LEGIBLE_PX or more on screen). */
export function isLegible(label: Label, scale: number): boolean {
  return label.fontSize * scale >= LEGIBLE_PX;
}

export function labelsOf(s: Shape, boxOf: BoxOf = noBoxes): Label[] {
  let labels = laidOut.get(s);
  if (!labels) {
    const out = new LabelCollector();
    utilOf(s).toSvg(out, s, { boxOf });
    labels = out.labels;
    laidOut.set(s, labels);
  }
  return labels;
}

/**
 * Draws the words of every object whose text would be legible at `scale` (font size × zoom
 * ≥ LEGIBLE_PX) in board coordinates; returns how many text blocks it drew.
 */
export function drawLegibleText(
  c: CanvasRenderingContext2D,
  shapes: readonly Shape[],
  scale: number,
  boxOf: BoxOf,
): number {
  let drawn = 0;
  for (const s of shapes) {
    if (largestFont(s) * scale < LEGIBLE_PX) continue;
    for (const label of labelsOf(s, boxOf)) {
      if (!isLegible(label, scale)) continue;
      drawLabel(c, label);
      drawn++;
    }
  }
  return drawn;
}
