import type { MessageKey } from '@torg/shared';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { TOOLS } from './tools.js';

const ACTIONS: [string, MessageKey][] = [
  ['Ctrl+Z', 'action.undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'action.redo'],
  ['Enter', 'action.editText'],
  ['Delete / Backspace', 'action.delete'],
  ['Esc', 'action.deselect'],
  ['Ctrl+A', 'action.selectAll'],
  ['Ctrl+D', 'action.duplicate'],
  ['Ctrl+C / Ctrl+V', 'action.copyPaste'],
  ['Ctrl+] / Ctrl+[', 'action.frontBack'],
  ['Ctrl+Shift+L', 'action.lock'],
  ['C', 'action.connect'],
  ['← ↑ → ↓ (Shift: 10×)', 'action.nudge'],
  ['. / , (Shift: +)', 'action.cycle'],
  ['Space + drag', 'tool.hand'],
  ['+ / −', 'zoom.inOut'],
  ['Shift+1', 'zoom.fit'],
  ['Shift+2', 'zoom.selection'],
  ['Shift+0', 'zoom.reset'],
  ['Shift+O', 'outline.toggle'],
  ['?', 'shortcuts.title'],
];

/** The shortcut list (`?`): a modal dialog that returns focus where it came from. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <table>
        <tbody>
          {TOOLS.map((tool) => (
            <tr key={tool.id}>
              <th scope="row">
                <kbd>{tool.key.toUpperCase()}</kbd>
              </th>
              <td>{t(tool.label)}</td>
            </tr>
          ))}
          {ACTIONS.map(([keys, label]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="btn btn-primary">
          {t('shortcuts.close')}
        </button>
      </form>
    </dialog>
  );
}
