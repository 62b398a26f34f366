import type { ToastNote } from '../../ui/toast-note.js';
import type { WorkshopContext } from '../context.js';

/**
 * Runs one API call for the console: shows `ok` (when given) or the error as a toast in the
 * console's live region; resolves to whether it worked.
 */
export type Run = (action: () => Promise<unknown>, ok?: ToastNote) => Promise<boolean>;

export interface PanelProps {
  ctx: WorkshopContext;
  run: Run;
}
