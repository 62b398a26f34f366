import type { NoteRef, Theme, ThemeReview, ThemeSetView } from '@torg/shared';
import { refKey } from '@torg/shared';
import { useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { InlineRename } from '../console/InlineRename.js';
import { NoteList } from './NoteList.js';

/**
 * One theme in the review: chosen for a merge, renamed where it stands, how many groups and
 * notes it holds and the words they share (why they are together), and its notes.
 */
export function ThemeCard({
  theme,
  view,
  groupName,
  groupCount,
  selected,
  onSelect,
  review,
  moveAll,
}: {
  theme: Theme;
  view: ThemeSetView;
  groupName: ReadonlyMap<string, string>;
  /** How many groups' boards the themes were found in. */
  groupCount: number;
  selected: boolean;
  onSelect(on: boolean): void;
  review(step: ThemeReview): Promise<boolean>;
  moveAll(notes: readonly NoteRef[], to: string | null): Promise<boolean>;
}) {
  const t = useT();
  const headingId = useId();
  const groupOf = new Map(view.notes.map((n) => [refKey(n), n.groupId]));
  const groups = new Set(theme.notes.flatMap((r) => groupOf.get(refKey(r)) ?? [])).size;
  return (
    <li className="theme-card" aria-labelledby={headingId}>
      <div className="theme-head">
        <input
          type="checkbox"
          checked={selected}
          aria-label={t('themes.selectTheme', { name: theme.name })}
          onChange={(e) => onSelect(e.target.checked)}
        />
        <h3 id={headingId} className="theme-name">
          <InlineRename
            value={theme.name}
            label={t('themes.rename')}
            onSave={(name) => review({ op: 'rename', themeId: theme.id, name })}
          />
        </h3>
        <span className="theme-groups">
          {t('themes.groups', { count: groups, total: groupCount })}
        </span>
        <span className="muted">{t('themes.notes', { count: theme.notes.length })}</span>
      </div>
      {theme.words.length > 0 && (
        <p className="theme-words">{t('themes.words', { words: theme.words.join(', ') })}</p>
      )}
      <NoteList
        refs={theme.notes}
        view={view}
        groupName={groupName}
        here={theme.id}
        moveAll={moveAll}
        onSplit={(notes) =>
          review({
            op: 'split',
            themeId: theme.id,
            notes: [...notes],
            name: t('themes.splitName', { name: theme.name }).slice(0, 80),
          })
        }
      />
    </li>
  );
}
