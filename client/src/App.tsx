import { isValidId } from '@torg/shared';
import { useT } from './i18n/LocaleProvider.js';
import { JoinPage } from './pages/JoinPage.js';
import { usePath } from './router.js';
import { LazyPart, lazyComponent } from './ui/LazyPart.js';
import { workshopBoardPart } from './workshop/lazy-board.js';
import { workshopRoutePart } from './workshop/lazy-route.js';

export { navigate } from './router.js';

// Every page but the join page is its own chunk: a participant who scans the QR code downloads
// the join page and nothing else, and a board's chunks only when they open it (README, "Load").
const HomePage = lazyComponent(() => import('./pages/HomePage.js').then((m) => m.HomePage));
const InvitePage = lazyComponent(() => import('./pages/InvitePage.js').then((m) => m.InvitePage));
const ScratchBoardRoute = lazyComponent(() =>
  import('./pages/ScratchBoardRoute.js').then((m) => m.ScratchBoardRoute),
);
const WorkshopRoute = lazyComponent(workshopRoutePart);
const InputRoute = lazyComponent(() => import('./input/InputPage.js').then((m) => m.InputRoute));

/** `/b/<boardId>`: an open scratch board. */
const SCRATCH_BOARD = /^\/b\/([^/]+)\/?$/;

/**
 * Fetches the chunk of `path`'s page; the app renders once it is there (main.tsx), meanwhile
 * the splash of index.html shows. Settles also when it fails: the page then says it could not
 * be loaded. A workshop board's own chunk is started here too, not waited for: it is usually
 * there by the time the workshop's page renders it, and a slow one shows "Laster …".
 */
export function preloadPage(path: string): Promise<void> {
  if (path === '/' || path === '') return HomePage.preload();
  if (SCRATCH_BOARD.test(path)) return ScratchBoardRoute.preload();
  if (path.startsWith('/invite/')) return InvitePage.preload();
  if (path.startsWith('/innspill/')) return InputRoute.preload();
  if (path.startsWith('/w/')) {
    if (/^\/w\/[^/]+\/b\//.test(path)) workshopBoardPart.preload();
    return WorkshopRoute.preload();
  }
  return Promise.resolve();
}

/**
 * Client-side routes: `/`, `/b/<boardId>` (an open scratch board), `/j/<code>` (join a
 * workshop), `/invite/<secret>` (a facilitator's invite), a workshop's pages under `/w/<workshopId>`: its home, `/console`
 * (facilitators) and `/b/<boardId>`, and an input round's public pages,
 * `/innspill/<workshopId>/<roundId>` (the question) and `…/svar` (what came of the inputs).
 */
export function App() {
  const path = usePath();
  const t = useT();
  if (path === '/' || path === '')
    return (
      <LazyPart>
        <HomePage />
      </LazyPart>
    );
  const board = SCRATCH_BOARD.exec(path);
  const boardId = board?.[1];
  if (boardId && isValidId(boardId))
    return (
      <LazyPart>
        <ScratchBoardRoute key={boardId} boardId={boardId} />
      </LazyPart>
    );
  const join = /^\/j\/([^/]+)\/?$/.exec(path);
  if (join?.[1]) {
    const code = decodeURIComponent(join[1]);
    return <JoinPage key={code} code={code} />;
  }
  const invite = /^\/invite\/([^/]+)\/?$/.exec(path);
  if (invite?.[1]) {
    const token = safeDecode(invite[1]);
    return (
      <LazyPart>
        <InvitePage key={token} token={token} />
      </LazyPart>
    );
  }
  const workshop = /^\/w\/([^/]+)(?:\/(.*?))?\/?$/.exec(path);
  if (workshop?.[1] && isValidId(workshop[1])) {
    const subPath = workshop[2] ?? '';
    // A board's link: fetch the board's chunk beside the workshop's, not after it.
    if (subPath.startsWith('b/')) workshopBoardPart.preload();
    return (
      <LazyPart>
        <WorkshopRoute key={workshop[1]} workshopId={workshop[1]} subPath={subPath} />
      </LazyPart>
    );
  }
  const input = /^\/innspill\/([^/]+)\/([^/]+)(\/svar)?\/?$/.exec(path);
  if (input?.[1] && input[2] && isValidId(input[1]) && isValidId(input[2]))
    return (
      <LazyPart>
        <InputRoute
          key={`${input[1]}/${input[2]}`}
          workshopId={input[1]}
          roundId={input[2]}
          outcome={Boolean(input[3])}
        />
      </LazyPart>
    );
  return (
    <main className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('board.home')}</a>
      </p>
    </main>
  );
}

/** A path segment as text; a malformed escape stays as it came (the server then says unknown). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
