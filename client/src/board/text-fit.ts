import Konva from 'konva';
import { useSyncExternalStore } from 'react';

/** Inter first (bundled, see styles.css): the same font the exports draw with. */
export { FONT_FAMILY } from '@torg/shared';

const fontListeners = new Set<() => void>();
let fontVersion = 0;

/**
 * Once Inter has loaded, text laid out with the fallback font is laid out again: every Konva
 * text node re-measures, and `useFontVersion` users re-render. (Font sizes and heights come
 * from Inter's metrics in shared, so they do not depend on the font having loaded.) Inter
 * comes in two faces per weight (src/fonts/inter.css, made by build/fonts.ts): the latin ones
 * load at once, the Latin Extended ones only when a text needs them (a Sámi name), so every
 * face that finishes later lays the text out again too.
 */
function whenInterLoads(): void {
  document.fonts.addEventListener('loadingdone', (e) => {
    if (e.fontfaces.some((f) => f.family.replace(/["']/g, '') === 'Inter')) layOutAgain();
  });
  void Promise.all([
    document.fonts.load('16px Inter'),
    document.fonts.load('bold 16px Inter'),
  ]).then(
    (faces) => {
      if (faces.every((f) => f.length === 0)) return;
      layOutAgain();
    },
    () => {},
  );
}

function layOutAgain(): void {
  for (const stage of Konva.stages) {
    for (const node of stage.find('Text')) {
      (node as unknown as { _setTextData(): void })._setTextData();
    }
    stage.batchDraw();
  }
  fontVersion++;
  for (const l of fontListeners) l();
}

let interRequested = false;

/**
 * Declares Inter's faces (their stylesheet, a chunk of its own) and lays the board's text out
 * again once they arrive. The board calls this after its content is drawn: on a phone on the
 * venue's wifi the fonts (40 kB) would otherwise share the network with the board's code and
 * content, and the board is usable in the fallback font meanwhile (issue 18). The page's own
 * text is in the system font and never waits for Inter.
 */
export function loadInter(): void {
  if (interRequested || typeof document === 'undefined' || !document.fonts) return;
  interRequested = true;
  import('../fonts/inter.css').then(whenInterLoads, () => {
    interRequested = false;
  });
}

/** Changes when a face of the bundled Inter font has loaded (for memoised text measurements). */
export function useFontVersion(): number {
  return useSyncExternalStore(
    (l) => {
      fontListeners.add(l);
      return () => fontListeners.delete(l);
    },
    () => fontVersion,
  );
}
