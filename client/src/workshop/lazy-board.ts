import { laterPart } from '../ui/LazyPart.js';

/**
 * A workshop board's chunk (the canvas, Konva), named once so that pages can start its
 * download early: the app beside the workshop's chunk when a board link opens, the join page
 * when the person presses "Bli med". The workshop's page renders it at once if it has arrived.
 */
export const workshopBoardPart = laterPart(() =>
  import('./WorkshopBoard.js').then((m) => m.WorkshopBoard),
);
export const loadWorkshopBoard = () => workshopBoardPart.load();
