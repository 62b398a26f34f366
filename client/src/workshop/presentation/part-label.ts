import { framesInReadingOrder, type Shape, shapeText } from '@torg/shared';
import type { useT } from '../../i18n/LocaleProvider.js';

/**
 * The part of a presented board shown now, as the banner and the room screen say it ("Del 2
 * av 5: 2025"), or "Hele tavla"; with the board's sections in reading order (its frames).
 */
export function partLabel(
  t: ReturnType<typeof useT>,
  shapes: readonly Shape[],
  frameId: string | null,
): { label: string; sections: string[] } {
  const frames = framesInReadingOrder(shapes);
  const at = frameId ? frames.findIndex((f) => f.id === frameId) : -1;
  const frame = frames[at];
  const label = frame
    ? t('present.section', {
        n: at + 1,
        count: frames.length,
        title: shapeText(frame) || t('present.untitled', { n: at + 1 }),
      })
    : t('present.whole');
  return { label, sections: frames.map((f) => f.id) };
}
