/** Inline icons (bundled: the page loads nothing from elsewhere). Decorative: buttons carry the names. */
const PATHS: Record<string, string> = {
  select: 'M5 3l12 9-5.5 1L14 19l-2.5 1-2.5-6L5 17z',
  hand: 'M8 11V5.5a1.5 1.5 0 013 0V10m0-4.5a1.5 1.5 0 013 0V10m0-3a1.5 1.5 0 013 0v6c0 4-2.5 7-6.5 7S6 17.5 4.5 15L3 12.5a1.5 1.5 0 012.5-1.5L8 13',
  sticky: 'M4 4h16v11l-5 5H4zM15 20v-5h5',
  text: 'M5 5h14M12 5v14M9 19h6',
  rectangle: 'M4 6h16v12H4z',
  ellipse: 'M12 5c4.5 0 8 3.1 8 7s-3.5 7-8 7-8-3.1-8-7 3.5-7 8-7z',
  diamond: 'M12 3l9 9-9 9-9-9z',
  connector: 'M4 20L19 5M19 5h-7M19 5v7',
  frame: 'M7 3v18M17 3v18M3 7h18M3 17h18',
  pen: 'M4 20l4-1 11-11-3-3L5 16zM14 6l3 3',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9.5a1.5 1.5 0 100-.01',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 000 12h3',
  outline: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01',
  help: 'M9.5 9a2.5 2.5 0 115 .5c0 1.5-2.5 2-2.5 3.5M12 17h.01M12 3a9 9 0 100 18 9 9 0 000-18z',
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  copy: 'M8 8h12v12H8zM4 16V4h12',
  front: 'M8 8h12v12H8zM4 4h10v3M4 4v10h3',
  back: 'M4 4h12v12H4zM20 10v10H10',
  lock: 'M6 11h12v9H6zM8 11V8a4 4 0 018 0v3',
  unlock: 'M6 11h12v9H6zM8 11V8a4 4 0 017.5-2',
  map: 'M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2z',
  menu: 'M4 6h16M4 12h16M4 18h16',
};

export function Icon({ name }: { name: keyof typeof PATHS | string }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name] ?? ''}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * An icon button: the label is both its accessible name and its tooltip (with the shortcut,
 * when it has one); `pressed` makes it a toggle.
 */
export function IconButton({
  icon,
  label,
  shortcut,
  keys,
  pressed,
  disabled,
  onClick,
}: {
  icon: string;
  label: string;
  /** Shown in the tooltip, e.g. "Ctrl+Z". */
  shortcut?: string;
  /** aria-keyshortcuts value, e.g. "Control+Z". */
  keys?: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick(): void;
}) {
  return (
    <button
      type="button"
      className="tool-btn"
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-keyshortcuts={keys}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} />
      <span className="visually-hidden">{label}</span>
    </button>
  );
}
