import { type NoteRef, refKey, type ThemeSetView } from '@torg/shared';
import { useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { toggled } from './toggled.js';

/** Notes shown before "Vis alle": a theme's first notes say what it is about. */
const SHOWN = 6;

/**
 * A theme's notes (or the loose ones), each with its group, to select and move elsewhere
 * together; a theme's list can also split the selected ones off (`onSplit`).
 */
export function NoteList({
  refs,
  view,
  groupName,
  here,
  moveAll,
  onSplit,
}: {
  refs: readonly NoteRef[];
  view: ThemeSetView;
  groupName: ReadonlyMap<string, string>;
  /** The theme these notes are in (null: loose). */
  here: string | null;
  moveAll(notes: readonly NoteRef[], to: string | null): Promise<boolean>;
  onSplit?(notes: readonly NoteRef[]): Promise<boolean>;
}) {
  const t = useT();
  const id = useId();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const targets = [
    ...view.themes.filter((th) => th.id !== here).map((th) => ({ id: th.id, name: th.name })),
    ...(here === null ? [] : [{ id: '', name: t('themes.noTheme') }]),
  ];
  const [to, setTo] = useState('');
  const [all, setAll] = useState(false);
  const shown = all || refs.length <= SHOWN ? refs : refs.slice(0, SHOWN);
  const byKey = new Map(view.notes.map((n) => [refKey(n), n]));
  const selected = refs.filter((r) => chosen.has(refKey(r)));
  const target = targets.find((x) => x.id === to) ?? targets[0];
  const done = (ok: boolean) => ok && setChosen(new Set());

  return (
    <div className="theme-notes">
      <ul>
        {shown.map((ref) => {
          const key = refKey(ref);
          const note = byKey.get(key);
          return (
            <li key={key}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(key)}
                  onChange={(e) => setChosen(toggled(chosen, key, e.target.checked))}
                />
                <span className="theme-note-text">{note ? note.text : t('themes.gone')}</span>
              </label>
              {note?.groupId && (
                <span className="theme-note-group">{groupName.get(note.groupId)}</span>
              )}
            </li>
          );
        })}
      </ul>
      {refs.length > SHOWN && (
        <button
          type="button"
          className="btn btn-quiet theme-more"
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? t('themes.showFewer') : t('themes.showAll', { count: refs.length })}
        </button>
      )}
      {selected.length > 0 && target && (
        <div className="theme-note-tools">
          <label htmlFor={`${id}-to`}>{t('themes.moveTo')}</label>
          <select
            className="input"
            id={`${id}-to`}
            value={target.id}
            onChange={(e) => setTo(e.target.value)}
          >
            {targets.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            onClick={() => void moveAll(selected, target.id || null).then(done)}
          >
            {t('themes.move')}
          </button>
          {onSplit && selected.length < refs.length && (
            <button type="button" className="btn" onClick={() => void onSplit(selected).then(done)}>
              {t('themes.split')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
