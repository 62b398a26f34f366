import Konva from 'konva';

export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif';

// One offscreen node for measuring; never added to a stage.
let probe: Konva.Text | null = null;
function measure(): Konva.Text {
  probe ??= new Konva.Text({ fontFamily: FONT_FAMILY, wrap: 'word', lineHeight: 1.25 });
  return probe;
}

const fitCache = new Map<string, number>();

/**
 * The largest font size (≤ max, ≥ min) at which the text fits the box when wrapped — how
 * stickies shrink long text instead of cutting it off.
 */
export function fitFontSize(
  text: string,
  width: number,
  height: number,
  max: number,
  min = 8,
): number {
  if (!text) return max;
  const key = `${width}x${height}:${max}:${text}`;
  const cached = fitCache.get(key);
  if (cached !== undefined) return cached;
  const node = measure();
  let size = max;
  for (; size > min; size = Math.max(min, Math.floor(size * 0.9))) {
    node.setAttrs({ text, width, fontSize: size, fontStyle: 'normal' });
    if (node.height() <= height && !overflowsWord(node, text, width)) break;
  }
  if (fitCache.size > 5_000) fitCache.clear();
  fitCache.set(key, size);
  return size;
}

function overflowsWord(node: Konva.Text, text: string, width: number): boolean {
  // A single word wider than the box would be broken mid-word: shrink instead.
  const longest = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.length > 0 && node.measureSize(longest).width > width;
}

/** Height of wrapped text in a box of this width (text objects grow downwards). */
export function textHeight(text: string, width: number, fontSize: number, bold: boolean): number {
  const node = measure();
  node.setAttrs({ text: text || ' ', width, fontSize, fontStyle: bold ? 'bold' : 'normal' });
  return Math.ceil(node.height());
}
