import {
  currentStep,
  formatJoinCode,
  nextStep,
  plannedStarts,
  type WorkshopState,
} from '@torg/shared';
import { type ReactNode, useEffect, useState } from 'react';
import { BoardPage } from '../../board/BoardPage.js';
import type { Editor } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { QrCode } from '../../ui/QrCode.js';
import { agendaOf, clockLabel, momentLabel } from '../agenda/agenda-format.js';
import { api, links } from '../api.js';
import type { WorkshopContext } from '../context.js';
import { partLabel } from '../presentation/part-label.js';
import { usePresentationFollow } from '../presentation/usePresentationFollow.js';
import { CountdownTimer } from '../timer/ControlBanner.js';
import { ScreenAssignment } from './ScreenAssignment.js';

/** How often the screen asks for the join code again (the facilitator may make new ones). */
const JOIN_REFRESH_MS = 60_000;

/**
 * `/w/<id>/screen`, the screen in the room ("Storskjerm"), on the projector: read-only, large
 * type, nothing to operate. While people arrive, the QR code and the join code; then what
 * happens now: the presented board (following its sections), the market square's rounds
 * ("Gruppe Nord → Gruppe Sør"), or the step of the day running, with the countdown and the
 * time of day. Its token is an observer's kept apart (see `screenSlot`).
 */
export function ScreenPage({ ctx }: { ctx: WorkshopContext }) {
  const t = useT();
  const { state, workshopId, token } = ctx;
  const join = useJoinCode(workshopId, token);
  const now = useNow(15_000);
  const title = state.meta?.title ?? '';
  const follow = usePresentationFollow(state.presentation, state.presentation?.boardId ?? '');
  const agenda = agendaOf(state);
  const step = currentStep(agenda);
  const market = state.market && state.market.state !== 'ended' ? state.market : null;
  const shown = state.presentation;
  const ended = state.meta?.ended === true;
  const arriving = !shown && !market && !step && !ended && !agenda.steps.some((s) => s.startedAt);
  const joinLink = join ? links.participant(join.joinCode) : '';
  const host = window.location.host;
  // Live from the workshop document (closing shows at once), else as fetched.
  const joinOpen = state.meta?.joinOpen ?? join?.joinOpen ?? false;

  let body: ReactNode;
  if (shown)
    body = (
      <div className="screen-board">
        <BoardPage
          key={shown.boardId}
          boardId={shown.boardId}
          token={token}
          readOnly
          bare
          focus={follow.focus}
          boardExtra={(editor) => <Caption editor={editor} state={state} />}
        />
      </div>
    );
  else if (market) body = <MarketRounds state={state} />;
  else if (arriving && join)
    body = (
      <div className="screen-join">
        <QrCode text={joinLink} label={t('screen.qr', { link: joinLink })} />
        <div>
          <h2>{t('screen.joinHeading')}</h2>
          <p>{t('screen.joinHow', { host })}</p>
          <p className="join-code join-code-huge">{formatJoinCode(join.joinCode)}</p>
          {!joinOpen && <p className="screen-closed">{t('screen.joinClosed')}</p>}
          {state.series && <ScreenAssignment workshopId={ctx.workshopId} token={ctx.token} />}
        </div>
      </div>
    );
  else body = <StepNow state={state} ended={ended} />;

  return (
    <main className="screen" aria-label={t('screen.name')}>
      <header className="screen-head">
        <h1>{title}</h1>
        {/* During the market square its round's clock; else the facilitator's timer. */}
        <CountdownTimer timer={market ?? state.timer} size="large" />
        <span className="screen-clock">{momentLabel(t, now)}</span>
      </header>
      {body}
      {!arriving && join && joinOpen && (
        <footer className="screen-foot">
          {t('screen.joinFooter', { host, code: formatJoinCode(join.joinCode) })}
        </footer>
      )}
    </main>
  );
}

/** Who presents, and the part shown, over the presented board. */
function Caption({ editor, state }: { editor: Editor; state: WorkshopState }) {
  const t = useT();
  const shown = state.presentation;
  if (!shown) return null;
  const group = state.groups.find((g) => g.id === shown.groupId);
  return (
    <p className="screen-caption">
      <strong>
        {group ? t('present.byGroup', { group: group.name }) : t('present.byFacilitator')}
      </strong>{' '}
      {partLabel(t, editor.store.list(), shown.frameId).label}
    </p>
  );
}

/** The market square's round: where each group is ("Gruppe Nord → Gruppe Sør"). */
function MarketRounds({ state }: { state: WorkshopState }) {
  const t = useT();
  const market = state.market;
  if (!market) return null;
  const round = market.plan[market.round] ?? {};
  const name = (id: string) => state.groups.find((g) => g.id === id)?.name ?? '';
  return (
    <section className="screen-now">
      <h2>{t('screen.market', { n: market.round + 1, count: market.plan.length })}</h2>
      <ul className="screen-visits">
        {state.groups.map((g) => {
          const to = round[g.id];
          return (
            <li key={g.id}>
              {to
                ? t('screen.visits', { from: g.name, to: name(to) })
                : t('screen.home', { group: g.name })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The step of the day running now, and the next one with its planned time. */
function StepNow({ state, ended }: { state: WorkshopState; ended: boolean }) {
  const t = useT();
  const agenda = agendaOf(state);
  const step = currentStep(agenda);
  const next = nextStep(agenda);
  const at = next ? plannedStarts(agenda).get(next.id) : undefined;
  if (ended || (!step && !next)) return <p className="screen-big">{t('screen.dayOver')}</p>;
  return (
    <section className="screen-now">
      <p className="screen-big">{step ? step.title : t('screen.waiting')}</p>
      {next && at !== undefined && (
        <p className="screen-next">
          {t('screen.next', { title: next.title, time: clockLabel(t, at) })}
        </p>
      )}
    </section>
  );
}

/** The join code, asked for again now and then; null until known (or if refused). */
function useJoinCode(workshopId: string, token: string) {
  const [join, setJoin] = useState<{ joinCode: string; joinOpen: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.screenJoin(workshopId, token).then(
        (j) => live && setJoin(j),
        () => undefined,
      );
    void load();
    const id = setInterval(load, JOIN_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [workshopId, token]);
  return join;
}

/** The time now, renewed every `everyMs`. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
