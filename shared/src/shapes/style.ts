/**
 * How board objects are drawn: sizes, strokes and fonts in board px. One place, read by both
 * the Konva views on the canvas and the SVG output of the exports, so the two look alike.
 */

/** Inter first (bundled with the client, measured in `render/metrics.ts`). */
export const FONT_FAMILY =
  "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', sans-serif";
/** Line height as a share of the font size, for wrapped text. */
export const LINE_HEIGHT = 1.25;
/** Lines beyond this are never laid out (keeps pathological texts cheap). */
export const MAX_LINES = 200;

export const STICKY_STYLE = {
  padding: 14,
  font: { s: 18, m: 22, l: 28 },
  cornerRadius: 4,
  shadow: { dx: 2, dy: 3, color: '#000', opacity: 0.12 },
  /** The edge's width (its colour is `STICKY_EDGE`). */
  edgeWidth: 1.5,
} as const;

export const GEO_STYLE = {
  fontSize: 20,
  strokeWidth: 2,
  cornerRadius: 4,
  /** Rectangles pad their text by this; ellipses and diamonds by a share of the short side. */
  rectPadding: 10,
  roundPadding: 0.18,
} as const;

export const FRAME_STYLE = {
  title: { fontSize: 20, height: 32 },
  stroke: '#8a93a0',
  strokeWidth: 1.5,
  cornerRadius: 6,
} as const;

export const CONNECTOR_STYLE = {
  fontSize: 16,
  strokeWidth: 2.5,
  arrowSize: 12,
  labelPadding: 5,
  labelCornerRadius: 4,
  labelFill: '#fff',
  /** How far outside its path a connector (with arrowheads) may draw. */
  reach: 8,
} as const;

export const DRAWING_STYLE = {
  /** Konva's `tension`: how much a pen stroke is smoothed. */
  tension: 0.4,
  /** How far outside its box a stroke may draw (half the widest pen). */
  reach: 4,
} as const;

export const IMAGE_STYLE = {
  placeholderFill: '#eef1f5',
  placeholderStroke: '#c4c9d1',
  placeholderDash: [8, 6],
} as const;

/** Flat colours for the far-zoomed-out board (and the minimap), per type. */
/** The minimap's colours: notes keep theirs, frames are light, everything else is grey. */
export const MINIMAP_FILL = { frame: '#e4e6ea', other: '#9aa3af' } as const;

export const LOW_DETAIL_FILL = {
  frame: '#f0f1f3',
  image: '#c4c9d1',
  ink: '#8a93a0',
  geo: '#e3f0ff',
} as const;

/** The geo label's inset inside its box. */
export function geoPadding(
  kind: 'rectangle' | 'ellipse' | 'diamond',
  w: number,
  h: number,
): number {
  return kind === 'rectangle' ? GEO_STYLE.rectPadding : Math.min(w, h) * GEO_STYLE.roundPadding;
}
