import type {
  Agenda,
  AgendaPlan,
  bringBody,
  createWorkshopBody,
  DayPlan,
  joinBody,
  Locale,
  MessageKey,
  newPhaseBody,
  Presentation,
  RetentionDays,
  Role,
  Shape,
  timerBody,
  updateBoardBody,
} from '@torg/shared';

/** A request body's type, from its zod schema in @torg/shared (zod is not a client dependency). */
export type Input<T extends { _zod: { input: unknown } }> = T['_zod']['input'];

/**
 * The workshops API (docs/workshops-api.md) as typed functions: the requests, their errors,
 * and the commands of a workshop as a whole. Comments, votes, the market and exports have
 * theirs in their folders (`comments/comments-api.ts`, …); the tokens are in `tokens.ts`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The message to show for a failed request. */
/** Refusals that say what is in the way (409s other than "the workshop has ended"). */
const CONFLICTS: Record<string, MessageKey> = {
  agenda_moved: 'error.agendaMoved',
  no_next_step: 'error.noNextStep',
  step_started: 'error.stepStarted',
  no_group_phase: 'error.noGroupPhase',
  no_boards: 'error.noBoards',
  vote_open: 'error.voteOpen',
  market_running: 'error.marketRunning',
  presentation_moved: 'error.presentationMoved',
  no_presentation: 'error.noPresentation',
  no_presentation_round: 'error.noPresentation',
  too_fast: 'error.tooFast',
};

export function errorKey(err: unknown): MessageKey {
  if (!(err instanceof ApiError)) return 'error.network';
  if (err.code === 'joining_closed') return 'error.joiningClosed';
  if (err.code === 'workshop_full') return 'error.workshopFull';
  const known = CONFLICTS[err.code];
  if (known) return known;
  switch (err.status) {
    case 0:
      return 'error.network';
    case 400:
      return 'error.badRequest';
    case 401:
      return 'error.unauthorized';
    case 403:
      return 'error.forbidden';
    case 404:
      return 'error.notFound';
    case 409:
      return err.code === 'workshop_ended' ? 'error.ended' : 'error.conflict';
    // The server's per-address budget (joins, uploads, exports…); it says when to try again.
    case 429:
      return 'error.tooMany';
    default:
      return 'error.unknown';
  }
}

export async function request<T>(
  method: string,
  path: string,
  { body, token }: { body?: unknown; token?: string | null } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    let code = 'error';
    let message = res.statusText;
    try {
      const j = (await res.json()) as { error?: unknown; message?: unknown };
      if (typeof j.error === 'string') code = j.error;
      if (typeof j.message === 'string') message = j.message;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, code, message);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Joined {
  workshopId: string;
  participantId: string;
  token: string;
}

export interface JoinInfo {
  workshopId: string;
  title: string;
  date: string;
  role: 'participant' | 'observer';
  groups: { id: string; name: string }[];
}

export const enc = encodeURIComponent;

export const api = {
  time: () => request<{ now: number }>('GET', '/api/time'),
  createWorkshop: (body: Input<typeof createWorkshopBody>) =>
    request<Joined & { joinCode: string; observerCode: string }>('POST', '/api/workshops', {
      body,
    }),
  joinInfo: (code: string) => request<JoinInfo>('GET', `/api/join/${enc(code)}`),
  join: (body: Input<typeof joinBody>) =>
    request<Joined & { role: Role }>('POST', '/api/join', { body }),
  me: (id: string, token: string) =>
    request<{ workshopId: string; participantId: string; role: Role }>(
      'GET',
      `/api/workshops/${enc(id)}/me`,
      { token },
    ),
  rename: (id: string, token: string, name: string) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/me`, { token, body: { name } }),
  /** The room screen's read-only token (the same observer each time). */
  screen: (id: string, token: string) =>
    request<{ token: string }>('POST', `/api/workshops/${enc(id)}/screen`, { token }),
  /** The join code, for the room screen (and facilitators) only. */
  screenJoin: (id: string, token: string) =>
    request<{ joinCode: string; joinOpen: boolean }>(
      'GET',
      `/api/workshops/${enc(id)}/screen/join`,
      { token },
    ),
  codes: (id: string, token: string) =>
    request<{ joinCode: string; observerCode: string; joinOpen: boolean }>(
      'GET',
      `/api/workshops/${enc(id)}/codes`,
      { token },
    ),
  setJoining: (id: string, token: string, open: boolean) =>
    request<{ joinOpen: boolean }>('POST', `/api/workshops/${enc(id)}/joining`, {
      token,
      body: { open },
    }),
  rotateCodes: (id: string, token: string, body: { signOut: boolean }) =>
    request<{ joinCode: string; observerCode: string }>(
      'POST',
      `/api/workshops/${enc(id)}/codes/rotate`,
      { token, body },
    ),
  addFacilitator: (id: string, token: string, name: string) =>
    request<{ participantId: string; token: string }>(
      'POST',
      `/api/workshops/${enc(id)}/facilitators`,
      { token, body: { name } },
    ),
  renameGroup: (id: string, token: string, groupId: string, name: string) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/groups/${enc(groupId)}`, {
      token,
      body: { name },
    }),
  moveParticipant: (id: string, token: string, pid: string, groupId: string | null) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/participants/${enc(pid)}/group`, {
      token,
      body: { groupId },
    }),
  newPhase: (id: string, token: string, body: Input<typeof newPhaseBody>) =>
    request<{ phaseId: string; boardIds: string[] }>('POST', `/api/workshops/${enc(id)}/phases`, {
      token,
      body,
    }),
  updateBoard: (id: string, token: string, boardId: string, body: Input<typeof updateBoardBody>) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/boards/${enc(boardId)}`, {
      token,
      body,
    }),
  lockAll: (id: string, token: string, locked: boolean) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/lock`, { token, body: { locked } }),
  message: (id: string, token: string, text: string) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/message`, { token, body: { text } }),
  agendaPlan: (id: string, token: string, body: AgendaPlan) =>
    request<{ agenda: Agenda }>('PUT', `/api/workshops/${enc(id)}/agenda`, { token, body }),
  /** `currentId`: the step this screen shows running (a second click then starts nothing). */
  agendaNext: (id: string, token: string, currentId: string | null) =>
    request<{ agenda: Agenda }>('POST', `/api/workshops/${enc(id)}/agenda/next`, {
      token,
      body: { currentId },
    }),
  agendaEnd: (id: string, token: string) =>
    request<{ agenda: Agenda }>('POST', `/api/workshops/${enc(id)}/agenda/end`, { token }),
  timer: (id: string, token: string, body: Input<typeof timerBody>) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/timer`, { token, body }),
  present: (id: string, token: string, boardId: string) =>
    request<{ presentation: Presentation }>('POST', `/api/workshops/${enc(id)}/presentation`, {
      token,
      body: { boardId },
    }),
  /** `seq`: the presentation this screen shows (a click on an old view moves nothing). */
  presentSection: (id: string, token: string, seq: number, frameId: string | null) =>
    request<{ presentation: Presentation }>(
      'POST',
      `/api/workshops/${enc(id)}/presentation/section`,
      { token, body: { seq, frameId } },
    ),
  presentNext: (id: string, token: string) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/presentation/next`, { token }),
  presentStop: (id: string, token: string) =>
    request<unknown>('DELETE', `/api/workshops/${enc(id)}/presentation`, { token }),
  bring: (id: string, token: string, body: Input<typeof bringBody>) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/bring`, { token, body }),
  end: (id: string, token: string) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/end`, { token }),
  setGatheringLocale: (id: string, token: string, locale: Locale) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/locale`, {
      token,
      body: { locale },
    }),
  setRetention: (id: string, token: string, days: RetentionDays | null) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/retention`, { token, body: { days } }),
  remove: (id: string, token: string) =>
    request<unknown>('DELETE', `/api/workshops/${enc(id)}`, { token }),
  saveTemplate: (id: string, token: string, boardId: string, name: string) =>
    request<{ templateId: string }>('POST', `/api/workshops/${enc(id)}/templates`, {
      token,
      body: { boardId, name },
    }),
  templates: (token: string) => request<SavedTemplateInfo[]>('GET', '/api/templates', { token }),
  /** The workshop's plan of the day, kept as a gathering template. */
  saveAgendaTemplate: (id: string, token: string, name: string) =>
    request<{ templateId: string }>('POST', `/api/workshops/${enc(id)}/agenda/template`, {
      token,
      body: { name },
    }),
  template: (token: string, templateId: string) =>
    request<{ id: string; name: string; shapes: Shape[]; plan: DayPlan | null }>(
      'GET',
      `/api/templates/${enc(templateId)}`,
      { token },
    ),
  renameTemplate: (token: string, templateId: string, name: string) =>
    request<unknown>('PATCH', `/api/templates/${enc(templateId)}`, { token, body: { name } }),
  deleteTemplate: (token: string, templateId: string) =>
    request<unknown>('DELETE', `/api/templates/${enc(templateId)}`, { token }),
};

export interface SavedTemplateInfo {
  id: string;
  name: string;
  createdAt: number;
  /** A board's objects, or a gathering's plan of the day. */
  kind: 'board' | 'gathering';
  objects: number;
  steps: number;
}

/** Absolute links people share (the page's own origin: the server that served it). */
export const links = {
  participant: (code: string) => `${window.location.origin}/j/${code}`,
  screen: (workshopId: string, token: string) =>
    `${window.location.origin}/w/${workshopId}/screen#t=${token}`,
  facilitator: (workshopId: string, token: string) =>
    `${window.location.origin}/w/${workshopId}#t=${token}`,
};
