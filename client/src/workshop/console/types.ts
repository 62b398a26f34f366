import type { WorkshopContext } from '../context.js';

/**
 * Runs one API call for the console: shows `ok` (when given) or the error in the console's
 * live region; resolves to whether it worked.
 */
export type Run = (action: () => Promise<unknown>, ok?: string) => Promise<boolean>;

export interface PanelProps {
  ctx: WorkshopContext;
  run: Run;
}
