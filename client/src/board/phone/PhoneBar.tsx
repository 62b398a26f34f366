import type { ReactNode } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Icon } from '../icons.js';

/**
 * A phone's floating bar at the bottom of the board: what a participant does on a phone —
 * a new note in a section, the workshop's own actions (comment, feedback, vote), the outline.
 * Big targets within thumb reach; the rest of the board's controls are in the header's menu.
 */
export function PhoneBar({
  canAdd,
  onNewNote,
  outlineOpen,
  onToggleOutline,
  children,
}: {
  canAdd: boolean;
  onNewNote(): void;
  outlineOpen: boolean;
  onToggleOutline(): void;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <nav className="phone-bar" aria-label={t('phone.barLabel')}>
      {canAdd && (
        <button type="button" className="btn phone-bar-new" onClick={onNewNote}>
          <Icon name="sticky" />
          <span>{t('phone.newNote')}</span>
        </button>
      )}
      {children}
      <button type="button" className="btn" aria-pressed={outlineOpen} onClick={onToggleOutline}>
        <Icon name="outline" />
        <span>{t('phone.outline')}</span>
      </button>
    </nav>
  );
}
