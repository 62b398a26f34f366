import { laterPart } from '../ui/LazyPart.js';

/** The workshop's pages' chunk, named once for the app and for the join page's early start. */
export const workshopRoutePart = laterPart(() =>
  import('./WorkshopRoute.js').then((m) => m.WorkshopRoute),
);
export const loadWorkshopRoute = () => workshopRoutePart.load();
