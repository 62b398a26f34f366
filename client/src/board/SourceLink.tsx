import type { Sticky } from '@torg/shared';
import { useT } from '../i18n/LocaleProvider.js';
import { Link } from '../router.js';

/**
 * For a copy of a group's note on a plenary board's theme: the way to the note itself, on
 * its group's board (`?note=` opens it there, zoomed to and selected). Only inside a
 * gathering, where the copies are made.
 */
export function SourceLink({ note }: { note: Sticky }) {
  const t = useT();
  const workshop = /^\/w\/([^/]+)\//.exec(window.location.pathname)?.[1];
  if (note.source?.kind !== 'theme' || !workshop) return null;
  const { boardId, shapeId, label } = note.source;
  return (
    <Link
      className="chip"
      href={`/w/${workshop}/b/${encodeURIComponent(boardId)}?note=${encodeURIComponent(shapeId)}`}
    >
      {label ? t('source.open', { group: label }) : t('source.openNoGroup')}
    </Link>
  );
}

/** The note a link asks the board to open on (`?note=<shapeId>`), or null. */
export function noteFromLink(): string | null {
  return new URLSearchParams(window.location.search).get('note');
}
