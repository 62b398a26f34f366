import type * as Y from 'yjs';
import { useT } from '../i18n/LocaleProvider.js';
import { useAllShapes } from './useShapes.js';

/**
 * The board's content as text for screen readers (visually hidden; the full outline view
 * with editing builds on it). It is also what the e2e tests read.
 */
export function BoardContentList({ doc }: { doc: Y.Doc }) {
  const t = useT();
  const shapes = useAllShapes(doc);
  return (
    <section
      className="visually-hidden"
      aria-label={t('board.objectCount', { count: shapes.length })}
    >
      <ul data-testid="board-content">
        {shapes.map((s) => (
          <li key={s.id} data-shape-id={s.id}>
            {s.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
