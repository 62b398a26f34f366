import Konva from 'konva';
import { useSyncExternalStore } from 'react';

/** Inter first (bundled, see styles.css): the same font the exports draw with. */
export const FONT_FAMILY =
  'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif';

const fitCache = new Map<string, number>();
const fontListeners = new Set<() => void>();
let fontVersion = 0;

/**
 * Once Inter has loaded, text laid out with the fallback font is laid out again: cached
 * sizes are dropped, every Konva text node re-measures, and `useFontVersion` users re-render.
 */
function whenInterLoads(): void {
  if (typeof document === 'undefined' || !document.fonts) return;
  void Promise.all([
    document.fonts.load('16px Inter'),
    document.fonts.load('bold 16px Inter'),
  ]).then(
    (faces) => {
      if (faces.every((f) => f.length === 0)) return;
      fitCache.clear();
      for (const stage of Konva.stages) {
        for (const node of stage.find('Text')) {
          (node as unknown as { _setTextData(): void })._setTextData();
        }
        stage.batchDraw();
      }
      fontVersion++;
      for (const l of fontListeners) l();
    },
    () => {},
  );
}
whenInterLoads();

/** Changes once, when the bundled Inter font has loaded (for memoised text measurements). */
export function useFontVersion(): number {
  return useSyncExternalStore(
    (l) => {
      fontListeners.add(l);
      return () => fontListeners.delete(l);
    },
    () => fontVersion,
  );
}

// One offscreen node for measuring; never added to a stage.
let probe: Konva.Text | null = null;
function measure(): Konva.Text {
  probe ??= new Konva.Text({ fontFamily: FONT_FAMILY, wrap: 'word', lineHeight: 1.25 });
  return probe;
}

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
