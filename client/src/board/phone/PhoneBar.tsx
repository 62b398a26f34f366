import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
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
  const bar = useRef<HTMLElement>(null);
  useTellHeight(bar);
  return (
    <nav className="phone-bar" aria-label={t('phone.barLabel')} ref={bar}>
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

/**
 * Keeps `--phone-bar-space` on the bar's parent (the board's main part) at how far the bar
 * reaches up from the bottom: what floats over the top of the canvas stops above it (on a short
 * screen the vote's banner went under it). Its height changes with its buttons and the text size.
 */
function useTellHeight(bar: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = bar.current;
    const parent = el?.parentElement;
    if (!el || !parent) return;
    const tell = () =>
      parent.style.setProperty(
        '--phone-bar-space',
        `${Math.ceil(parent.getBoundingClientRect().bottom - el.getBoundingClientRect().top)}px`,
      );
    tell();
    const observer = new ResizeObserver(tell);
    observer.observe(el);
    observer.observe(parent);
    return () => {
      observer.disconnect();
      parent.style.removeProperty('--phone-bar-space');
    };
  }, [bar]);
}
