import {
  boardAccess,
  type Market,
  type MessageKey,
  type Role,
  type TimerState,
  visitorsOf,
  type WorkshopBoard,
  type WorkshopState,
  whereIs,
} from '@torg/shared';

/** Who is looking: from the token (and confirmed by the server). */
export interface Viewer {
  role: Role;
  participantId: string;
}

const newest = (boards: WorkshopBoard[]): WorkshopBoard | null =>
  boards.reduce<WorkshopBoard | null>((a, b) => (!a || b.createdAt >= a.createdAt ? b : a), null);

/**
 * The board a participant belongs on now: the newest open board of their group, else the
 * newest open plenary board, else none (the facilitator has not started a phase yet).
 */
export function currentBoardFor(state: WorkshopState, participantId: string): WorkshopBoard | null {
  const me = state.participants.find((p) => p.id === participantId);
  const open = state.boards.filter((b) => !b.archived);
  const own = me?.groupId ? open.filter((b) => b.groupId === me.groupId) : [];
  return newest(own) ?? newest(open.filter((b) => b.groupId === null));
}

/**
 * Why this person may only read this board (the reason shown next to "Read-only"), or null
 * when they may write. Mirrors `boardAccess`, which the server enforces.
 */
export function readOnlyReason(
  state: WorkshopState,
  board: WorkshopBoard,
  viewer: Viewer,
): MessageKey | null {
  if (boardAccess(state, board, viewer) === 'write') return null;
  if (viewer.role === 'observer') return 'readonly.observer';
  if (state.meta?.ended) return 'readonly.ended';
  if (board.archived) return 'readonly.archived';
  if (state.meta?.allLocked || board.locked) return 'readonly.locked';
  return 'readonly.otherGroup';
}

/** Milliseconds left on the timer at this server time (0 when idle or run out). */
export function timerRemaining(timer: TimerState, serverNow: number): number {
  if (timer.state === 'running') return Math.max(0, (timer.endsAt ?? serverNow) - serverNow);
  if (timer.state === 'paused') return timer.remainingMs;
  return 0;
}

/** "m:ss" (or "h:mm:ss"), rounding up so 0:00 shows only when time is really out. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Today in the browser's time zone as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** A YYYY-MM-DD date in words for the locale ("22. november 2026"). */
export function formatDate(date: string, locale: 'nb' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'long' }).format(
    d,
  );
}

/** Boards of a workshop in the order the console lists them: by phase, then by group. */
export function boardsByPhase(
  state: WorkshopState,
): { phaseId: string | null; boards: WorkshopBoard[] }[] {
  const groupOrder = new Map(state.groups.map((g) => [g.id, g.order]));
  const rank = (b: WorkshopBoard) =>
    b.groupId === null ? -1 : (groupOrder.get(b.groupId) ?? Number.MAX_SAFE_INTEGER);
  const sections: { phaseId: string | null; boards: WorkshopBoard[] }[] = [];
  for (const phase of [...state.phases].reverse()) {
    const boards = state.boards.filter((b) => b.phaseId === phase.id);
    if (boards.length)
      sections.push({ phaseId: phase.id, boards: boards.sort((a, b) => rank(a) - rank(b)) });
  }
  const known = new Set(state.phases.map((p) => p.id));
  const rest = state.boards.filter((b) => b.phaseId === null || !known.has(b.phaseId));
  if (rest.length) sections.push({ phaseId: null, boards: rest.sort((a, b) => rank(a) - rank(b)) });
  return sections;
}

/** A market's round clock as a timer, for the countdown helpers (idle unless started). */
export function marketTimer(m: Market): TimerState {
  const state = m.state === 'running' || m.state === 'paused' ? m.state : 'idle';
  return { state, durationMs: m.roundMs, endsAt: m.endsAt, remainingMs: m.remainingMs };
}

/** Where a participant is in the running (or paused) market: the round, and whom they visit. */
export interface MarketPlace {
  round: number;
  total: number;
  /** The group whose board they visit; null when they are at home. */
  visiting: string | null;
  /** At home with a visiting group to present to (false when nobody comes this round). */
  hosting: boolean;
}

export function marketPlaceOf(state: WorkshopState, participantId: string): MarketPlace | null {
  const m = state.market;
  if (!m || (m.state !== 'running' && m.state !== 'paused')) return null;
  const me = state.participants.find((p) => p.id === participantId);
  if (me?.role !== 'participant' || !me.groupId) return null;
  const dest = m.hostIds.includes(me.id) ? me.groupId : whereIs(m.plan, m.round, me.groupId);
  const home = dest === me.groupId;
  return {
    round: m.round,
    total: m.plan.length,
    visiting: home ? null : dest,
    hosting: home && visitorsOf(m.plan, m.round, me.groupId).length > 0,
  };
}

/**
 * The board a participant goes back to when the market ends: their group's board in the
 * market's phase (unless archived), else where they belong now.
 */
export function homeBoardAfterMarket(state: WorkshopState, participantId: string): string | null {
  const me = state.participants.find((p) => p.id === participantId);
  const own = me?.groupId ? state.market?.boardIds[me.groupId] : undefined;
  const board = own ? state.boards.find((b) => b.id === own && !b.archived) : undefined;
  return board?.id ?? currentBoardFor(state, participantId)?.id ?? null;
}
