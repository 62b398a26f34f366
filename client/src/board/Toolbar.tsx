import { useT } from '../i18n/LocaleProvider.js';
import type { EditorApi } from './editor.js';
import { Icon } from './icons.js';
import { TOOLS } from './tools.js';

/** Every tool as a labelled, focusable button with its shortcut. */
export function Toolbar({
  api,
  onToggleOutline,
  outlineOpen,
  onHelp,
}: {
  api: EditorApi;
  onToggleOutline(): void;
  outlineOpen: boolean;
  onHelp(): void;
}) {
  const t = useT();
  return (
    <nav className="tools" aria-label={t('tools.label')}>
      {TOOLS.map((tool) => (
        <button
          key={tool.id}
          type="button"
          className="tool-btn"
          aria-pressed={api.state.tool === tool.id}
          aria-keyshortcuts={tool.key.toUpperCase()}
          title={`${t(tool.label)} (${tool.key.toUpperCase()})`}
          onClick={() => (tool.id === 'image' ? api.pickImage() : api.setTool(tool.id))}
        >
          <Icon name={tool.id} />
          <span className="visually-hidden">{t(tool.label)}</span>
        </button>
      ))}
      <span className="tools-sep" aria-hidden="true" />
      <button
        type="button"
        className="tool-btn"
        title={`${t('action.undo')} (Ctrl+Z)`}
        aria-keyshortcuts="Control+Z"
        onClick={() => api.undo.undo()}
      >
        <Icon name="undo" />
        <span className="visually-hidden">{t('action.undo')}</span>
      </button>
      <button
        type="button"
        className="tool-btn"
        title={`${t('action.redo')} (Ctrl+Shift+Z)`}
        aria-keyshortcuts="Control+Shift+Z"
        onClick={() => api.undo.redo()}
      >
        <Icon name="redo" />
        <span className="visually-hidden">{t('action.redo')}</span>
      </button>
      <span className="tools-sep" aria-hidden="true" />
      <button
        type="button"
        className="tool-btn"
        aria-pressed={outlineOpen}
        title={`${t('outline.toggle')} (Shift+O)`}
        aria-keyshortcuts="Shift+O"
        onClick={onToggleOutline}
      >
        <Icon name="outline" />
        <span className="visually-hidden">{t('outline.toggle')}</span>
      </button>
      <button
        type="button"
        className="tool-btn"
        title={`${t('shortcuts.title')} (?)`}
        aria-keyshortcuts="?"
        onClick={onHelp}
      >
        <Icon name="help" />
        <span className="visually-hidden">{t('shortcuts.title')}</span>
      </button>
    </nav>
  );
}
