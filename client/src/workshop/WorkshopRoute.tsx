import { isValidId, visitingBoard } from '@torg/shared';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { navigate } from '../router.js';
import { openBoardEarly } from '../sync/page-docs.js';
import { LazyPart, lazyComponent } from '../ui/LazyPart.js';
import { PageHeader } from '../ui/PageHeader.js';
import { PageLoading } from '../ui/PageLoading.js';
import { ApiError, api } from './api.js';
import type { Viewer, WorkshopContext } from './context.js';
import { workshopBoardPart } from './lazy-board.js';
import { MarketRoundSaid } from './market/MarketRoundSaid.js';
import { homeBoardAfterMarket } from './market/market-logic.js';
import { usePresentationMove } from './presentation/usePresentationMove.js';
import {
  captureFragmentToken,
  decodeToken,
  forgetWorkshop,
  getToken,
  screenSlot,
} from './tokens.js';
import { usePhaseMove } from './usePhaseMove.js';
import { useWorkshopDoc } from './useWorkshopDoc.js';
import { WorkshopHome } from './WorkshopHome.js';

// The facilitator's console and the board are chunks of their own: a participant never
// downloads the console, and the workshop's home page does not wait for the board's canvas.
const ConsolePage = lazyComponent(() =>
  import('./console/ConsolePage.js').then((m) => m.ConsolePage),
);
const WorkshopBoard = lazyComponent(workshopBoardPart);
const ScreenPage = lazyComponent(() => import('./screen/ScreenPage.js').then((m) => m.ScreenPage));

type Access = 'checking' | 'ok' | 'offline' | 'unauthorized' | 'forbidden' | 'gone';

/**
 * `/w/<workshopId>/…`: keeps the member's token (taking a facilitator link's `#t=` out of the
 * address bar), checks it with the server, holds the workshop document open while the person
 * moves between the workshop's pages, and follows "bring everyone here".
 */
export function WorkshopRoute({ workshopId, subPath }: { workshopId: string; subPath: string }) {
  const t = useT();
  // The room screen keeps its token apart, and is never moved: it shows what happens.
  const onScreen = subPath === 'screen';
  const [token] = useState(() => {
    const slot = onScreen ? screenSlot(workshopId) : workshopId;
    captureFragmentToken(slot);
    return getToken(slot);
  });
  const claims = token ? decodeToken(token) : null;
  const valid = !!token && claims?.workshopId === workshopId;
  // A board's link: its document starts arriving beside the workshop's, not after it.
  const linkedBoard = /^b\/([^/]+)$/.exec(subPath)?.[1];
  useState(() => {
    if (valid && linkedBoard && isValidId(linkedBoard)) openBoardEarly(linkedBoard, token);
  });
  const conn = useWorkshopDoc(workshopId, valid ? token : null);
  const [access, setAccess] = useState<Access>('checking');
  const [role, setRole] = useState(claims?.role);

  // Ask the server who we are: at start, and whenever the connection drops (the workshop may
  // have been deleted, or the link revoked).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `conn.closes` re-runs the check after a disconnect
  useEffect(() => {
    if (!valid || !token) return;
    let live = true;
    const check = () =>
      api.me(workshopId, token).then(
        (me) => {
          if (!live) return;
          setRole(me.role);
          setAccess('ok');
        },
        (err: unknown) => {
          if (!live) return;
          if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500)
            setAccess((a) => (a === 'checking' ? 'offline' : a));
          else if (err.status === 404) {
            forgetWorkshop(
              workshopId,
              conn.state.boards.map((b) => b.id),
            );
            setAccess('gone');
          } else setAccess(err.status === 403 ? 'forbidden' : 'unauthorized');
        },
      );
    const id = setTimeout(check, conn.closes === 0 ? 0 : 1500);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [workshopId, token, valid, conn.closes]);

  const { state } = conn;
  const viewer: Viewer | null =
    claims && role ? { role, participantId: claims.participantId } : null;

  // "Bring everyone here": act on changes after the page has caught up with the server, never
  // on one that happened before (that is history, not a call).
  const seenBring = useRef<number | null | undefined>(undefined);
  const [focus, setFocus] = useState<WorkshopContext['focus']>(null);
  useEffect(() => {
    if (!conn.serverSynced) return;
    const bring = state.bring;
    const at = bring?.at ?? null;
    if (seenBring.current === undefined) {
      seenBring.current = at;
      return;
    }
    if (at === seenBring.current || !bring) return;
    seenBring.current = at;
    if (viewer?.role === 'facilitator' || onScreen) return;
    setFocus({ boardId: bring.boardId, key: bring.at, rect: bring.viewport });
    const path = `/w/${workshopId}/b/${bring.boardId}`;
    if (window.location.pathname !== path) navigate(path);
  }, [conn.serverSynced, state.bring, viewer?.role, workshopId, onScreen]);

  // The market square: a participant goes to the board of the current round when the round
  // changes, when the page opens and after a reconnect; when the market ends, back home.
  const participantId = viewer?.role === 'participant' ? viewer.participantId : null;
  const roundBoard = participantId ? visitingBoard(state, participantId) : null;
  const marketOver = !state.market || state.market.state === 'ended';
  const homeBoard =
    participantId && marketOver && roundBoard === null
      ? homeBoardAfterMarket(state, participantId)
      : null;
  const seenRound = useRef<{ board: string | null; closes: number } | undefined>(undefined);
  useEffect(() => {
    if (!conn.serverSynced || !participantId) return;
    const before = seenRound.current;
    seenRound.current = { board: roundBoard, closes: conn.closes };
    let target: string | null = null;
    if (roundBoard) {
      if (before?.board !== roundBoard || before.closes !== conn.closes) target = roundBoard;
    } else if (before?.board && marketOver) target = homeBoard;
    if (!target) return;
    const path = `/w/${workshopId}/b/${target}`;
    if (window.location.pathname !== path) navigate(path);
  }, [
    conn.serverSynced,
    conn.closes,
    participantId,
    roundBoard,
    marketOver,
    homeBoard,
    workshopId,
  ]);

  usePhaseMove({
    serverSynced: conn.serverSynced,
    state,
    participantId,
    workshopId,
    onMoved: (boardId, at) => setFocus({ boardId, key: at, rect: null }),
  });

  usePresentationMove({
    serverSynced: conn.serverSynced,
    boardId: onScreen ? null : (state.presentation?.boardId ?? null),
    role: viewer?.role ?? null,
    workshopId,
  });

  // Deleted by the facilitator: keep nothing of it in this browser either.
  const boardIds = state.boards.map((b) => b.id).join(',');
  useEffect(() => {
    if (conn.deleted) forgetWorkshop(workshopId, boardIds ? boardIds.split(',') : []);
  }, [conn.deleted, workshopId, boardIds]);

  const title = state.meta?.title;
  useEffect(() => {
    document.title = title ? `${title} – ${t('app.name')}` : t('app.name');
  }, [title, t]);

  if (conn.deleted)
    return <NoAccess title={t('workshop.deletedTitle')} message={t('workshop.deleted')} />;
  if (!valid || !token || !viewer) return <NoAccess message={t('workshop.noToken')} />;
  if (access === 'unauthorized') return <NoAccess message={t('error.unauthorized')} />;
  if (access === 'forbidden') return <NoAccess message={t('error.forbidden')} />;
  if (access === 'gone') return <NoAccess message={t('error.notFound')} />;
  if (!state.meta) {
    if (conn.serverSynced) return <NoAccess message={t('error.notFound')} />;
    return <PageLoading status={t('workshop.connecting')} />;
  }

  const ctx: WorkshopContext = {
    workshopId,
    token,
    viewer,
    conn,
    state,
    me: state.participants.find((p) => p.id === viewer.participantId),
    focus,
  };
  if (subPath === '') return <WorkshopHome ctx={ctx} />;
  if (onScreen)
    return (
      <LazyPart>
        <ScreenPage ctx={ctx} />
      </LazyPart>
    );
  if (subPath === 'console') {
    if (viewer.role !== 'facilitator') return <NoAccess message={t('console.onlyFacilitators')} />;
    return (
      <LazyPart>
        <ConsolePage ctx={ctx} />
      </LazyPart>
    );
  }
  if (linkedBoard && isValidId(linkedBoard))
    return (
      <>
        {viewer && <MarketRoundSaid state={state} viewer={viewer} />}
        <LazyPart>
          <WorkshopBoard key={linkedBoard} ctx={ctx} boardId={linkedBoard} />
        </LazyPart>
      </>
    );
  return <NoAccess message={t('notFound.title')} />;
}

function NoAccess({ message, title }: { message: string; title?: string }) {
  const t = useT();
  return (
    <main className="page">
      <PageHeader />
      <h1>{title ?? t('workshop.noAccess')}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">{t('board.home')}</a>
      </p>
    </main>
  );
}
