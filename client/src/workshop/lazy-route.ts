/** The workshop's pages' chunk, named once for the app and for the join page's early start. */
export const loadWorkshopRoute = () => import('./WorkshopRoute.js').then((m) => m.WorkshopRoute);
