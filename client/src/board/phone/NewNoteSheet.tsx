import { framesInReadingOrder, shapeText } from '@torg/shared';
import { useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { createStickyInFreeSpace } from '../editor/create.js';
import type { Editor } from '../editor/Editor.js';
import { BottomSheet } from './BottomSheet.js';

/** How far around a new note the view shows (in note sizes): the note and its neighbours. */
const AROUND = 1.5;

const lastKey = (boardId: string) => `torg.lastSection.${boardId}`;

/**
 * "Ny lapp i …": on a phone, a note is written here and put where it belongs with one thumb —
 * pick the section (large buttons; the last one chosen stays picked), write, "Legg til". The
 * note lands in free space inside that section (as the outline's "add" does), in this
 * person's colour, and the view moves to show it.
 */
export function NewNoteSheet({ api, onClose }: { api: Editor; onClose(): void }) {
  const t = useT();
  const sections = framesInReadingOrder(api.store.list());
  const remembered = sessionStorage.getItem(lastKey(api.boardId));
  const [section, setSection] = useState<string | null>(
    sections.some((s) => s.id === remembered) ? remembered : (sections[0]?.id ?? null),
  );
  const [text, setText] = useState('');

  const add = () => {
    const id = createStickyInFreeSpace(api, section, { text: text.trim(), after: 'select' });
    if (!id) return;
    if (section) sessionStorage.setItem(lastKey(api.boardId), section);
    const note = api.store.get(id);
    if (note && 'w' in note) {
      const m = note.w * AROUND;
      api.zoomToRect({ x: note.x - m, y: note.y - m, w: note.w + 2 * m, h: note.h + 2 * m }, 1);
    }
    onClose();
  };

  return (
    <BottomSheet title={t('phone.newNoteTitle')} onClose={onClose} className="new-note-sheet">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) add();
        }}
      >
        {sections.length > 0 && (
          <fieldset className="new-note-sections">
            <legend>{t('phone.newNoteWhere')}</legend>
            {sections.map((s) => (
              <label key={s.id} className={`new-note-section${s.id === section ? ' chosen' : ''}`}>
                <input
                  type="radio"
                  name="new-note-section"
                  checked={s.id === section}
                  onChange={() => setSection(s.id)}
                />
                <span>{shapeText(s) || t('outline.untitledFrame')}</span>
              </label>
            ))}
          </fieldset>
        )}
        <label className="new-note-label" htmlFor="new-note-text">
          {t('phone.newNoteText')}
        </label>
        <textarea
          id="new-note-text"
          className="input"
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn-primary new-note-add" disabled={!text.trim()}>
          {t('phone.newNoteAdd')}
        </button>
      </form>
    </BottomSheet>
  );
}
