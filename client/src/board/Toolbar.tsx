import { useT } from '../i18n/LocaleProvider.js';
import type { Editor } from './editor/Editor.js';
import { READ_ONLY_TOOLS } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { pickImage } from './editor/image-upload.js';
import { IconButton } from './icons.js';
import { TOOLS } from './tools.js';

/** Every tool as a labelled, focusable button with its shortcut (on a read-only board: look only). */
export function Toolbar({
  api,
  onToggleOutline,
  outlineOpen,
  onHelp,
}: {
  api: Editor;
  onToggleOutline(): void;
  outlineOpen: boolean;
  onHelp(): void;
}) {
  const t = useT();
  const readOnly = useEditorState(api, (s) => s.readOnly);
  const current = useEditorState(api, (s) => s.tool);
  const tools = readOnly ? TOOLS.filter((tool) => READ_ONLY_TOOLS.includes(tool.id)) : TOOLS;
  return (
    <nav className="tools" aria-label={t('tools.label')}>
      {tools.map((tool) => (
        <IconButton
          key={tool.id}
          icon={tool.id}
          label={t(tool.label)}
          shortcut={tool.key.toUpperCase()}
          keys={tool.key.toUpperCase()}
          pressed={current === tool.id}
          onClick={() => (tool.id === 'image' ? pickImage(api) : api.setTool(tool.id))}
        />
      ))}
      {!readOnly && (
        <>
          <span className="tools-sep" aria-hidden="true" />
          <IconButton
            icon="undo"
            label={t('action.undo')}
            shortcut="Ctrl+Z"
            keys="Control+Z"
            onClick={() => api.undo.undo()}
          />
          <IconButton
            icon="redo"
            label={t('action.redo')}
            shortcut="Ctrl+Shift+Z"
            keys="Control+Shift+Z"
            onClick={() => api.undo.redo()}
          />
        </>
      )}
      <span className="tools-sep" aria-hidden="true" />
      <IconButton
        icon="outline"
        label={t('outline.toggle')}
        shortcut="Shift+O"
        keys="Shift+O"
        pressed={outlineOpen}
        onClick={onToggleOutline}
      />
      <IconButton icon="help" label={t('shortcuts.title')} shortcut="?" keys="?" onClick={onHelp} />
    </nav>
  );
}
