import { isFurniture, type Shape, shapeText } from '@torg/shared';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import type { AuthorOf } from './AuthorLabel.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { describeShape, nameOf, typeLabelKey } from './views/index.js';

/**
 * Tells screen readers what is selected when the selection changes (stepping through the
 * board with "." and ",", choosing in the outline, clicking): "Valgt: Lapp «Flere fastleger»",
 * or how many objects are selected, and who made it when that is known ("…, laget av Anne ·
 * Gruppe 2"). Polite, and only for this person's own selection.
 */
export function SelectionAnnouncer({ api, authorOf }: { api: Editor; authorOf?: AuthorOf }) {
  const t = useT();
  const selection = useEditorState(api, (s) => s.selection);
  const key = selection.join(',');
  const [text, setText] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: announce when the selection (key) changes, not on every edit of the selected objects
  useEffect(() => {
    const shapes = selection.map((id) => api.store.get(id)).filter((s): s is Shape => !!s);
    if (shapes.length === 0) setText('');
    else if (shapes.length > 1) setText(t('board.selectedMany', { count: shapes.length }));
    else {
      const shape = shapes[0] as Shape;
      const kind = t(typeLabelKey(shape.type));
      const describe = describeShape(shape, { t, nameOf: (id) => nameOf(api, id) });
      const words = shapeText(shape).trim();
      const name = describe
        ? `${kind} ${describe}`
        : words
          ? t('board.objectNamed', { kind, text: words.slice(0, 80) })
          : kind;
      const author = isFurniture(shape) ? null : (authorOf?.(shape.id) ?? null);
      setText(author ? t('board.selectedBy', { name, author }) : t('board.selected', { name }));
    }
  }, [key, t, authorOf]);
  return (
    <span
      className="visually-hidden"
      role="status"
      aria-live="polite"
      data-testid="selection-status"
    >
      {text}
    </span>
  );
}
