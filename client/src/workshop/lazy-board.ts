/**
 * A workshop board's chunk (the canvas, Konva), named once so that pages can start its
 * download early: the app beside the workshop's chunk when a board link opens, the join page
 * when the person presses "Bli med".
 */
export const loadWorkshopBoard = () => import('./WorkshopBoard.js').then((m) => m.WorkshopBoard);
